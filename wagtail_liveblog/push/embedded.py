"""The embedded engine: one process streams the events itself.

Under an ASGI server (Daphne behind ``runserver``, Uvicorn) a stream is an
asynchronous response: the server holds the connection, and the stream
waits, without a thread, until its blog changes. Two things wake it:

- a change made in this process (the desk, the API, a script in it): the
  publisher wakes the blog's streams at once, after the commit;
- a change made in another process (``publish_scheduled`` from cron, a
  management command, another app process): one watcher per blog with
  open streams reads the blog's version every ``EVENTS_CHECK_INTERVAL``
  seconds (one indexed read, whatever the number of readers) and wakes
  them when it moves.

Woken, each stream reads the change feed after the version it last sent,
so nothing is lost or sent twice. A blog whose readers' rights changed
(made private, unpublished, moved) closes its streams: browsers reconnect
through the page's privacy checks. For many processes or many readers, a
GRIP proxy holds the connections instead (``grip.py``).
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import AsyncIterator

from asgiref.sync import sync_to_async

from .. import conf
from ..models.timeline import current_version
from . import events

logger = logging.getLogger(__name__)


class Listener:
    """One open stream, woken from any thread."""

    def __init__(self, page_id: int, blog_id: int):
        self.page_id = page_id
        self.blog_id = blog_id
        self.loop = asyncio.get_running_loop()
        self.event = asyncio.Event()
        self.closed = False

    def wake(self) -> None:
        self.loop.call_soon_threadsafe(self.event.set)

    def close(self) -> None:
        self.closed = True
        self.wake()


class Hub:
    """The open streams of this process, by blog, and their watchers."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.listeners: dict[int, set[Listener]] = {}
        self.watchers: dict[int, asyncio.Task] = {}

    def add(self, listener: Listener) -> None:
        with self.lock:
            self.listeners.setdefault(listener.blog_id, set()).add(listener)
            if listener.blog_id not in self.watchers:
                self.watchers[listener.blog_id] = listener.loop.create_task(
                    self.watch(listener.blog_id)
                )

    def remove(self, listener: Listener) -> None:
        with self.lock:
            blog = self.listeners.get(listener.blog_id, set())
            blog.discard(listener)
            if not blog:
                self.listeners.pop(listener.blog_id, None)
                watcher = self.watchers.pop(listener.blog_id, None)
                if watcher is not None:
                    watcher.cancel()

    def notify(self, blog_id: int) -> None:
        """The blog changed: wake its streams (from any thread)."""
        with self.lock:
            listeners = list(self.listeners.get(blog_id, ()))
        for listener in listeners:
            listener.wake()

    def close(self, page_ids) -> None:
        """Who may read these pages changed: close their streams."""
        wanted = set(page_ids)
        with self.lock:
            listeners = [
                listener
                for blog in self.listeners.values()
                for listener in blog
                if listener.page_id in wanted or listener.blog_id in wanted
            ]
        for listener in listeners:
            listener.close()

    async def watch(self, blog_id: int) -> None:
        """Wake the blog's streams when another process changes it."""
        version = await sync_to_async(current_version)(blog_id)
        while True:
            await asyncio.sleep(conf.get("EVENTS_CHECK_INTERVAL"))
            try:
                now = await sync_to_async(current_version)(blog_id)
            except Exception:  # a database hiccup: try again next time
                logger.warning("Event stream watcher of blog %s failed", blog_id)
                continue
            if now != version:
                version = now
                self.notify(blog_id)


hub = Hub()


async def stream(page, since: int) -> AsyncIterator[str]:
    """The event stream of ``page`` for a reader who has seen ``since``."""
    listener = Listener(page.pk, page.liveblog_id)
    hub.add(listener)
    try:
        yield events.retry_advice()
        sent = since
        heartbeat = conf.get("EVENTS_HEARTBEAT")
        while not listener.closed:
            listener.event.clear()
            current = await sync_to_async(current_version)(listener.blog_id)
            if current != sent:
                yield await sync_to_async(events.catch_up)(page, sent, current)
                sent = current
            try:
                await asyncio.wait_for(listener.event.wait(), timeout=heartbeat)
            except TimeoutError:
                yield events.KEEP_ALIVE
    finally:
        hub.remove(listener)
