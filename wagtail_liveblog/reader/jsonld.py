"""schema.org ``LiveBlogPosting`` structured data for the reader page.

Built from the updates already in the page's context (those shown on the
page), from their stored data, and embedded so that
no content can close the ``<script>`` element it lives in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

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


def _plain(html: str) -> str:
    return " ".join(strip_tags(html or "").split())


def _short(text: str) -> str:
    return Truncator(text).chars(HEADLINE_LENGTH)


def article_body(entry) -> str:
    """The update's words as plain text: text blocks, quotes, captions."""
    body = (entry.data or {}).get("body")
    if body is None:  # no stored API data (a preview): use the rendered HTML
        return _plain(entry.html)
    parts: list[str] = []
    for block in body:
        value = block.get("value")
        if block.get("type") == "text" and isinstance(value, str):
            parts.append(_plain(value))
        elif block.get("type") == "quote" and isinstance(value, dict):
            quote = _plain(value.get("text", ""))
            if value.get("attribution"):
                quote = f"“{quote}” — {_plain(value['attribution'])}"
            parts.append(quote)
        elif block.get("type") == "image" and isinstance(value, dict):
            parts.append(_plain(value.get("caption", "")))
    return "\n\n".join(part for part in parts if part)


def first_image_url(entry) -> str | None:
    """URL of the largest rendition of the update's first image, if any."""
    for block in (entry.data or {}).get("body") or []:
        value = block.get("value")
        if block.get("type") == "image" and isinstance(value, dict):
            renditions = value.get("renditions") or []
            if renditions:
                return renditions[-1].get("url")
    return None


def _absolute(request: HttpRequest | None, url: str) -> str:
    if request is not None and url and not url.startswith(("http://", "https://")):
        return request.build_absolute_uri(url)
    return url


def blog_posting(
    entry,
    page_url: str,
    *,
    request: HttpRequest | None = None,
    permalink: bool = False,
) -> dict[str, Any]:
    """One update as a schema.org ``BlogPosting``.

    ``permalink`` gives ``?update=<id>#update-<id>`` URLs, for pages that do
    not show the latest updates (where ``#update-<id>`` alone would miss).
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
        posting["image"] = _absolute(request, image)
    if entry.author:
        posting["author"] = {"@type": "Person", "name": entry.author}
    return posting


def live_blog_posting(
    page,
    entries: Iterable,
    *,
    request: HttpRequest | None = None,
    is_latest: bool = True,
) -> dict[str, Any]:
    """The page and the updates it shows as a ``LiveBlogPosting``."""
    entries = list(entries)
    page_url = page.get_full_url(request=request) or ""
    description = getattr(page, "search_description", "") or _plain(page.intro)
    times = [page.last_published_at] + [e.updated_at or e.posted_at for e in entries]
    times = [t for t in times if t is not None]
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "LiveBlogPosting",
        "@id": page_url,
        "url": page_url,
        "headline": _short(getattr(page, "seo_title", "") or page.title),
        "datePublished": iso(page.first_published_at),
        "dateModified": iso(max(times)) if times else None,
        "coverageStartTime": iso(page.coverage_start or page.first_published_at),
    }
    if description:
        data["description"] = description
    if page.status == STATUS_ENDED:
        data["coverageEndTime"] = iso(page.coverage_end)
    data["liveBlogUpdate"] = [
        blog_posting(entry, page_url, request=request, permalink=not is_latest)
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
