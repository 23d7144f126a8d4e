"""Reader routes of a live blog page: the page, load more, and previews.

They are served through the page (``RoutablePageMixin``), so Wagtail's
privacy rules and site routing apply to all of them. Each reads the
published update rows (``reading/queries.py``) with indexed queries.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .. import access, conf, http
from ..formats import iso
from ..models.timeline import changed_at, current_version
from ..params import BadParameter, ReaderView, parse_reader_view, parse_update_id
from ..reading import queries
from ..readmodel.render import render_update_html
from .events import EVENTS_PATH


@dataclass
class Window:
    """The updates shown on one reader page or fragment."""

    entries: list
    has_more: bool
    # Whether other updates of the view come before the window: it was
    # reached with a cursor (load more), or it holds a share link's update
    # further down.
    paged: bool = False
    requested: uuid.UUID | None = None
    missing_update: bool = False
    view: ReaderView = field(default_factory=ReaderView)

    @property
    def last(self):
        return self.entries[-1] if self.entries else None

    @property
    def is_first(self) -> bool:
        """The first window of its view: the newest, or the oldest first."""
        return not self.paged

    @property
    def is_latest(self) -> bool:
        """The window starts at the live edge: the newest updates (or key
        events), where new ones arrive at the top."""
        return not self.paged and not self.view.oldest_first


# Where "Load more" without JavaScript lands: the updates' section.
UPDATES_ANCHOR = "liveblog-updates"

# The modules that the reader script (wagtail_liveblog/liveblog.js, an ES
# module) imports, preloaded by includes/scripts.html.
READER_MODULES = [
    f"wagtail_liveblog/reader/{name}.js"
    for name in (
        "timeline",
        "live",
        "sections",
        "notice",
        "times",
        "share",
        "loadmore",
        "teasers",
        "links",
        "focus",
    )
]


def _trim(entries: list, size: int) -> tuple[list, bool]:
    return entries[:size], len(entries) > size


def _in_view(update, view: ReaderView) -> bool:
    return update.key_event or not view.key_events


def resolve_window(page, request: HttpRequest) -> Window:
    """The window a reader page (or a load-more fragment) shows: the first
    of the view, the next one after a cursor (``before=`` newest first,
    ``after=`` oldest first), or the one holding ``update=``."""
    size = conf.get("PAGE_SIZE")
    blog_id = page.liveblog_id
    view = parse_reader_view(request.GET)
    scope = {"key_events": view.key_events, "oldest_first": view.oldest_first}
    cursor_id = parse_update_id(request.GET, view.cursor_name)
    wanted = parse_update_id(request.GET, "update")
    if cursor_id is not None:
        cursor = queries.find_cursor(blog_id, cursor_id)
        if cursor is None:
            raise BadParameter(
                view.cursor_name, _("is not an update of this live blog")
            )
        found = queries.next_in_view(blog_id, cursor, size + 1, **scope)
        return Window(*_trim(found, size), paged=True, view=view)
    if wanted is not None:
        update = queries.find(blog_id, wanted)
        if update is not None:
            if not _in_view(update, view):
                # A share link opened in the key-events view, to an update
                # that is not one: show it among all the updates.
                view = ReaderView(oldest_first=view.oldest_first)
                scope = {"oldest_first": view.oldest_first}
            found, start = queries.window_in_view(blog_id, update, size, **scope)
            entries, more = _trim(found, size)
            return Window(entries, more, paged=start > 0, requested=wanted, view=view)
        # A share link to an update that has since been removed: show the
        # first updates of the view and say so, rather than failing the reader.
        found = queries.first_in_view(blog_id, size + 1, **scope)
        return Window(
            *_trim(found, size), requested=wanted, missing_update=True, view=view
        )
    found = queries.first_in_view(blog_id, size + 1, **scope)
    return Window(*_trim(found, size), view=view)


def view_url(base: str, view: ReaderView, extra: list | None = None) -> str:
    """``base`` with the view's parameters (and ``extra`` ones) as its query."""
    query = urlencode([*view.query(), *(extra or [])])
    return f"{base}?{query}" if query else base


