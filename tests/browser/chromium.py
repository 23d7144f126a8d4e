"""How the browser suite and the docs screenshots start Chromium: Debian's
``/usr/bin/chromium`` through Playwright, never a downloaded browser.

The one place for the launch options, used by ``tests/browser/conftest.py``
and ``example_site/screenshots.py``. Playwright already passes
``--no-sandbox``, ``--no-first-run`` and its own list of quieting flags;
what is added here:

- ``--disable-gpu``: these machines (developers', CI's) have no GPU, so
  Chromium should not look for one;
- the switches that stop Chromium's own requests to Google's services
  (background networking, component updates, sync). These machines reach
  only package registries, so those requests can only fail, and a test
  must never wait on them. Playwright 1.65 passes them as well; they are
  repeated so that any Playwright the project allows (``playwright>=1.45``)
  starts the browser the same way.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def missing(executable: str = CHROMIUM) -> str | None:
    """Why Chromium cannot be started here, or None."""
    if not Path(executable).exists():
        return f"{executable} is not installed (apt-get install chromium)"
    return None


def launch(playwright: Any, executable: str = CHROMIUM, **options: Any):
    """A headless Chromium from Playwright's ``sync_playwright()`` object."""
    options.setdefault("headless", True)
    return playwright.chromium.launch(
        executable_path=executable, args=CHROMIUM_ARGS, **options
    )
