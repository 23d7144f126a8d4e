"""What the reader page says about itself and each update, without
JavaScript: the canonical link, Open Graph and Twitter card tags, each
update's share control and time link, embeds' frames, dark mode's colour
scheme, and where "Load more" lands."""

from __future__ import annotations

import re
from html import unescape

import pytest

from tests.browser.demo import KEY_POINTS, publish_forty_five
from tests.factories import (
    editor,
    image,
    make_image,
    numbered_updates,
    post,
    publish,
    quote,
    text,
    update,
)
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = pytest.mark.django_db

VIDEO = "https://video.example/watch/levee"
POST = "https://social.example/mayor/status/1"


def get_html(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def head(html: str) -> str:
    return html.split("</head>", 1)[0]


def meta(html: str) -> dict[str, str]:
    """``property``/``name`` → ``content`` of the head's meta tags."""
    found = {}
    for tag in re.findall(r"<meta [^>]+>", head(html)):
        key = re.search(r'(?:property|name)="([^"]+)"', tag)
        content = re.search(r'content="([^"]*)"', tag)
        if key and content:
            found[key.group(1)] = unescape(content.group(1))
    return found


def canonical(html: str) -> list[str]:
    return re.findall(r'<link rel="canonical" href="([^"]+)">', head(html))


def article(html: str, update_id: str) -> str:
    return html.split(f'<article id="update-{update_id}"', 1)[1].split("</article>")[0]


# -- canonical and social cards -----------------------------------------------------


def test_every_view_and_window_has_the_page_as_canonical(client, blog):
    page, items = publish_forty_five(blog)
    full = f"http://localhost{page.url}"
    some = items[25]["id"]
    for query in (
        "",
        "?filter=key-events",
        "?order=oldest",
        f"?order=oldest&after={some}",
        f"?before={some}",
        f"?update={some}",
        "?utm_source=newsletter",
    ):
        html = get_html(client, f"{page.url}{query}")
        assert canonical(html) == [full], query
        assert meta(html)["og:url"] == full
        assert meta(html)["og:title"] == page.title


def test_social_cards_carry_title_description_and_site(client, blog):
    page, _items = publish_forty_five(blog)
    tags = meta(get_html(client, page.url))
    assert tags["og:type"] == "article"
    assert tags["twitter:title"] == page.title
    # No search description: the key points, one sentence each.
    assert tags["og:description"] == (
        "The river is expected to peak at 4.2 metres tonight. Homes within 500 "
        "metres of the river are being evacuated. Shelters are open at the "
        "stadium and Eastport high school."
    )
    assert tags["twitter:description"] == tags["og:description"]
    assert tags["og:site_name"] == "Test site"  # WAGTAIL_SITE_NAME: no site name
    assert tags["twitter:card"] == "summary"  # no picture
    assert "og:image" not in tags
    assert tags["article:published_time"].endswith("Z")

    page.search_description = "Live: the river, the evacuation, the shelters."
    page.seo_title = "Flood live"
    page = publish(page)
    tags = meta(get_html(client, page.url))
    assert tags["og:description"] == page.search_description
    assert tags["og:title"] == "Flood live"


def test_the_intro_describes_a_blog_without_key_points(client, blog):
    blog.intro = "<p>Rain &amp; wind across the valley.</p>"
    page = publish(blog, numbered_updates(1))
    assert meta(get_html(client, page.url))["og:description"] == (
        "Rain & wind across the valley."
    )


def test_the_site_name_and_the_publisher_setting(client, blog, settings):
    from wagtail.models import Site

    page = publish(blog, numbered_updates(1))
    Site.objects.filter(is_default_site=True).update(site_name="The Courier")
    assert meta(get_html(client, page.url))["og:site_name"] == "The Courier"
    settings.WAGTAIL_LIVEBLOG = {"PUBLISHER": {"name": "Courier Media"}}
    assert meta(get_html(client, page.url))["og:site_name"] == "Courier Media"


def test_the_card_picture_is_the_pinned_updates_else_the_newest(client, blog):
    pinned_photo = make_image("Pinned", width=1600, height=900)
    newer_photo = make_image("Newer", width=1600, height=900)
    older_photo = make_image("Older", width=1600, height=900)
    items = numbered_updates(4)
    items[0]["value"]["body"] = [text("<p>No picture.</p>")]
    items[1]["value"]["body"] = [image(newer_photo, alt="A flooded road")]
    items[2]["value"]["body"] = [image(older_photo)]
    items[3]["value"].update(
        pinned=True, body=[image(pinned_photo, alt="Sandbags at the levee")]
    )
    page = publish(blog, items)
    tags = meta(get_html(client, page.url))
    pinned_url = LiveBlogUpdate.objects.get(pk=items[3]["id"]).data["body"][0]
    assert tags["og:image"] == (
        "http://localhost" + pinned_url["value"]["renditions"][-1]["url"]
    )
    assert tags["og:image:alt"] == "Sandbags at the levee"
    assert tags["og:image:width"] == "1200" and tags["og:image:height"] == "675"
    assert tags["twitter:card"] == "summary_large_image"
    assert tags["twitter:image"] == tags["og:image"]

    # Unpinned: the newest update with a picture.
    editing.edit_update(page, items[3]["id"], user=editor(), pinned=False)
    tags = meta(get_html(client, page.url))
    newer = LiveBlogUpdate.objects.get(pk=items[1]["id"]).data["body"][0]
    assert tags["og:image"].endswith(newer["value"]["renditions"][-1]["url"])
    assert tags["og:image:alt"] == "A flooded road"


def test_previews_have_no_canonical_or_cards(blog):
    page = publish(blog, numbered_updates(2))
    html = page.make_preview_request().content.decode()
    assert canonical(html) == []
    assert "og:title" not in html
    draft = post(page, "Draft", publish=False)
    preview = (
        LiveBlogUpdate.objects.get(pk=draft)
        .get_latest_revision_as_object()
        .make_preview_request()
        .content.decode()
    )
    assert canonical(preview) == [] and "og:title" not in preview
    # Nor the view toggles, which would lead out of the preview.
    assert "data-liveblog-views" not in html and "data-liveblog-views" not in preview


def test_metadata_cannot_break_out_of_its_attributes(client, blog):
    blog.title = 'Storm "Ellen" <script>alert(1)</script>'
    blog.summary = '<ul><li>Winds &gt; 100 km/h "gusting"</li></ul>'
    page = publish(blog, numbered_updates(1))
    html = get_html(client, page.url)
    assert "<script>alert(1)" not in html
    tags = meta(html)
    assert tags["og:title"] == 'Storm "Ellen" <script>alert(1)</script>'
    assert tags["og:description"] == 'Winds > 100 km/h "gusting".'


# -- each update: share control and time link ------------------------------------------


def test_every_update_has_a_share_control_named_after_it(client, blog):
    items = [
        update("Levee breached at Eastport"),
        update(
            "",
            body=[text("<p>Water is coming over the wall near the old mill now.</p>")],
        ),
        update("", body=[quote("Leave now.", "Mayor Ana Reyes")]),
    ]
    page = publish(blog, items)
    html = get_html(client, page.url)
    names = {}
    for item in items:
        button = re.search(
            r"<button [^>]*data-liveblog-share[^>]*>", article(html, item["id"])
        ).group(0)
        assert 'type="button"' in button
        assert " hidden" in button  # until the script can share or copy
        names[item["id"]] = unescape(
            re.search(r'aria-label="([^"]+)"', button).group(1)
        )
    assert names[items[0]["id"]] == "Share “Levee breached at Eastport”"
    assert names[items[1]["id"]] == (
        "Share “Water is coming over the wall near the old mill now.”"
    )
    assert names[items[2]["id"]] == "Share “Leave now.”"
    # The visible word is part of the name (WCAG 2.5.3).
    assert ">Share</span>" in article(html, items[0]["id"])


def test_the_time_link_is_the_permalink_named_by_the_absolute_time(client, blog):
    page = publish(blog, numbered_updates(2))
    html = get_html(client, page.url)
    first = LiveBlogUpdate.objects.filter(blog=page).order_by("-posted_at").first()
    link = re.search(
        r'<a class="liveblog-update__permalink" href="([^"]+)">\s*<time[^>]*>([^<]+)</time>',
        article(html, str(first.pk)),
    )
    assert link.group(1) == f"?update={first.pk}#update-{first.pk}"
    assert link.group(2) == "March 14, 2026, 9:02 a.m."  # DATETIME_FORMAT, UTC


def test_edits_are_stamped_for_the_script(client, blog):
    items = numbered_updates(1)
    page = publish(blog, items)
    html = get_html(client, page.url)
    assert 'data-updated-at=""' in html
    editing.edit_update(page, items[0]["id"], user=editor(), headline="Corrected")
    html = get_html(client, page.url)
    stamp = re.search(r'data-updated-at="([^"]+)"', html).group(1)
    assert stamp.startswith("20")


# -- embeds ------------------------------------------------------------------------------


def test_embedded_frames_get_a_title_and_load_lazily(client, blog):
    page = publish(blog, numbered_updates(1))
    update_id = editing.post_update(
        page,
        user=editor(),
        headline="Watch",
        body=[{"type": "embed", "value": VIDEO}, {"type": "embed", "value": POST}],
    )
    html = get_html(client, page.url)
    body = article(html, update_id)
    iframe = re.search(r"<iframe[^>]*>", body).group(0)
    assert 'title="Levee breach at Elm Street"' in iframe  # the provider's own
    assert 'loading="lazy"' in iframe
    assert iframe.count("title=") == 1
    assert "liveblog-embed--video" in body and "liveblog-embed--rich" in body
    assert 'class="social-post"' in body


def test_a_frame_without_a_title_is_named_after_the_embed():
    from types import SimpleNamespace

    from wagtail_liveblog.templatetags.liveblog_embeds import liveblog_embed_html

    embed = SimpleNamespace(
        html='<iframe src="https://x.example/e/1" width="1" height="1"/>',
        title='Harbour "live" cam',
        provider_name="ExampleTube",
    )
    assert liveblog_embed_html(embed) == (
        '<iframe src="https://x.example/e/1" width="1" height="1" '
        'title="Harbour &quot;live&quot; cam" loading="lazy"/>'
    )
    embed.title = ""
    assert 'title="ExampleTube"' in liveblog_embed_html(embed)
    embed.html = '<iframe src="x" TITLE="Mine" loading="eager"></iframe>'
    assert liveblog_embed_html(embed) == embed.html


# -- the page around the updates --------------------------------------------------------


def test_key_points_sit_above_the_first_update_in_every_view(client, blog):
    page, _items = publish_forty_five(blog)
    for query in ("", "?filter=key-events", "?order=oldest"):
        html = get_html(client, f"{page.url}{query}")
        assert "The river is expected to peak" in html
        assert html.index("data-liveblog-summary") < html.index("<article"), query
    assert KEY_POINTS.startswith("<ul>")


def test_load_more_without_javascript_lands_at_the_updates(client, blog):
    page, items = publish_forty_five(blog)
    html = get_html(client, page.url)
    more = unescape(re.search(r'class="liveblog__more-link" href="([^"]+)"', html)[1])
    assert more.endswith("#liveblog-updates")
    older = get_html(client, more)
    # The anchor is the updates section, which comes after the key points
    # and key events but before the first update of the window.
    anchor = older.index('id="liveblog-updates"')
    assert older.index("data-liveblog-summary") < anchor
    assert older.index("data-liveblog-key-events") < anchor < older.index("<article")


def test_the_page_follows_the_readers_colour_scheme(client, blog):
    page = publish(blog, numbered_updates(1))
    html = get_html(client, page.url)
    assert '<meta name="color-scheme" content="light dark">' in html
