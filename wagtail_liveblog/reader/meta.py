"""The reader page's link and social-card metadata: ``<link rel="canonical">``,
Open Graph and Twitter card tags (``includes/social_meta.html``).

Every window and view of a blog (``?before=``, ``?update=``,
``?filter=key-events``, ``?order=oldest``) shows the same page, so the
canonical URL is the page's own. The picture is the one the structured data
uses: the first image of the newest pinned update that has one, else of the
newest update shown that has one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest
from django.utils.text import Truncator
from django.utils.translation import get_language, to_locale

from ..formats import iso
from .jsonld import absolute, key_points_text, lead_image, plain_text, publisher

# Social networks cut descriptions well before this.
DESCRIPTION_LENGTH = 300


def page_description(page) -> str:
    """The search description, else the key points, else the intro."""
    text = (
        getattr(page, "search_description", "")
        or key_points_text(page)
        or plain_text(getattr(page, "intro", ""))
    )
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def page_meta(
    page,
    request: HttpRequest | None,
    *,
    entries: Iterable = (),
    pinned: Iterable = (),
) -> dict[str, Any]:
    """What ``includes/social_meta.html`` writes, for the page showing
    ``entries`` (and ``pinned``)."""
    entries, pinned = list(entries), list(pinned)
    canonical = page.get_full_url(request=request) or ""
    image = lead_image(pinned, entries)
    if image:
        image = {**image, "url": absolute(image["url"], canonical, request)}
    times = [page.last_published_at] + [
        e.updated_at or e.posted_at for e in [*entries, *pinned]
    ]
    times = [t for t in times if t is not None]
    organization = publisher(page, request, canonical)
    return {
        "canonical": canonical,
        "title": getattr(page, "seo_title", "") or page.title,
        "description": page_description(page),
        "site_name": organization["name"] if organization else "",
        "locale": to_locale(get_language() or "en"),
        "image": image,
        "published_time": iso(page.first_published_at),
        "modified_time": iso(max(times)) if times else None,
    }
