"""Accessibility in headless Chromium: axe-core on a blog with every block
type, and reduced motion honoured."""

from __future__ import annotations

import pytest
from django.utils import timezone

from tests.browser.constants import ARRIVAL_MS, AXE
from tests.browser.demo import publish_demo
from tests.factories import numbered_updates, post, publish, text

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => n.target.join(" ")),
  }));
}"""


def serious_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.skip("axe-core is not installed: run `npm ci --prefix tests/browser`")
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(RUN_AXE)
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def test_axe_finds_no_serious_violation(blog, reader):
    blog, items = publish_demo(blog)
    reader.open(blog.url)
    # Every block type and section is on the page.
    for selector in (
        ".liveblog__summary li",
        ".liveblog-text",
        ".liveblog-image img",
        ".liveblog-image__credit",
        ".liveblog-quote",
        "[data-liveblog-pinned] article",
        "[data-liveblog-key-events] li",
    ):
        assert reader.page.locator(selector).count(), selector
    reader.page.wait_for_load_state("networkidle")
    assert serious_violations(reader.page) == []

    # And with the "new updates" button showing.
    reader.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    post(blog, "Second levee under pressure", [text("<p>Engineers are on site.</p>")])
    reader.page.locator("[data-liveblog-new-button]").wait_for(
        state="visible", timeout=ARRIVAL_MS
    )
    assert serious_violations(reader.page) == []
    assert reader.errors == []

    # The check itself works: a button without a name is reported.
    reader.page.evaluate(
        "document.querySelector('.liveblog__main').append(document.createElement('button'))"
    )
    assert "button-name" in [v["id"] for v in serious_violations(reader.page)]


ANIMATION = "([sel, pseudo]) => getComputedStyle(document.querySelector(sel), pseudo).animationName"


def _arrive(reader, blog):
    new = post(blog, "Road reopened")
    reader.page.wait_for_selector(f"#update-{new}", timeout=ARRIVAL_MS)
    return reader.page.locator(f"#update-{new}")


def test_motion_by_default(blog, reader):
    items = numbered_updates(2)
    blog.coverage_start = timezone.now()
    blog = publish(blog, items)
    reader.open(blog.url)
    assert reader.page.evaluate(ANIMATION, [".liveblog-badge--live", "::before"]) == (
        "liveblog-pulse"
    )
    arrived = _arrive(reader, blog)
    assert "liveblog-update--new" in arrived.get_attribute("class")


def test_reduced_motion_is_respected(blog, reduced_motion_reader):
    reader = reduced_motion_reader
    items = numbered_updates(20)
    blog = publish(blog, items)
    reader.open(blog.url)
    assert (
        reader.page.evaluate(ANIMATION, [".liveblog-badge--live", "::before"]) == "none"
    )
    arrived = _arrive(reader, blog)
    assert arrived.evaluate("n => getComputedStyle(n).animationName") == "none"
    assert "liveblog-update--new" not in arrived.get_attribute("class")

    # The button jumps straight to the new update instead of smooth-scrolling.
    reader.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    later = post(blog, "Trains running again")
    reader.page.locator("[data-liveblog-new-button]").wait_for(
        state="visible", timeout=ARRIVAL_MS
    )
    top = reader.page.evaluate(
        """id => {
            document.querySelector("[data-liveblog-new-button]").click();
            return document.getElementById(id).getBoundingClientRect().top;
        }""",
        f"update-{later}",
    )
    assert 0 <= top < 120
    assert reader.errors == []
