"""schema.org ``LiveBlogPosting`` structured data for the reader page.

Built from the updates already in the page's context (those shown on the
page, and the pinned ones), from their stored data, and embedded so that
no content can close the ``<script>`` element it lives in. The helpers
for the lead image, the publisher and the key points as text serve the
page's social-card metadata too (``meta.py``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from html import unescape
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from .. import conf
from ..formats import iso
from ..formats import permalink as update_permalink
from ..status import STATUS_ENDED

# Search engines show at most this many characters of a headline.
HEADLINE_LENGTH = 110

# Characters that could end the script element or confuse an HTML or
# JavaScript parser, written as JSON escapes instead.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def plain_text(html: str) -> str:
    """Text of ``html``: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(unescape(strip_tags(html or "")).split())


def _short(text: str) -> str:
    return Truncator(text).chars(HEADLINE_LENGTH)


def article_body(entry) -> str:
    """The update's words as plain text: text blocks, quotes, captions."""
    body = (entry.data or {}).get("body")
    if body is None:  # no stored API data (a preview): use the rendered HTML
        return plain_text(entry.html)
    parts: list[str] = []
    for block in body:
        value = block.get("value")
        if block.get("type") == "text" and isinstance(value, str):
            parts.append(plain_text(value))
        elif block.get("type") == "quote" and isinstance(value, dict):
            quote = plain_text(value.get("text", ""))
            if value.get("attribution"):
                quote = f"“{quote}” — {plain_text(value['attribution'])}"
            parts.append(quote)
        elif block.get("type") == "image" and isinstance(value, dict):
            parts.append(plain_text(value.get("caption", "")))
    return "\n\n".join(part for part in parts if part)


def first_image(entry) -> dict[str, Any] | None:
    """The largest rendition of the update's first image (``url``, ``width``,
    ``height``) with its ``alt`` text, if the update has an image."""
    for block in (entry.data or {}).get("body") or []:
        value = block.get("value")
        if block.get("type") == "image" and isinstance(value, dict):
            renditions = value.get("renditions") or []
            if renditions and renditions[-1].get("url"):
                return {**renditions[-1], "alt": value.get("alt") or ""}
    return None


def first_image_url(entry) -> str | None:
    """URL of the largest rendition of the update's first image, if any."""
    image = first_image(entry)
    return image["url"] if image else None


def lead_image(pinned: Iterable, entries: Iterable) -> dict[str, Any] | None:
    """The page's picture: the first image of the newest pinned update that
    has one, else of the newest update shown that has one."""
    newest_first = sorted(
        entries, key=lambda e: (e.posted_at is not None, e.posted_at), reverse=True
    )
    for entry in [*pinned, *newest_first]:
        image = first_image(entry)
        if image:
            return image
    return None


def absolute(url: str, page_url: str = "", request: HttpRequest | None = None) -> str:
    """``url`` made absolute: against the page's full URL (the site's own
    host, as in the canonical link), else the request."""
    if not url or url.startswith(("http://", "https://")):
        return url
    if page_url.startswith(("http://", "https://")):
        return urljoin(page_url, url)
    return request.build_absolute_uri(url) if request is not None else url


_BLOCK_END = re.compile(r"</(?:li|p|h[1-6]|div|blockquote)>|<br\s*/?>", re.IGNORECASE)


def key_points_text(page) -> str:
    """The key points (the page's ``summary``) as plain text: one sentence per
    point, so that "Roads closed" and "Schools shut" read as two."""
    points = []
    for part in _BLOCK_END.split(getattr(page, "summary", "") or ""):
        text = plain_text(part)
        if text:
            points.append(text if text[-1] in ".!?…:;" else f"{text}.")
    return " ".join(points)


def site_name(page, request: HttpRequest | None = None) -> str:
    """The Wagtail site's name (the request's site, else the page's), or
    ``WAGTAIL_SITE_NAME``."""
    site = None
    if request is not None:
        from wagtail.models import Site

        site = Site.find_for_request(request)
    if site is None:
        site = page.get_site()
    return (site.site_name if site else "") or getattr(
        settings, "WAGTAIL_SITE_NAME", ""
    )


def publisher(
    page, request: HttpRequest | None = None, page_url: str = ""
) -> dict[str, Any] | None:
    """The ``PUBLISHER`` setting as a schema.org ``Organization``, or the
    site's name when it is None; None when there is no name at all."""
    setting = conf.get("PUBLISHER")
    if setting:
        organization: dict[str, Any] = {
            "@type": "Organization",
            "name": setting["name"],
        }
        if setting.get("logo"):
            organization["logo"] = {
                "@type": "ImageObject",
                "url": absolute(setting["logo"], page_url, request),
            }
        return organization
    name = site_name(page, request)
    return {"@type": "Organization", "name": name} if name else None


_IFRAME_SRC = re.compile(r"<iframe\b[^>]*\bsrc=[\"']([^\"']+)[\"']", re.IGNORECASE)