def page_urls(page, request: HttpRequest, window: Window) -> dict[str, str | None]:
    base = page.get_url(request=request) or page.url or ""
    view = window.view
    more = None
    fragment = None
    if window.has_more and window.last is not None:
        cursor = [(view.cursor_name, window.last.id)]
        # Without JavaScript the next window opens at its updates, not at
        # the top of the page above the key points and key events.
        more = f"{view_url(base, view, cursor)}#{UPDATES_ANCHOR}"
        fragment = view_url(f"{base}updates/", view, cursor)
    return {
        "page_url": base,
        "view_url": view_url(base, view),
        "load_more_url": more,
        "load_more_fragment_url": fragment,
        "poll_url": f"{base}poll/",
        "key_events_url": view_url(base, ReaderView(key_events=True)),
        "oldest_first_url": view_url(base, ReaderView(oldest_first=True)),
    }


def key_event_list(blog_id: int) -> tuple[list, bool]:
    """The newest ``KEY_EVENTS_SHOWN`` key events, and whether there are more."""
    shown = conf.get("KEY_EVENTS_SHOWN")
    return _trim(queries.key_events(blog_id, shown + 1), shown)


def reader_context(page, request: HttpRequest, window: Window) -> dict:
    urls = page_urls(page, request, window)
    status = page.status
    blog_id = page.liveblog_id
    view = window.view
    key_events, more_key_events = key_event_list(blog_id)
    # Pinned updates head the latest updates only, not the other views.
    show_pinned = window.is_latest and view.is_default
    pinned = queries.pinned(blog_id, conf.get("MAX_PINNED")) if show_pinned else []
    last_updated = changed_at(blog_id)
    return {
        "window": window,
        "entries": window.entries,
        "last_updated": last_updated,
        "liveblog_view": view,
        "pinned_entries": pinned,
        # Their copies in the list are stubs leading up to the Pinned section.
        "pinned_ids": {str(update.id) for update in pinned},
        "liveblog_modules": READER_MODULES,
        # The key-events view lists them in the updates' place.
        "key_event_entries": [] if view.key_events else key_events,
        "more_key_events": more_key_events,
        "has_key_events": bool(key_events),
        "liveblog_status": status,
        "liveblog_config": {
            "pollUrl": urls["poll_url"],
            # The blog's Server-Sent Events stream, when the site has one.
            "eventsUrl": (
                f"{urls['page_url']}{EVENTS_PATH}" if conf.get("EVENT_STREAM") else None
            ),
            "version": current_version(blog_id),
            "lastUpdated": iso(last_updated),
            "status": status,
            "pollInterval": conf.get("POLL_INTERVAL"),
            "pageUrl": urls["page_url"],
            "viewUrl": urls["view_url"],
            "keyEventsUrl": urls["key_events_url"],
            "filter": view.filter,
            "order": view.order,
            "maxPinned": conf.get("MAX_PINNED"),
            "keyEventsShown": conf.get("KEY_EVENTS_SHOWN"),
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
    """HTML of the next window of a view (``before=`` newest first, with
    ``filter=key-events`` for the key events; ``order=oldest&after=`` from
    the start), for "Load more updates" with JavaScript."""
    try:
        cursor = parse_reader_view(request.GET).cursor_name
        if not request.GET.get(cursor):
            raise BadParameter(cursor, _("is required"))
        window = resolve_window(page, request)
    except BadParameter as bad:
        return http.error(400, bad.message, bad.name)
    context = {
        "page": page,
        "window": window,
        "entries": window.entries,
        "liveblog_view": window.view,
    }
    context.update(page_urls(page, request, window))
    response = TemplateResponse(request, "wagtail_liveblog/fragment.html", context)
    return http.apply_caching(response, public=access.is_public(page))


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
    if entry.pinned:
        pinned = [entry, *pinned][: conf.get("MAX_PINNED")]
    if entry.key_event:
        key_events = [entry, *key_events][: conf.get("KEY_EVENTS_SHOWN")]
    context.update(
        pinned_entries=pinned,
        pinned_ids={str(u.id) for u in pinned},
        key_event_entries=key_events,
        has_key_events=bool(key_events),
        **preview_context(),
    )
    return TemplateResponse(request, page.get_template(request), context)
