"""The engine at scale: a GRIP proxy holds the readers' connections.

Pushpin (Debian's ``pushpin``) or Fastly Fanout sits in front of plain
WSGI Django (gunicorn, any number of processes and proxies). A reader's
request for ``events/`` reaches Django through the proxy, which answers it
with what the reader missed and GRIP instructions (``django_grip``): hold
the response open as a stream on the page's channel, send a comment every
``EVENTS_HEARTBEAT`` seconds, and where to recover from. Django then only
publishes each change to the channel, after the commit, in the background.

Each message carries the blog's version as its id and the one before as
its ``prev-id``: a proxy that missed one (a lost publish, a restart) sees
the gap and fetches what was missed from the next link, so no reader loses
a change. A blog whose readers' rights change closes its streams.
"""

from __future__ import annotations

import logging

from django.http import HttpRequest
from django.utils.http import urlencode

from .. import conf
from ..access.blogs import find_liveblog
from ..models.timeline import current_version
from . import events

logger = logging.getLogger(__name__)

CHANNEL = "liveblog-{page_id}"


def channel_name(page_id: int) -> str:
    return CHANNEL.format(page_id=page_id)


def is_proxied(request: HttpRequest) -> bool:
    """Whether the request came through a GRIP proxy (``GripMiddleware``
    checked its signature)."""
    grip = getattr(request, "grip", None)
    return bool(grip is not None and grip.proxied)


def last_ids(request: HttpRequest) -> dict:
    """The proxy's ``Grip-Last`` ids by channel (none unless proxied)."""
    if not is_proxied(request):
        return {}
    return dict(request.grip.last or {})


def hold(request: HttpRequest, page, current: int) -> None:
    """Tell the proxy to hold the response as a stream on the page's channel
    from version ``current``.

    The next link, where the proxy recovers from a gap or continues a
    stream closed by a publish, is this request's own path: relative, so
    the proxy asks the origin it came through (the site's configured
    hostname may not route back to it). The proxy's ``Grip-Last`` header on
    that request says how far the reader got; ``since`` only counts when
    it has none."""
    from gripcontrol import Channel

    instruct = request.grip.start_instruct()
    instruct.set_hold_stream()
    instruct.add_channel(Channel(channel_name(page.pk), prev_id=str(current)))
    instruct.set_keep_alive(
        events.KEEP_ALIVE, max(1, round(conf.get("EVENTS_HEARTBEAT")))
    )
    instruct.set_next_link(f"{request.path}?{urlencode({'since': current})}")


def publish_change(page, previous_version: int, version: int) -> None:
    """Publish one change of ``page`` to its channel (sent in the
    background by ``django_grip``'s publisher thread)."""
    from gripcontrol import HttpStreamFormat

    content = events.change(page, previous_version, version)
    _publish(page.pk, HttpStreamFormat(content), str(version), str(previous_version))


def advance(page_id: int, previous_version: int, version: int) -> None:
    """The version moved on with nothing readers of this page may see (the
    blog was unpublished): an empty message carries the ids along, so the
    close that follows is the next message its streams expect."""
    from gripcontrol import HttpStreamFormat

    _publish(page_id, HttpStreamFormat(""), str(version), str(previous_version))


def close(page_ids) -> None:
    """End the streams of these pages: their readers reconnect, through the
    page's privacy checks.

    The close carries the blog's current version as its ``prev-id``: a
    stream held with ids only accepts the message that follows the last
    one it sent, and would take any other for a gap (and ask the next link,
    which the page's privacy now refuses, over and over before giving up).
    It has no id of its own: the proxy drops a message whose id it has
    already published as a duplicate."""
    from gripcontrol import HttpStreamFormat

    for page_id in page_ids:
        page = find_liveblog(page_id)
        version = str(current_version(page.liveblog_id)) if page is not None else None
        _publish(page_id, HttpStreamFormat(close=True), None, version)


def _publish(page_id: int, content, message_id, prev_id) -> None:
    from django_grip import publish

    channel = channel_name(page_id)

    def sent(success: bool, message: str) -> None:
        if not success:
            logger.warning("GRIP: publishing to %s failed: %s", channel, message)

    publish(channel, content, id=message_id, prev_id=prev_id, callback=sent)
