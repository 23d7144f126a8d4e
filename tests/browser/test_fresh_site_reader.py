"""The reader page in a brand-new ``wagtail start`` site, as issues 10 and
18 ask it to be shown: a blog of 45 updates with a two-sentence intro,
four key points, a pinned update with a photo and ten key events, served
by ``runserver`` and read in Chromium at 1280x800, 1920x1080 and 390x844.

- the first latest update's top is inside the first screen (844 px on the
  phone), below the key points, the compact row of key events and view
  toggles, and the pinned update's teaser;
- ``?filter=key-events`` shows exactly the key events, newest first, all
  reachable through "Load more" (the site sets ``PAGE_SIZE`` to 3 so that
  ten key events need four windows);
- ``?order=oldest`` starts with the first update;
- each update offers a share control named after it;
- the canonical link equals the page's URL, and there is an ``og:title``;
- the key points are above the first update;
- axe-core finds no violation at all, let alone a serious or critical one.

Slow (``wagtail start``, migrating, a server in a subprocess): marked
``slow`` as ``tests/test_fresh_site.py`` is.
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request

import pytest

from benchmarks.multiprocess_load import free_port
from tests.browser.axe import violations
from tests.browser.constants import LAPTOP, PHONE, WIDE
from tests.fresh_site import new_site

pytestmark = pytest.mark.slow

SIZES = {"desktop": LAPTOP, "wide": WIDE, "phone": PHONE}
KEY_EVENTS = [9 + 4 * k for k in range(10)]  # updates 9, 13, ..., 45

SEED = r"""
from datetime import datetime, timedelta, timezone
from io import BytesIO
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from PIL import Image as Picture
from wagtail.images.models import Image
from wagtail.models import Site
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogPage

chief = get_user_model().objects.create_superuser("chief", "c@example.com", "pw")
site = Site.objects.get(is_default_site=True)
site.hostname, site.port = "127.0.0.1", int(PORT)
site.save()
blog = site.root_page.add_child(instance=LiveBlogPage(
    title="Storm Ellen: flooding across the valley",
    slug="storm",
    intro="<p>Heavy rain has flooded roads and homes across the valley since "
    "Tuesday night. Our reporters follow the storm as it moves north.</p>",
    summary="<ul><li>The river is expected to peak at 4.2 metres tonight</li>"
    "<li>Homes within 500 metres of the river are being evacuated</li>"
    "<li>Shelters are open at the stadium and Eastport high school</li>"
    "<li>All schools in the district stay closed on Friday</li></ul>",
))
blog.save_revision(user=chief).publish(user=chief)
start = datetime.now(timezone.utc) - timedelta(hours=1)
buffer = BytesIO()
Picture.new("RGB", (1200, 800), (60, 110, 90)).save(buffer, "JPEG")
photo = Image.objects.create(
    title="Camp beds", file=ImageFile(buffer, name="camp-beds.jpg")
)
editing.import_updates(blog, user=chief, updates=[
    {"headline": f"Update {n}", "key_event": n in KEY_EVENTS,
     "body": [{"type": "text", "value": f"<p>What happened in update {n}.</p>"}],
     "posted_at": start + timedelta(minutes=n)}
    for n in range(1, 46)
] + [
    {"headline": "Where to find shelter tonight", "pinned": True,
     "body": [
         {"type": "text", "value": "<p>Shelters are open at the city stadium "
          "and at Eastport high school, with hot food and camp beds. Bring "
          "medication, documents and phone chargers.</p><p>Call 0800 000 210 "
          "for a lift if you cannot get there.</p>"},
         {"type": "image", "value": {"image": photo.pk, "caption": "Camp beds "
          "at the stadium", "credit": "City of Millbrook", "alt": "Rows of camp "
          "beds in a sports hall"}},
     ],
     "posted_at": start + timedelta(minutes=44, seconds=30)},
])
print("BLOG " + blog.url)
"""


@pytest.fixture(scope="module")
def fresh_site(tmp_path_factory):
    """A ``wagtail start`` site with the package, a seeded blog and a
    running server: yields the blog's URL."""
    where = tmp_path_factory.mktemp("fresh-reader")
    env = new_site(where, settings='\nWAGTAIL_LIVEBLOG = {"PAGE_SIZE": 3}\n')
    port = free_port()
    seeded = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            SEED.replace("PORT", str(port)).replace("KEY_EVENTS", repr(KEY_EVENTS)),
        ],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    path = next(
        line.removeprefix("BLOG ")
        for line in seeded.stdout.splitlines()
        if line.startswith("BLOG ")
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "runserver",
            f"127.0.0.1:{port}",
            "--noreload",
        ],
        cwd=where,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}{path}"
    try:
        for _ in range(150):
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail(f"the fresh site's server did not answer at {url}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(params=list(SIZES))
def page(request, browser):
    width, height = SIZES[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height}, locale="en-GB"
    )
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(str(error)))
    tab.size, tab.height = request.param, height
    yield tab
    context.close()


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("[data-liveblog].liveblog--enhanced")


