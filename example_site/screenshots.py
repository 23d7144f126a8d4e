"""Take the README/docs screenshots of the demo live blog.

Usage, from the repository root, with the demo running (``make run``, or
``PORT=8123 make run`` and ``--port 8123`` below)::

    .venv/bin/python example_site/screenshots.py [--port 8000] [--out docs/images]

It writes ``demo-desktop.png`` (1280 px wide, the first 2000 px of the
page) and ``demo-phone.png`` (390 px wide at 2x, the first 1400 px) into
``--out``. It drives Debian's Chromium (``/usr/bin/chromium``, or
``--chromium PATH``) through Playwright's Python package and never downloads
a browser, started as the browser suite starts it
(``tests/browser/chromium.py``). The screenshots of the live behaviour
(``live-*.png``) come from ``tests/browser/test_screenshots.py``.
"""

from __future__ import annotations

import argparse
import os
import sys
from io import BytesIO
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.browser import chromium  # noqa: E402 - needs the repository on the path

SHOTS = [
    # name, viewport width, height captured, device scale factor
    ("demo-desktop.png", 1280, 2000, 1),
    ("demo-phone.png", 390, 1400, 2),
]
MAX_BYTES = 600_000


def save_small(png: bytes, path: Path) -> int:
    """Save ``png``, reduced to a 256-colour palette if it is too large."""
    if len(png) > MAX_BYTES:
        image = Image.open(BytesIO(png)).convert("RGB")
        image = image.quantize(
            colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
        )
        buffer = BytesIO()
        image.save(buffer, format="PNG", optimize=True)
        png = buffer.getvalue()
    path.write_bytes(png)
    return len(png)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
    parser.add_argument("--path", default="/storm-ingrid-live/", help="page to capture")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "images")
    parser.add_argument("--chromium", default=chromium.CHROMIUM)
    args = parser.parse_args()
    url = f"http://127.0.0.1:{args.port}{args.path}"
    args.out.mkdir(parents=True, exist_ok=True)

    with sync_playwright() as p:
        browser = chromium.launch(p, args.chromium)
        for name, width, height, scale in SHOTS:
            # The viewport is as tall as the capture, so lazy images load.
            page = browser.new_page(
                viewport={"width": width, "height": height},
                device_scale_factor=scale,
                reduced_motion="reduce",
            )
            page.goto(url, wait_until="load")
            # The script has written the times in the reader's time zone.
            page.wait_for_selector(".liveblog--enhanced")
            page.wait_for_function(
                "Array.from(document.images)"
                ".filter(img => img.getBoundingClientRect().top < innerHeight)"
                ".every(img => img.complete)"
            )
            png = page.screenshot()
            size = save_small(png, args.out / name)
            print(f"{args.out / name}: {width}x{height} at {scale}x, {size // 1024} KB")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
