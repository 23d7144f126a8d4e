"""Reader routes of a live blog page: the page, load more, and previews.

They are served through the page (``RoutablePageMixin``), so Wagtail's
privacy rules and site routing apply to all of them. Each reads the
published update rows (``reading/queries.py``) with indexed queries.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .. import conf, http
from ..models.timeline import current_version
from ..params import BadParameter, parse_update_id
from ..reading import queries
from ..reading.render import render_update_html


@dataclass
class Window:
    """The updates shown on one reader page or fragment."""

    entries: list
    has_more: bool
    is_latest: bool = True
    requested: uuid.UUID | None = None
    missing_update: bool = False

    @property
    def last(self):
        return self.entries[-1] if self.entries else None


def _trim(entries: list, size: int) -> tuple[list, bool]:
    return entries[:size], len(entries) > size


def resolve_window(page, request: HttpRequest) -> Window:
    size = conf.get("PAGE_SIZE")
    blog_id = page.liveblog_id
    before = parse_update_id(request.GET, "before")
    wanted = parse_update_id(request.GET, "update")
    if before is not None:
        cursor = queries.find_cursor(blog_id, before)
        if cursor is None:
            raise BadParameter("before", _("is not an update of this live blog"))
        entries, more = _trim(queries.older_than(blog_id, cursor, size + 1), size)
        return Window(entries, more, is_latest=False)
    if wanted is not None:
        update = queries.find(blog_id, wanted)
        if update is not None:
            found, start = queries.window_containing(blog_id, update, size)
            entries, more = _trim(found, size)
            return Window(entries, more, is_latest=start == 0, requested=wanted)
        # A share link to an update that has since been removed: show the
        # latest updates and say so, rather than failing the reader.
        entries, more = _trim(queries.latest(blog_id, size + 1), size)
        return Window(entries, more, requested=wanted, missing_update=True)
    entries, more = _trim(queries.latest(blog_id, size + 1), size)
    return Window(entries, more)


def page_urls(page, request: HttpRequest, window: Window) -> dict[str, str | None]:
    base = page.get_url(request=request) or page.url or ""
    more = None
    fragment = None
    if window.has_more and window.last is not None:
        query = urlencode({"before": window.last.id})
        more = f"{base}?{query}"
        fragment = f"{base}updates/?{query}"
    return {
        "page_url": base,
        "load_more_url": more,
        "load_more_fragment_url": fragment,
        "poll_url": f"{base}poll/",
    }


def reader_context(page, request: HttpRequest, window: Window) -> dict:
    urls = page_urls(page, request, window)
    status = page.status
    blog_id = page.liveblog_id
    return {
        "window": window,
        "entries": window.entries,
        "pinned_entries": queries.pinned(blog_id),
        "key_event_entries": queries.key_events(blog_id),
        "liveblog_status": status,
        "liveblog_config": {
            "pollUrl": urls["poll_url"],
            "version": current_version(blog_id),
            "status": status,
            "pollInterval": conf.get("POLL_INTERVAL"),
            "pageUrl": urls["page_url"],
        },
        **urls,
    }


def _bad_request(page, request: HttpRequest, error: BadParameter) -> HttpResponse:
    return TemplateResponse(
        request,
        "wagtail_liveblog/bad_request.html",
        {"page": page, "self": page, "error": error},
        status=400,
    )


def serve_page(page, request: HttpRequest) -> HttpResponse:
    try:
        window = resolve_window(page, request)
    except BadParameter as error:
        return _bad_request(page, request, error)
    context = page.get_context(request)
    context.update(reader_context(page, request, window))
    if getattr(request, "is_preview", False):
        context.update(preview_context())
    return TemplateResponse(request, page.get_template(request), context)


def preview_context() -> dict:
    """What a preview (the page editor's, or an update's) leaves out: the
    poll, and links that would lead out of the preview to the public page
    (load more; the feed and JSON-LD in ``includes/head.html``)."""
    return {
        "liveblog_preview": True,
        "liveblog_config": None,
        "load_more_url": None,
        "load_more_fragment_url": None,
    }


def serve_fragment(page, request: HttpRequest) -> HttpResponse:
    """HTML of the next older window, for "Load more updates" with JavaScript."""
    try:
        if "before" not in request.GET:
            raise BadParameter("before", _("is required"))
        window = resolve_window(page, request)
    except BadParameter as bad:
        return http.error(400, bad.message, bad.name)
    context = {"page": page, "window": window, "entries": window.entries}
    context.update(page_urls(page, request, window))
    response = TemplateResponse(request, "wagtail_liveblog/fragment.html", context)
    return http.apply_caching(response, public=http.is_public(page))


def preview_entry(update):
    """A draft update rendered as readers would see it once published."""
    if update.posted_at is None:
        update.posted_at = timezone.now()
    update.html = render_update_html(update)
    return update


def serve_update_preview(page, request: HttpRequest, update) -> HttpResponse:
    """Wagtail's preview of one update: the blog's own page, with the update
    where it would appear (the top of the latest updates, or in place)."""
    size = conf.get("PAGE_SIZE")
    blog_id = page.liveblog_id
    entry = preview_entry(update)
    others = [u for u in queries.latest(blog_id, size + 1) if u.id != entry.id]
    entries = sorted(
        [entry, *others], key=lambda u: (u.posted_at, u.id.hex), reverse=True
    )
    window = Window(*_trim(entries, size), requested=entry.id)
    context = page.get_context(request)
    context.update(reader_context(page, request, window))
    pinned = [u for u in context["pinned_entries"] if u.id != entry.id]
    key_events = [u for u in context["key_event_entries"] if u.id != entry.id]
    context.update(
        pinned_entries=[entry, *pinned] if entry.pinned else pinned,
        key_event_entries=[entry, *key_events] if entry.key_event else key_events,
        **preview_context(),
    )
    return TemplateResponse(request, page.get_template(request), context)