def video_objects(entry) -> list[dict[str, Any]]:
    """The update's embedded videos as schema.org ``VideoObject``s."""
    videos = []
    for block in (entry.data or {}).get("body") or []:
        value = block.get("value")
        if block.get("type") != "embed" or not isinstance(value, dict):
            continue
        if value.get("type") != "video":
            continue
        video: dict[str, Any] = {
            "@type": "VideoObject",
            "name": value.get("title") or entry.headline or value.get("url"),
            "url": value.get("url"),
            "uploadDate": iso(entry.posted_at),
        }
        player = _IFRAME_SRC.search(value.get("html") or "")
        if player:
            video["embedUrl"] = player.group(1)
        if value.get("thumbnail_url"):
            video["thumbnailUrl"] = value["thumbnail_url"]
        if value.get("provider_name"):
            video["publisher"] = {
                "@type": "Organization",
                "name": value["provider_name"],
            }
        videos.append({k: v for k, v in video.items() if v})
    return videos


def blog_posting(
    entry,
    page_url: str,
    *,
    request: HttpRequest | None = None,
    permalink: bool = False,
) -> dict[str, Any]:
    """One update as a schema.org ``BlogPosting``.

    ``permalink`` gives ``?update=<id>#update-<id>`` URLs (the share links,
    which open the page at the window holding the update wherever it has
    moved); without it, ``#update-<id>`` on the page.
    """
    anchor = f"update-{entry.id}"
    text = article_body(entry)
    url = update_permalink(page_url, entry.id) if permalink else f"{page_url}#{anchor}"
    posting: dict[str, Any] = {
        "@type": "BlogPosting",
        "@id": url,
        "url": url,
        "headline": _short(entry.headline or text.split("\n", 1)[0] or anchor),
        "datePublished": iso(entry.posted_at),
        "dateModified": iso(entry.updated_at or entry.posted_at),
        "articleBody": text,
    }
    image = first_image_url(entry)
    if image:
        posting["image"] = absolute(image, page_url, request)
    people = persons(author_names(entry))
    if people:
        posting["author"] = people
    videos = video_objects(entry)
    if videos:
        posting["video"] = videos[0] if len(videos) == 1 else videos
    return posting


def description(page) -> str:
    """What the structured data says the blog is about: its key points when
    it has them (the story so far), else its search description or intro."""
    return (
        key_points_text(page)
        or getattr(page, "search_description", "")
        or plain_text(getattr(page, "intro", ""))
    )


def author_names(entry) -> list[str]:
    """An update's authors, from its stored API data."""
    return [
        author["name"]
        for author in (entry.data or {}).get("authors") or []
        if author.get("name")
    ]


def persons(names: list[str]) -> Any:
    """schema.org ``Person``s: one object, or a list of them; None for none."""
    people = [{"@type": "Person", "name": name} for name in names]
    if not people:
        return None
    return people[0] if len(people) == 1 else people


def authors(entries: Iterable, organization: dict | None) -> Any:
    """The authors of the updates shown, once each in order; the publisher
    when no update has one."""
    names: list[str] = []
    for entry in entries:
        names += [name for name in author_names(entry) if name not in names]
    return persons(names) or organization


def live_blog_posting(
    page,
    entries: Iterable,
    *,
    request: HttpRequest | None = None,
    is_latest: bool = True,
    pinned: Iterable = (),
) -> dict[str, Any]:
    """The page and the updates it shows as a ``LiveBlogPosting``.

    Every update's ``url`` is its share link, whichever window shows it
    (``is_latest`` is kept for callers of earlier versions and no longer
    changes anything). ``pinned`` updates count for the page's ``image``.
    """
    entries = list(entries)
    page_url = page.get_full_url(request=request) or ""
    times = [page.last_published_at] + [e.updated_at or e.posted_at for e in entries]
    times = [t for t in times if t is not None]
    organization = publisher(page, request, page_url)
    image = lead_image(pinned, entries)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        # Not the page's URL: that is the WebPage this posting is the main
        # entity of, a node of its own.
        "@id": f"{page_url}#liveblog",
        "url": page_url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": page_url},
        "headline": _short(getattr(page, "seo_title", "") or page.title),
        "description": description(page) or None,
        "datePublished": iso(page.first_published_at),
        "dateModified": iso(max(times)) if times else None,
        "coverageStartTime": iso(page.coverage_start or page.first_published_at),
        "image": absolute(image["url"], page_url, request) if image else None,
        "author": authors(entries, organization),
        "publisher": organization,
    }
    if page.status == STATUS_ENDED:
        data["coverageEndTime"] = iso(page.coverage_end)
    data["liveBlogUpdate"] = [
        blog_posting(entry, page_url, request=request, permalink=True)
        for entry in entries
    ]
    return {key: value for key, value in data.items() if value is not None}


def dumps_for_script(data: Any) -> str:
    """JSON that is safe inside ``<script>``: no ``<``, ``>``, ``&``, U+2028/9."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(
        _SCRIPT_ESCAPES
    )


def script_tag(data: Any) -> SafeString:
    """``<script type="application/ld+json">`` holding ``data``."""
    return mark_safe(  # noqa: S308 - every markup character is escaped above
        f'<script type="application/ld+json">{dumps_for_script(data)}</script>'
    )