def headlines(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-liveblog-list] > article h3", "nodes => nodes.map(n => n.textContent)"
    )


def test_the_reader_page_in_a_new_wagtail_site(fresh_site, page):
    url = fresh_site
    open_page(page, url)

    # The first latest update starts on the first screen, below the key
    # points, the compact row and the pinned update's teaser (whose copy in
    # the list is a stub).
    latest = page.locator("[data-liveblog-list] > article:not(.liveblog-update--stub)")
    top = latest.first.evaluate("n => n.getBoundingClientRect().top")
    summary = page.locator("[data-liveblog-summary]").bounding_box()
    teaser = page.locator("[data-liveblog-teaser]").bounding_box()
    print(f"\n{page.size}: first latest update's top at {top:.0f} px of {page.height}")
    assert 0 < top < page.height
    assert summary["y"] + summary["height"] <= teaser["y"] < top
    assert latest.first.locator("h3").inner_text() == "Update 45"
    assert page.locator("[data-liveblog-summary] li").count() == 4
    assert page.locator("[data-liveblog-teaser] img").bounding_box()["width"] <= 80
    assert page.get_by_role("button", name="Show more").is_visible()
    if page.size == "phone":
        row = [
            page.locator(selector).first.bounding_box()["y"]
            for selector in (".liveblog__key-events-toggle", ".liveblog__toggle")
        ]
        assert abs(row[0] - row[1]) <= 4  # one row

    # Canonical link and Open Graph title.
    assert page.get_attribute('link[rel="canonical"]', "href") == url
    assert page.get_attribute('meta[property="og:title"]', "content") == (
        "Storm Ellen: flooding across the valley"
    )

    # Each update offers a share control named after it.
    for article in page.locator("[data-liveblog-list] > article").all():
        headline = article.locator("h3").inner_text()
        share = article.get_by_role("button", name=f"Share “{headline}”")
        assert share.is_visible()

    found = violations(page)
    serious = [v for v in found if v["impact"] in ("serious", "critical")]
    assert serious == []
    assert found == []

    # Key events only: exactly the key events, newest first, through load more.
    open_page(page, f"{url}?filter=key-events")
    while page.locator("a.liveblog__more-link").count():
        shown = len(headlines(page))
        page.locator("a.liveblog__more-link").click()
        page.wait_for_function(
            f"document.querySelectorAll('[data-liveblog-list] > article').length > {shown}"
        )
    assert headlines(page) == [f"Update {n}" for n in reversed(KEY_EVENTS)]
    assert (
        page.get_attribute('[data-liveblog-toggle="filter"]', "aria-pressed") == "true"
    )
    assert violations(page) == []

    # Oldest first starts with the first update.
    open_page(page, f"{url}?order=oldest")
    assert headlines(page)[0] == "Update 1"
    assert violations(page) == []
    assert page.errors == []
