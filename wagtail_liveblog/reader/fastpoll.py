"""Answering up-to-date polls without routing the request to the page.

Most polls of a busy blog ask "anything after version N?" when N is already
the current version. The answer carries no content — the version, the
status and the poll interval — yet on the page route it costs a full
Wagtail serve (finding the site, walking the page tree, view restrictions)
before the poll view runs: about 3 ms, several times a minute per reader.

When the page route serves a poll of a public blog, it leaves a small
"gate" in Django's cache for that URL: the page id and its coverage times.
``LiveBlogPollMiddleware`` then answers later polls of the same URL from the
gate and one indexed read of the blog's version, as long as nothing changed.
Anything else — a poll with changes to send, a bad parameter, an unknown
URL, a private blog — goes on to the page route and its privacy checks, so
no update content ever leaves through this path.

Gates are dropped on any publish, unpublish, move or deletion of a page and
on any change to view restrictions or sites, by bumping a generation number
in the cache that every gate's key carries. With a per-process cache
(Django's default LocMemCache) the other processes drop theirs within
``GATE_TTL`` seconds; use a shared cache (Redis) to drop them at once.

A poll in flight while the blog turns private must not leave a gate behind:
the middleware reads the generation *before* the request is routed and its
privacy checked, and the page route writes the gate under that generation
only. If the privacy changed in between, the generation has moved on and
the gate is never read. The generation is bumped when the change is saved
and again when its transaction commits, so a poll that checked privacy
before the commit cannot land under the new generation either.

Only anonymous polls use gates: a request with a session cookie, an
``Authorization`` header, or to a view that Django's
``LoginRequiredMiddleware`` guards goes through the page route (and gets
``Cache-Control: private``).
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DEFAULT_DB_ALIAS, transaction
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

from .. import access, conf, http
from ..access import reading
from ..models.timeline import current_version
from ..params import whole_number
from ..reading import service
from ..status import coverage_status

GENERATION_KEY = "wagtail_liveblog:poll-gate-generation"
GATE_TTL = 60  # seconds
# Set on the request by the middleware: the generation read before routing.
REQUEST_GENERATION = "_liveblog_gate_generation"


def _fresh_generation() -> int:
    """A starting generation above any earlier one: if the cache loses the
    key (a restart, an eviction), gates left under old numbers stay dead."""
    return time.time_ns() // 1_000


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), None)
        generation = cache.get(GENERATION_KEY)
    return generation if generation is not None else _fresh_generation()


def _key(request: HttpRequest, generation: int) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    where = hashlib.blake2b(
        f"{request.scheme}://{host}{request.path}".encode(), digest_size=16
    ).hexdigest()
    return f"wagtail_liveblog:poll-gate:{generation}:{where}"


def remember(request: HttpRequest, page) -> None:
    """Called by the poll route once it has served a public blog's poll.

    Writes the gate under the generation the middleware read before the
    request was routed (none without the middleware): a privacy change
    since then leaves it unread.
    """
    generation = getattr(request, REQUEST_GENERATION, None)
    if (
        generation is None
        or not access.is_anonymous(request)
        or access.is_personal(request)
    ):
        return
    key = _key(request, generation)
    if key is not None:
        gate = {
            "page_id": page.pk,
            "blog_id": page.liveblog_id,
            "start": page.coverage_start,
            "end": page.coverage_end,
        }
        cache.set(key, gate, GATE_TTL)


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or the cache lost it)
        cache.set(GENERATION_KEY, _fresh_generation(), None)


def forget_all(using: str | None = None, **kwargs: Any) -> None:
    """Drop every gate (signal receiver): now, and again once the change
    commits (see the module's docstring)."""
    _bump()
    using = using or DEFAULT_DB_ALIAS
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(_bump, using=using)


def login_required(request: HttpRequest) -> bool:
    """Whether ``LoginRequiredMiddleware`` guards the view of this URL."""
    if not reading.login_required_site():
        return False
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True
    return reading.view_requires_login(match.func)


def poll_etag(page_id: int, version: int, since: int, status: str) -> str:
    # Everything the body depends on, POLL_INTERVAL included: a client that
    # only ever gets 304s still learns a changed interval.
    return http.make_etag(
        "poll", page_id, version, since, status, conf.get("POLL_INTERVAL")
    )


def answer(request: HttpRequest) -> HttpResponse | None:
    """The response to an anonymous, up-to-date poll of a known public blog,
    or None (the page route answers)."""
    generation = _generation()
    # Read before routing: the page route may leave a gate under it.
    setattr(request, REQUEST_GENERATION, generation)
    if set(request.GET) - {"since", "_"} or len(request.GET.getlist("since")) != 1:
        return None
    since = whole_number(request.GET["since"])
    if since is None:
        return None
    if not access.is_anonymous(request) or login_required(request):
        return None
    key = _key(request, generation)
    gate = cache.get(key) if key else None
    if not gate:
        return None
    version = current_version(gate["blog_id"])
    if since != version:
        return None  # changes to send: the page route renders them
    status = coverage_status(gate["start"], gate["end"])
    return http.conditional(
        request,
        poll_etag(gate["page_id"], version, since, status),
        lambda: http.json_body(request, service.unchanged_poll(version, status)),
        public=True,
    )
