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
    grip = getattr(request, "grip", None)
    return dict(getattr(grip, "last", None) or {})


def hold(request: HttpRequest, page, current: int, events_url: str) -> None:
    """Tell the proxy to hold the response as a stream on the page's channel
    from version ``current``."""
    from gripcontrol import Channel

    instruct = request.grip.start_instruct()
    instruct.set_hold_stream()
    instruct.add_channel(Channel(channel_name(page.pk), prev_id=str(current)))
    instruct.set_keep_alive(events.KEEP_ALIVE, int(conf.get("EVENTS_HEARTBEAT")))
    instruct.set_next_link(f"{events_url}?{urlencode({'since': current})}")


def publish_change(page, previous_version: int, version: int) -> None:
    """Publish one change of ``page`` to its channel (in the background)."""
    from django_grip import publish
    from gripcontrol import HttpStreamFormat

    content = events.change(page, previous_version, version)
    publish(
        channel_name(page.pk),
        HttpStreamFormat(content),
        id=str(version),
        prev_id=str(previous_version),
    )


def close(page_ids) -> None:
    """End the streams of these pages: their readers reconnect, through the
    page's privacy checks."""
    from django_grip import publish
    from gripcontrol import HttpStreamFormat

    for page_id in page_ids:
        publish(channel_name(page_id), HttpStreamFormat(close=True))
