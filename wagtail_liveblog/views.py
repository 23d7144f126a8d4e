"""Reader routes of a live blog page: the page, load more, and the poll.

They are served through the page (``RoutablePageMixin``), so Wagtail's
privacy rules and site routing apply to all of them. Each reads the
timeline read model; none parses the page's ``updates`` stream.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from . import conf, http, timeline
from .models import TimelineEntry
from .params import BadParameter, parse_update_id
from .preview import preview_window


@dataclass
class Window:
    """The updates shown on one reader page or fragment."""

    entries: list[TimelineEntry]
    has_more: bool
    is_latest: bool = True
    requested: uuid.UUID | None = None
    missing_update: bool = False

    @property
    def last(self) -> TimelineEntry | None:
        return self.entries[-1] if self.entries else None


def _trim(entries: list[TimelineEntry], size: int) -> tuple[list[TimelineEntry], bool]:
    return entries[:size], len(entries) > size


def resolve_window(page, request: HttpRequest) -> Window:
    size = conf.get("PAGE_SIZE")
    before = parse_update_id(request.GET, "before")
    wanted = parse_update_id(request.GET, "update")
    if before is not None:
        cursor = timeline.find_entry(page.pk, before, include_deleted=True)
        if cursor is None:
            raise BadParameter("before", _("is not an update of this live blog"))
        entries, more = _trim(timeline.older_than(page.pk, cursor, size + 1), size)
        return Window(entries, more, is_latest=False)
    if wanted is not None:
        entry = timeline.find_entry(page.pk, wanted)
        if entry is not None:
            found, start = timeline.window_containing(page.pk, entry, size)
            entries, more = _trim(found, size)
            return Window(entries, more, is_latest=start == 0, requested=wanted)
        # A share link to an update that has since been removed: show the
        # latest updates and say so, rather than failing the reader.
        entries, more = _trim(timeline.latest(page.pk, size + 1), size)
        return Window(entries, more, requested=wanted, missing_update=True)
    entries, more = _trim(timeline.latest(page.pk, size + 1), size)
    return Window(entries, more)


def page_urls(page, request: HttpRequest, window: Window) -> dict[str, str | None]:
    base = page.get_url(request=request) or page.url or ""
    more = None
    fragment = None
    if window.has_more and window.last is not None:
        query = urlencode({"before": window.last.update_id})
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
    return {
        "window": window,
        "entries": window.entries,
        "pinned_entries": timeline.pinned(page.pk),
        "key_event_entries": timeline.key_events(page.pk),
        "liveblog_status": status,
        "liveblog_config": {
            "pollUrl": urls["poll_url"],
            "version": timeline.current_version(page.pk),
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
    if getattr(request, "is_preview", False):
        window, extra = preview_window(page)
        context = page.get_context(request)
        context.update(
            {
                "window": window,
                "entries": window.entries,
                "liveblog_status": page.status,
                "liveblog_preview": True,
                **extra,
                **page_urls(page, request, window),
            }
        )
        return TemplateResponse(request, page.get_template(request), context)
    try:
        window = resolve_window(page, request)
    except BadParameter as error:
        return _bad_request(page, request, error)
    context = page.get_context(request)
    context.update(reader_context(page, request, window))
    return TemplateResponse(request, page.get_template(request), context)


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


def serve_poll(page, request: HttpRequest) -> HttpResponse:
    """What changed since ``?since=<version>``, for the reader script."""
    from .poll import poll_response

    return poll_response(page, request)
