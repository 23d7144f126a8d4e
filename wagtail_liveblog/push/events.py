"""The messages of a blog's event stream (Server-Sent Events).

Each message is one change: its ``id`` is the blog's version after it, its
``data`` the poll route's JSON for the versions it covers
(``reading.service.poll``: ``meta`` with the version and status, ``items``
with each update's ``id`` and ``html``, ``deleted``), on one line. A
reader that reconnects with ``Last-Event-ID: <version>`` (or
``?since=<version>``) first gets one message with everything after it.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from .. import conf
from ..params import BadParameter, whole_number
from ..reading import service

CONTENT_TYPE = "text/event-stream"
#: A comment line: proxies keep a quiet connection open.
KEEP_ALIVE = ":\n\n"


def retry_advice() -> str:
    """How long a disconnected reader waits before reconnecting."""
    return f"retry: {int(conf.get('EVENTS_RETRY') * 1000)}\n\n"


def message(version: int, data: dict) -> str:
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    return f"id: {version}\ndata: {text}\n\n"


def change(page, since: int, version: int) -> str:
    """The message for what changed after ``since`` up to ``version``."""
    return message(version, service.poll(page, None, since, version, until=version))


def catch_up(page, since: int | None, current: int) -> str:
    """What a reader who saw ``since`` has missed: one message up to the
    ``current`` version, or nothing. A reader ahead of the blog (a version
    from before a restore) is told to reload (``meta.reset``)."""
    if since is None or since == current:
        return ""
    if since > current:
        data = service.unchanged_poll(current, page.status)
        data["meta"]["reset"] = True
        return message(current, data)
    return message(current, service.poll(page, None, since, current))


def resume_from(request, last_ids: dict | None = None) -> int | None:
    """The version a reader has seen: through a GRIP proxy recovering a gap
    or following a closed stream's next link, the proxy's last id
    (``Grip-Last``: the reader's position, where the link's ``since`` is
    where its stream began); else ``Last-Event-ID`` (sent by a browser
    reconnecting); else ``?since=``; None for a new reader. ``BadParameter``
    for one that is not a version."""
    for name, raw in (
        ("Grip-Last", next(iter((last_ids or {}).values()), None)),
        ("Last-Event-ID", request.headers.get("Last-Event-ID")),
        ("since", request.GET.get("since")),
    ):
        if raw:
            value = whole_number(raw.strip())
            if value is None:
                raise BadParameter(name, _("must be a version: a whole number"))
            return value
    return None
