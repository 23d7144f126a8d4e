"""The Atom feed of a live blog (``<page url>feed/``): its newest updates.

Served through the page, so Wagtail's privacy rules apply, and read from the
published update rows like every other reader path.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import get_language

from .. import access, conf, http
from ..formats import permalink
from ..models.timeline import current_version
from ..push import websub
from ..reading import queries
from ..text import strip_control_characters
from .jsonld import article_body

TITLE_LENGTH = 100

_URL_ATTRIBUTE = re.compile(r'\b(href|src)="([^"]*)"')
_SRCSET_ATTRIBUTE = re.compile(r'\bsrcset="([^"]*)"')


def xml_safe(value):
    """``value`` without the characters XML 1.0 cannot carry (strings, and
    the strings in lists, such as categories); anything else as it is."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, list | tuple):
        return type(value)(xml_safe(item) for item in value)
    return value


class LiveBlogAtomFeed(Atom1Feed):
    """Atom with each update's HTML as the entry's ``<content>``.

    Every text of the feed and its entries loses the control characters XML
    cannot carry as it is added: input is cleaned of them when it is saved,
    but rows written before that, or by raw SQL, must not make the feed
    fail for every reader (Django's XML writer raises on them).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed = {name: xml_safe(value) for name, value in self.feed.items()}

    def add_item(self, *args, **kwargs):
        super().add_item(*args, **kwargs)
        self.items[-1] = {
            name: xml_safe(value) for name, value in self.items[-1].items()
        }

    def add_root_elements(self, handler):
        super().add_root_elements(handler)  # rel="self" is the feed_url
        if self.feed.get("hub"):
            handler.addQuickElement(
                "link", "", {"rel": "hub", "href": self.feed["hub"]}
            )

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content") is not None:
            handler.addQuickElement("content", item["content"], {"type": "html"})


def absolute_html(html: str, base: str) -> str:
    """``html`` with its links and image sources made absolute against ``base``.

    Feed readers show an entry away from the page, where the stored HTML's
    relative URLs (``?update=…``, ``/media/…``) would lead nowhere.
    """

    def link(match: re.Match) -> str:
        return f'{match.group(1)}="{urljoin(base, match.group(2))}"'

    def srcset(match: re.Match) -> str:
        candidates = []
        for candidate in match.group(1).split(","):
            parts = candidate.strip().split(None, 1)
            if parts:
                parts[0] = urljoin(base, parts[0])
                candidates.append(" ".join(parts))
        return f'srcset="{", ".join(candidates)}"'

    return _SRCSET_ATTRIBUTE.sub(srcset, _URL_ATTRIBUTE.sub(link, html))


def entry_title(entry) -> str:
    if entry.headline:
        return entry.headline
    first = article_body(entry).split("\n", 1)[0].strip()
    return Truncator(first).chars(TITLE_LENGTH) if first else str(entry.posted_at)


def build_feed(
    page, request: HttpRequest, entries: list, hub: str | None = None
) -> LiveBlogAtomFeed:
    page_url = page.get_full_url(request=request) or request.build_absolute_uri()
    site = page.get_site()
    subtitle = getattr(page, "search_description", "") or " ".join(
        Truncator(page.intro or "").chars(300, html=True).split()
    )
    feed = LiveBlogAtomFeed(
        title=page.title,
        link=page_url,
        description=None,
        subtitle=re.sub(r"<[^>]+>", "", subtitle) or None,
        language=get_language() or "en",
        feed_url=f"{page_url}feed/",
        feed_guid=page_url,
        author_name=(site.site_name if site and site.site_name else page.title),
        hub=hub,  # WebSub: the hub that the feed's changes are pinged to
    )
    for entry in entries:
        link = permalink(page_url, entry.id)
        feed.add_item(
            title=entry_title(entry),
            link=link,
            unique_id=link,
            description=None,
            content=absolute_html(entry.html, link),
            pubdate=entry.posted_at,
            updateddate=entry.updated_at or entry.posted_at,
            author_name=(entry.data or {}).get("author") or None,
        )
    return feed


def serve_feed(page, request: HttpRequest) -> HttpResponse:
    """The newest ``FEED_SIZE`` updates as Atom, with an ETag per version."""
    version = current_version(page.liveblog_id)
    size = conf.get("FEED_SIZE")
    # WebSub: only a feed anyone may read names a hub (only its changes are
    # pinged).
    public = access.is_public(page)
    hub = websub.hub_url() if public else None
    # The feed's links are absolute, so the host is part of what it depends on.
    parts = ("feed", page.pk, version, size, request.get_host())
    etag = http.make_etag(*parts, *([hub] if hub else []))

    def build() -> HttpResponse:
        entries = queries.latest(page.liveblog_id, size)
        feed = build_feed(page, request, entries, hub=hub)
        response = HttpResponse(content_type=feed.content_type)
        feed.write(response, "utf-8")
        return response

    return http.conditional(request, etag, build, public=public)
