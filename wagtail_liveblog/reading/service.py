"""The reads of a live blog, once: functions that return data in the read
side's shapes (``readmodel/shapes.py``) or raise a parameter error.

API v2 (a DRF viewset), API v3 (a Django Ninja router) and the reader
script's poll route are thin adapters over them: they find the blog
through ``access`` (a blog the request may not read is "not found"),
hand over the raw query parameters and a :class:`Links` that knows their
own URLs, and turn the data into responses (ETags, ``Cache-Control``,
their error formats). Every read is an indexed query whatever the size of
the blog (``queries.py``, ``changes.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from django.http import HttpRequest
from django.utils.translation import gettext as _
from wagtail.rich_text import expand_db_html

from .. import access, conf, http, params
from ..formats import iso, permalink
from ..models.timeline import LiveBlogTimeline, changed_at, current_version
from ..params import BadParameter
from ..readmodel import shapes
from ..readmodel.serialize import with_url
from . import changes, queries

#: The largest ``offset`` of the list of blogs.
MAX_OFFSET = 2**31 - 1

#: The query parameters each read takes (anything else is a 400).
DETAIL_PARAMETERS: tuple[str, ...] = ()
UPDATES_PARAMETERS = ("limit", "before", "since", "after")
UPDATE_PARAMETERS: tuple[str, ...] = ()
LISTING_PARAMETERS = ("limit", "offset")


class Links(Protocol):
    """The URLs of the API (or route) serving a read."""

    def detail(self, page) -> str: ...

    def updates(self, page, query: Mapping[str, Any] | None = None) -> str: ...

    def events(self, page) -> str | None: ...


class NotFound(Exception):
    """No such blog or update, or not one the request may read."""


@dataclass(frozen=True)
class Read:
    """A read whose parameters are checked: the blog's ``version`` and the
    ``route`` (for the ETag), and ``build`` for the data — called only when
    the client does not already hold it (a 304 costs no query more)."""

    version: int
    route: str
    build: Callable[[], Any]


def readable_blog(request: HttpRequest, page_id: Any):
    """The live blog ``request`` may read (``access.readable_liveblog``)."""
    page = access.readable_liveblog(request, page_id)
    if page is None:
        raise NotFound
    return page


def check_parameters(query: Mapping[str, Any], known) -> None:
    """A 400 for the first unknown or repeated parameter."""
    params.check_known(query, known)


def page_url(page, request: HttpRequest | None) -> str:
    return page.get_full_url(request) or ""


def etag(request: HttpRequest, page, version: int, route: str, *extra: Any) -> str:
    """What an answer about ``page`` at ``version`` depends on, for
    ``If-None-Match``: where the page lives (an alias moves without a new
    version, which is its source's), its status, the poll interval, the
    host and the query."""
    return http.make_etag(
        route,
        page.pk,
        version,
        page.url_path,
        page.status,
        conf.get("POLL_INTERVAL"),
        request.get_host(),
        http.query_key(request),
        *extra,
    )


def _updates_window(
    page, links: Links, request, limit: int, before: queries.Cursor | None, query
) -> tuple[list[shapes.LiveBlogUpdate], str | None]:
    if before is None:
        entries = queries.latest(page.liveblog_id, limit + 1)
    else:
        entries = queries.older_than(page.liveblog_id, before, limit + 1)
    shown = entries[:limit]
    next_url = None
    if len(entries) > limit:
        next_query: dict[str, Any] = {"before": shown[-1].id}
        if query.get("limit") is not None:
            next_query["limit"] = limit
        next_url = links.updates(page, next_query)
    url = page_url(page, request)
    return [with_url(entry.data, url) for entry in shown], next_url


def key_event(update, url: str) -> shapes.LiveBlogKeyEvent:
    update_id = str(update.id)
    return {
        "id": update_id,
        "url": permalink(url, update_id),
        "headline": update.headline,
        "posted_at": iso(update.posted_at),
    }


def blog_detail(page, request: HttpRequest, links: Links) -> Read:
    """A blog with its newest updates (``shapes.LiveBlog``)."""
    version = current_version(page.liveblog_id)
    return Read(version, "detail", lambda: _blog(page, request, links, version))


def _blog(page, request, links: Links, version: int) -> shapes.LiveBlog:
    blog_id = page.liveblog_id
    url = page_url(page, request)
    updates, next_url = _updates_window(
        page, links, request, conf.get("PAGE_SIZE"), None, {}
    )
    return {
        "id": page.pk,
        "title": page.title,
        "url": url,
        "intro": expand_db_html(page.intro or ""),
        "summary": expand_db_html(page.summary or ""),
        "status": page.status,
        "coverage_start": iso(page.coverage_start),
        "coverage_end": iso(page.coverage_end),
        "version": version,
        "poll_interval": conf.get("POLL_INTERVAL"),
        "updates_url": links.updates(page),
        "pinned": [
            with_url(entry.data, url)
            for entry in queries.pinned(blog_id, conf.get("MAX_PINNED"))
        ],
        "key_events": [key_event(entry, url) for entry in queries.key_events(blog_id)],
        "updates": updates,
        "next": next_url,
        "meta": {"events_url": links.events(page)},
    }


def updates(page, request: HttpRequest, links: Links, query: Mapping[str, Any]) -> Read:
    """Updates newest first (``limit``, ``before``), or with ``since`` (and
    ``after``, ``limit``) what changed after a version
    (``shapes.LiveBlogUpdates``)."""
    blog_id = page.liveblog_id
    version = current_version(blog_id)
    if query.get("since") is not None:
        return _changes(page, request, links, query, version)
    if query.get("after") is not None:
        raise BadParameter("after", _("is only valid together with since"))
    limit = params.parse_limit(query, conf.get("PAGE_SIZE"))
    before_id = params.parse_update_id(query, "before")
    before = None
    if before_id is not None:
        before = queries.find_cursor(blog_id, before_id)
        if before is None:
            raise BadParameter("before", _("is not an update of this live blog"))

    def build() -> shapes.LiveBlogUpdates:
        items, next_url = _updates_window(page, links, request, limit, before, query)
        return {"meta": _meta(page, links, version, next_url), "items": items}

    return Read(version, "updates", build)


def _meta(page, links: Links, version: int, next_url: str | None):
    return {
        "version": version,
        "status": page.status,
        "poll_interval": conf.get("POLL_INTERVAL"),
        "next": next_url,
        "events_url": links.events(page),
    }


def _changes(page, request, links: Links, query, version: int):
    if query.get("before") is not None:
        raise BadParameter("since", _("cannot be combined with before"))
    since = params.parse_version(query, "since", version)
    limit = params.parse_limit(query, conf.get("MAX_PAGE_SIZE"))
    after = params.parse_update_id(query, "after")
    if after is not None and not changes.is_known_update(page.liveblog_id, after):
        raise BadParameter("after", _("is not an update of this live blog"))
    return Read(
        version,
        "changes",
        lambda: _changes_data(
            page, request, links, query, version, since, after, limit
        ),
    )


def _changes_data(page, request, links, query, version, since, after, limit):
    if since == version and after is None:
        found = changes.Changes([], [], None)
    else:
        found = changes.changes_after(page.liveblog_id, since, after, limit)
    next_url = None
    if found.next_cursor is not None:
        cursor_version, cursor_id = found.next_cursor
        next_query: dict[str, Any] = {"since": cursor_version, "after": cursor_id}
        if query.get("limit") is not None:
            next_query["limit"] = limit
        next_url = links.updates(page, next_query)
    url = page_url(page, request)
    return {
        "meta": _meta(page, links, version, next_url),
        "items": [with_url(entry.data, url) for entry in found.items],
        "deleted": [str(update_id) for update_id in found.deleted],
    }


def update(page, request: HttpRequest, update_id: Any) -> Read:
    """One published update (``shapes.LiveBlogUpdate``; ``NotFound`` for
    anything else)."""
    try:
        key = uuid.UUID(str(update_id))
    except ValueError:
        raise NotFound from None
    entry = queries.find(page.liveblog_id, key)
    if entry is None:
        raise NotFound
    version = current_version(page.liveblog_id)
    return Read(
        version, f"update:{key}", lambda: with_url(entry.data, page_url(page, request))
    )


def listing(
    request: HttpRequest, links: Links, query: Mapping[str, Any]
) -> tuple[shapes.LiveBlogList, bool]:
    """The live blogs the request may read, newest first, and whether the
    answer is the same for everyone."""
    limit = params.parse_limit(query, conf.get("PAGE_SIZE"))
    offset = params.parse_offset(query, MAX_OFFSET)
    blogs, public = access.readable_liveblogs(request)
    queryset = blogs.order_by("-first_published_at", "-pk")
    total = queryset.count()
    pages = list(queryset.specific()[offset : offset + limit])
    # An alias shows its source's updates, so it has its source's version.
    versions = dict(
        LiveBlogTimeline.objects.filter(
            page_id__in={page.liveblog_id for page in pages}
        ).values_list("page_id", "version")
    )
    items: list[shapes.LiveBlogListItem] = [
        {
            "id": page.pk,
            "title": page.title,
            "url": page_url(page, request),
            "status": page.status,
            "version": versions.get(page.liveblog_id, 0),
            "detail_url": links.detail(page),
            "updates_url": links.updates(page),
        }
        for page in pages
    ]
    return {"meta": {"total_count": total}, "items": items}, public


# -- the reader script's poll, and the event stream ----------------------------------


def unchanged_poll(version: int, status: str) -> shapes.LiveBlogPoll:
    """The poll's answer when nothing changed after ``since``."""
    return {
        "meta": {
            "version": version,
            "status": status,
            "poll_interval": conf.get("POLL_INTERVAL"),
            "reset": False,
        },
        "items": [],
        "deleted": [],
    }


def poll(
    page,
    request: HttpRequest | None,
    since: int,
    version: int,
    *,
    until: int | None = None,
) -> shapes.LiveBlogPoll:
    """What changed after version ``since`` (up to ``until``), with each
    update's stored HTML: the reader script's poll, and each event of the
    event stream. Too many changes to patch in place: ``meta.reset``."""
    payload = unchanged_poll(version, page.status)
    if since >= version:
        return payload
    payload["meta"]["summary"] = expand_db_html(page.summary or "")
    payload["meta"]["updated_at"] = iso(changed_at(page.liveblog_id))
    found = changes.changes_after(
        page.liveblog_id, since, None, conf.get("MAX_PAGE_SIZE"), until=until
    )
    if found.next_cursor is not None:
        payload["meta"]["reset"] = True
        return payload
    url = page_url(page, request)
    payload["items"] = [
        {**with_url(update.data, url), "html": update.html} for update in found.items
    ]
    payload["deleted"] = [str(update_id) for update_id in found.deleted]
    return payload
