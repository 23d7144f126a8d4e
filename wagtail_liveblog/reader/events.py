"""The blog's event stream, ``<page url>events/`` (Server-Sent Events).

A route of the page, so Wagtail's privacy rules apply: a reader who may
not read the blog gets no stream, exactly as on the poll route. The
stream sends each change readers can see as the poll's JSON, with the
blog's version as the message id (``push/events.py``); ``Last-Event-ID``
or ``?since=`` first replays what was missed, from the change feed.

``EVENT_STREAM`` chooses the engine: ``"embedded"`` streams from this
process under an ASGI server; ``"grip"`` answers through a GRIP proxy
(Pushpin, Fastly Fanout) that holds the connection; ``None`` offers no
stream (``events_url`` is null: readers poll). A request the engine cannot
stream (the embedded engine under WSGI, or the GRIP one reached without
the proxy) gets what it missed and the stream ends; browsers then come
back after the ``retry:`` advice, and the reader script polls instead.
"""

from __future__ import annotations

from django.core.handlers.asgi import ASGIRequest
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _

from .. import conf, http
from ..models.timeline import current_version
from ..params import BadParameter
from ..push import embedded, events, grip

EVENTS_PATH = "events/"


def events_url(page, request: HttpRequest | None) -> str | None:
    """The full URL of ``page``'s event stream, or None when the site
    offers none (then clients poll)."""
    if not conf.get("EVENT_STREAM"):
        return None
    url = page.get_full_url(request)
    return f"{url}{EVENTS_PATH}" if url else None


def _headers(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each message on at once
    return response


def serve_events(page, request: HttpRequest) -> HttpResponse:
    # Never compressed (GZipMiddleware, say): a proxy holding the stream
    # appends each published message to the body as it is, and a browser
    # must read each message as it arrives, not when a compressor flushes.
    request.META.pop("HTTP_ACCEPT_ENCODING", None)
    engine = conf.get("EVENT_STREAM")
    if not engine:
        return http.error(404, _("This site offers no event stream."))
    current = current_version(page.liveblog_id)
    try:
        since = events.resume_from(request, grip.last_ids(request))
    except BadParameter as bad:
        return http.error(400, bad.message, bad.name)
    if since is None:
        since = current
    if engine == "embedded" and isinstance(request, ASGIRequest):
        return _headers(
            StreamingHttpResponse(
                embedded.stream(page, since), content_type=events.CONTENT_TYPE
            )
        )
    body = events.retry_advice() + events.catch_up(page, since, current)
    response = HttpResponse(body, content_type=events.CONTENT_TYPE)
    if engine == "grip" and grip.is_proxied(request):
        grip.hold(request, page, current)
    return _headers(response)
