"""Screenshots of the live behaviour for the docs (docs/images/).

Not a check: runs only with LIVEBLOG_SCREENSHOTS=1, for example
``LIVEBLOG_SCREENSHOTS=1 .venv/bin/pytest tests/browser/test_screenshots.py``
(``LIVEBLOG_SCREENSHOTS_OUT=<folder>`` writes them elsewhere). The demo
site's own screenshots come from ``example_site/screenshots.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.browser.constants import ARRIVAL_MS
from tests.browser.demo import publish_demo, publish_first_screen
from tests.browser.reader_support import new_reader
from tests.factories import post, text

IMAGES = Path(
    os.environ.get("LIVEBLOG_SCREENSHOTS_OUT")
    or Path(__file__).resolve().parents[2] / "docs" / "images"
)

pytestmark = pytest.mark.skipif(
    not os.environ.get("LIVEBLOG_SCREENSHOTS"), reason="set LIVEBLOG_SCREENSHOTS=1"
)


def test_screenshots(blog, reader):
    IMAGES.mkdir(parents=True, exist_ok=True)
    blog, _items = publish_demo(blog)
    reader.page.set_viewport_size({"width": 1200, "height": 760})
    reader.open(blog.url)
    reader.page.wait_for_load_state("networkidle")

    # A new update arrives while the reader is at the top of the list.
    reader.page.evaluate(
        "window.scrollTo(0, document.querySelector('.liveblog__updates').offsetTop - 24)"
    )
    first = post(
        blog,
        "Second levee under pressure",
        [
            text(
                "<p>Engineers are reinforcing the Eastport levee with sandbags. "
                "Residents nearby are asked to prepare to leave.</p>"
            )
        ],
        author="Dana Whitfield",
    )
    reader.page.wait_for_selector(f"#update-{first}", timeout=ARRIVAL_MS)
    reader.page.wait_for_timeout(150)  # early in through the arrival highlight
    reader.page.screenshot(path=str(IMAGES / "live-new-update.png"))

    # The reader has scrolled down: the "new updates" button appears.
    reader.page.evaluate(
        "document.querySelector('[data-liveblog-list] > article:nth-child(3)')"
        ".scrollIntoView({block: 'start'})"
    )
    for headline in ("Power cut in the north of the city", "Trains suspended"):
        post(blog, headline)
    reader.page.wait_for_function(
        "document.querySelector('[data-liveblog-new-button]').textContent === '2 new updates'",
        timeout=ARRIVAL_MS,
    )
    reader.page.screenshot(path=str(IMAGES / "live-banner.png"))
    assert reader.errors == []


def test_screenshot_of_updates_arriving_below_a_phones_first_screen(
    blog, browser, live_server
):
    IMAGES.mkdir(parents=True, exist_ok=True)
    context, tab = new_reader(
        browser,
        live_server,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        reduced_motion="reduce",
    )
    try:
        blog, _items = publish_first_screen(blog)
        tab.open(blog.url)
        tab.page.wait_for_load_state("networkidle")
        # The reader opens the key events, so the updates start below the
        # first screen.
        tab.page.locator(".liveblog__key-events-toggle").click()
        for headline in ("Power cut in the north of the city", "Trains suspended"):
            post(blog, headline)
        tab.page.wait_for_function(
            "document.querySelector('[data-liveblog-new-button]').textContent"
            " === '↓ 2 new updates'",
            timeout=ARRIVAL_MS,
        )
        tab.page.screenshot(path=str(IMAGES / "live-below-phone.png"))
        assert tab.errors == []
    finally:
        context.close()
