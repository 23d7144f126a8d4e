#!/usr/bin/env python
"""Push at scale: N readers on one blog's event stream through Pushpin,
against the same N readers polling every 10 seconds.

    python benchmarks/push_load.py [--clients 1000] [--posts 20]
        [--post-every 1.0] [--processes 2] [--threads 8]

The setup docs/deployment.md describes ("Live updates (push)"): Debian's
Pushpin (``tests/pushpin.py``, its delivery rate raised from its default
2,500 messages a second) in front of ``--processes`` gunicorn processes
(plain WSGI, sharing one port) on a fresh PostgreSQL database, with
Django's cache on the local Redis server and the GRIP engine
(``tests/multiprocess_settings.py`` via ``Cluster``).

1. Push: ``--clients`` readers open ``<page url>events/`` through Pushpin
   from one local asyncio load generator (at most ``--connect-at-once``
   connections being opened at a time); once all are held, a reporter
   posts ``--posts`` updates, one every ``--post-every`` seconds, through
   the editing API (API v3) of the app processes. Every reader must get
   every post: the report gives the time from each post's API answer to
   each reader's receipt (p50, p95, p99, max), lost deliveries (a post a
   reader never got) and errors (a connection refused, failed or ended).
2. Poll: the same readers poll ``poll/?since=<version>`` through Pushpin
   every 10 seconds (spread over the interval, following the version each
   answer gives, as the reader script does) while the reporter posts the
   same way: the same news, the same window.

For each phase, the app processes' CPU time (user + system, every process
of each gunicorn, from /proc) over the posting window: per post for push
(the post itself, its publish and nothing per reader), per 10 seconds for
polling; and Pushpin's own CPU. Everything started is stopped at the end.
Exit code 0 when every reader got every post with no error, else 1.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from benchmarks.multiprocess_load import (  # noqa: E402
    Cluster,
    free_port,
    request,
    unavailable,
)
from tests import pushpin  # noqa: E402
from tests.sse import Parser  # noqa: E402

POLL_EVERY = 10.0  # seconds: the package's default POLL_INTERVAL
TICKS = os.sysconf("SC_CLK_TCK")


# -- CPU time of process groups, from /proc -----------------------------------------


def cpu_seconds(sessions: list[int]) -> float:
    """User + system CPU seconds of every live process in these sessions
    (each server was started in a session of its own, which its workers,
    or Pushpin's condure, proxy and handler, share)."""
    wanted = set(sessions)
    total = sum(
        int(fields[11]) + int(fields[12])
        for _pid, fields in pushpin.processes()
        if int(fields[3]) in wanted
    )
    return total / TICKS


# -- the load generator -------------------------------------------------------------


@dataclass
class Reader:
    number: int
    received: dict = field(default_factory=dict)  # update id -> first seen (time)
    error: str | None = None
    held: bool = False
    reconnects: int = 0  # streams that ended and were opened again


async def read_head(stream: asyncio.StreamReader) -> tuple[int, dict]:
    status_line = await stream.readline()
    if not status_line:
        raise ConnectionError("closed before answering")
    status = int(status_line.split()[1])
    headers = {}
    while True:
        line = await stream.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers


async def body_chunks(stream: asyncio.StreamReader, headers: dict):
    """The body as it arrives (chunked or not)."""
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            line = await stream.readline()
            if not line:
                raise ConnectionError("the stream ended")
            size = int(line.split(b";")[0], 16)
            if size == 0:
                await stream.readline()
                return
            data = await stream.readexactly(size)
            await stream.readexactly(2)
            yield data
    elif "content-length" in headers:
        yield await stream.readexactly(int(headers["content-length"]))
    else:
        while chunk := await stream.read(65536):
            yield chunk


def note_items(reader: Reader, data: dict, now: float) -> None:
    for item in data.get("items", ()):
        reader.received.setdefault(item["id"], now)


async def stream_reader(
    reader: Reader, port: int, path: str, gate: asyncio.Semaphore, stop: asyncio.Event
) -> None:
    """One reader's ``EventSource``: when its stream ends or fails, it comes
    back after the ``retry:`` advice with ``Last-Event-ID`` (counted in
    ``reconnects``); a reader that cannot connect again is an error."""
    last_id, retry = None, 3.0
    while not stop.is_set():
        writer = None
        try:
            async with gate:
                stream, writer = await asyncio.open_connection("127.0.0.1", port)
                resume = f"Last-Event-ID: {last_id}\r\n" if last_id else ""
                writer.write(
                    f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                    f"Accept: text/event-stream\r\n{resume}\r\n".encode()
                )
                status, headers = await read_head(stream)
                if status != 200:
                    raise ConnectionError(f"answered {status}")
                chunks = body_chunks(stream, headers).__aiter__()
                parser = Parser()
                first = await chunks.__anext__()
                reader.held = True
            chunk = first
            while True:  # until the stream ends (StopAsyncIteration)
                now = time.time()
                for event in parser.feed(chunk):
                    if event.retry is not None:
                        retry = event.retry / 1000
                    if event.id is not None:
                        last_id = event.id
                        note_items(reader, event.json, now)
                chunk = await chunks.__anext__()
        except asyncio.CancelledError:
            return
        except (StopAsyncIteration, ConnectionError, OSError, ValueError) as error:
            if not reader.held:  # never connected: an error, no retry
                reader.error = f"{type(error).__name__}: {error}"
                return
        finally:
            if writer is not None:
                writer.close()
        if stop.is_set():
            return
        reader.reconnects += 1
        await asyncio.sleep(retry)


async def poll_reader(
    reader: Reader,
    port: int,
    path: str,
    version: int,
    offset: float,
    stop: asyncio.Event,
) -> None:
    writer = None
    try:
        await asyncio.sleep(offset)
        stream, writer = await asyncio.open_connection("127.0.0.1", port)
        reader.held = True
        while not stop.is_set():
            started = time.monotonic()
            writer.write(
                f"GET {path}?since={version} HTTP/1.1\r\n"
                f"Host: 127.0.0.1:{port}\r\n\r\n".encode()
            )
            status, headers = await read_head(stream)
            body = b"".join([chunk async for chunk in body_chunks(stream, headers)])
            now = time.time()
            if status == 200:
                data = json.loads(body)
                note_items(reader, data, now)
                version = data["meta"]["version"]
            elif status != 304:
                raise ConnectionError(f"a poll answered {status}")
            left = POLL_EVERY - (time.monotonic() - started)
            try:
                await asyncio.wait_for(stop.wait(), max(0.0, left))
            except TimeoutError:
                pass
    except asyncio.CancelledError:
        pass
    except Exception as error:
        reader.error = f"{type(error).__name__}: {error}"
    finally:
        if writer is not None:
            writer.close()


# -- the reporter ---------------------------------------------------------------------


def post_updates(cluster: Cluster, count: int, every: float, label: str) -> list:
    """Post ``count`` updates, one every ``every`` seconds (or as soon as
    the previous one is answered, when that takes longer), through the app
    processes' shared port: [(update id, sent, answered)]."""
    posts = []
    next_at = time.monotonic()
    for number in range(1, count + 1):
        time.sleep(max(0.0, next_at - time.monotonic()))
        next_at += every
        sent = time.time()
        status, data = request(
            cluster.ports[0],
            "POST",
            f"/api/v3/liveblogs/{cluster.blog['blog_id']}/updates/",
            {"headline": f"{label} {number}"},
            {"Authorization": f"Bearer {cluster.blog['token']}"},
            timeout=120,
        )
        answered = time.time()
        if status != 201:
            raise RuntimeError(f"posting answered {status}: {data}")
        posts.append((data["id"], sent, answered))
    return posts


# -- one phase ---------------------------------------------------------------------------


@dataclass
class Phase:
    name: str
    readers: list
    posts: list
    connect_s: float = 0.0
    app_cpu_connect: float = 0.0
    app_cpu: float = 0.0
    proxy_cpu: float = 0.0
    window_s: float = 0.0

    def latencies(self) -> list[float]:
        out = []
        for reader in self.readers:
            for update_id, _sent, answered in self.posts:
                if update_id in reader.received:
                    out.append(reader.received[update_id] - answered)
        return sorted(out)

    @property
    def lost(self) -> int:
        return sum(
            1
            for reader in self.readers
            for update_id, _s, _a in self.posts
            if update_id not in reader.received
        )

    @property
    def reconnects(self) -> int:
        return sum(reader.reconnects for reader in self.readers)

    @property
    def errors(self) -> list[str]:
        return [reader.error for reader in self.readers if reader.error]


def run_phase(
    cluster: Cluster,
    proxy: pushpin.Pushpin,
    *,
    kind: str,
    clients: int,
    posts: int,
    every: float,
    connect_at_once: int,
    settle: float,
) -> Phase:
    app_sessions = [server.pid for server in cluster.servers]
    proxy_sessions = proxy.pids()
    readers = [Reader(n) for n in range(clients)]
    phase = Phase(kind, readers, [])
    path = cluster.blog["path"]

    async def main() -> None:
        stop = asyncio.Event()
        version = cluster.edit("version")["version"]
        cpu_before = cpu_seconds(app_sessions)
        started = time.monotonic()
        if kind == "push":
            gate = asyncio.Semaphore(connect_at_once)
            tasks = [
                asyncio.create_task(
                    stream_reader(reader, proxy.http_port, f"{path}events/", gate, stop)
                )
                for reader in readers
            ]
            while not all(r.held or r.error for r in readers):
                await asyncio.sleep(0.1)
        else:
            tasks = [
                asyncio.create_task(
                    poll_reader(
                        reader,
                        proxy.http_port,
                        f"{path}poll/",
                        version,
                        POLL_EVERY * n / clients,
                        stop,
                    )
                )
                for n, reader in enumerate(readers)
            ]
            # Every reader has made its first poll: the steady state.
            await asyncio.sleep(POLL_EVERY)
        phase.connect_s = time.monotonic() - started
        phase.app_cpu_connect = cpu_seconds(app_sessions) - cpu_before

        app_before, proxy_before = (
            cpu_seconds(app_sessions),
            cpu_seconds(proxy_sessions),
        )
        window_started = time.monotonic()
        phase.posts = await asyncio.to_thread(
            post_updates, cluster, posts, every, f"{kind} post"
        )
        # Until every reader has every post, or ``settle`` seconds more.
        wanted = {update_id for update_id, _s, _a in phase.posts}
        deadline = time.monotonic() + settle
        while time.monotonic() < deadline:
            if all(wanted <= r.received.keys() for r in readers if not r.error):
                break
            await asyncio.sleep(0.05)
        phase.window_s = time.monotonic() - window_started
        phase.app_cpu = cpu_seconds(app_sessions) - app_before
        phase.proxy_cpu = cpu_seconds(proxy_sessions) - proxy_before
        stop.set()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    asyncio.run(main())
    return phase


# -- the report ------------------------------------------------------------------------------


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    index = min(len(values) - 1, max(0, round(share * len(values)) - 1))
    return values[index]


def describe(phase: Phase, clients: int) -> list[str]:
    latencies = phase.latencies()
    delivered = len(latencies)
    expected = clients * len(phase.posts)
    errors = phase.errors
    lines = [
        f"{phase.name}: {clients} readers, {len(phase.posts)} posts, "
        f"{delivered}/{expected} deliveries",
        "  post answered -> reader has it: "
        + ", ".join(
            f"{name} {percentile(latencies, share) * 1000:.0f} ms"
            for name, share in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99))
        )
        + f", max {max(latencies, default=float('nan')) * 1000:.0f} ms",
        f"  lost {phase.lost}, errors {len(errors)}"
        + (f" (first: {errors[0]})" if errors else "")
        + (
            f"; {phase.reconnects} streams ended and were opened again "
            "with Last-Event-ID"
            if phase.reconnects
            else ""
        ),
    ]
    took = sorted(answered - sent for _id, sent, answered in phase.posts)
    if took:
        lines.append(
            f"  each post took p50 {percentile(took, 0.5) * 1000:.0f} ms, "
            f"max {took[-1] * 1000:.0f} ms to answer"
        )
    per_post = phase.app_cpu / len(phase.posts) * 1000 if phase.posts else 0
    per_10s = phase.app_cpu / phase.window_s * POLL_EVERY * 1000
    if phase.name == "push":
        lines.append(
            f"  connecting the readers: {phase.connect_s:.1f} s, "
            f"app CPU {phase.app_cpu_connect * 1000:.0f} ms "
            f"({phase.app_cpu_connect / clients * 1000:.2f} ms a reader)"
        )
    lines.append(
        f"  app CPU over the {phase.window_s:.1f} s window: "
        f"{phase.app_cpu * 1000:.0f} ms = {per_post:.1f} ms per post, "
        f"{per_10s:.0f} ms per 10 s; Pushpin CPU {phase.proxy_cpu * 1000:.0f} ms"
    )
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--posts", type=int, default=20)
    parser.add_argument("--post-every", type=float, default=1.0)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--connect-at-once", type=int, default=50)
    parser.add_argument(
        "--settle", type=float, default=15.0, help="seconds to wait after the last post"
    )
    parser.add_argument("--skip-poll", action="store_true", help="push phase only")
    args = parser.parse_args(argv)
    reason = pushpin.unavailable() or unavailable()
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 2

    port = free_port()
    print(
        f"Pushpin in front of {args.processes} gunicorn processes "
        f"({args.threads} threads each), PostgreSQL and Redis; "
        f"{args.clients} readers, {args.posts} posts every {args.post_every:g} s; "
        f"{os.cpu_count()} CPUs",
        flush=True,
    )
    with (
        pushpin.Pushpin([f"127.0.0.1:{port}"], message_rate=1_000_000) as proxy,
        Cluster(
            processes=args.processes,
            threads=args.threads,
            poll_interval=POLL_EVERY,
            port=port,
            env={"LIVEBLOG_MP_GRIP_URL": proxy.control_url},
        ) as cluster,
    ):
        phases = []
        for kind in ("push",) if args.skip_poll else ("push", "poll"):
            phase = run_phase(
                cluster,
                proxy,
                kind=kind,
                clients=args.clients,
                posts=args.posts,
                every=args.post_every,
                connect_at_once=args.connect_at_once,
                settle=args.settle if kind == "push" else POLL_EVERY + args.settle,
            )
            phases.append(phase)
            print("\n".join(describe(phase, args.clients)), flush=True)
    if len(phases) == 2:
        push, poll = phases
        push_10s = push.app_cpu / push.window_s * POLL_EVERY
        poll_10s = poll.app_cpu / poll.window_s * POLL_EVERY
        print(
            f"app CPU per 10 s with a post a second: push {push_10s * 1000:.0f} ms, "
            f"poll {poll_10s * 1000:.0f} ms "
            f"(polling costs {poll_10s / push_10s:.1f}x)"
            if push_10s
            else "app CPU: push used none measurable"
        )
    push = phases[0]
    ok = push.lost == 0 and not push.errors
    print(f"every reader got every post: {'yes' if ok else 'NO'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
