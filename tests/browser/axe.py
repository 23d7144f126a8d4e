"""axe-core in the page under test (``npm ci --prefix tests/browser``)."""

from __future__ import annotations

import pytest

from tests.browser.constants import AXE

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ")),
  }));
}"""


def violations(page) -> list[dict]:
    """Every axe-core violation on the page as it is now (WCAG 2.x A and AA
    and axe's best practices), whatever its impact."""
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm ci --prefix tests/browser`")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(RUN_AXE)
