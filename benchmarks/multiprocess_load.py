#!/usr/bin/env python
"""Load test of several app processes sharing PostgreSQL and Redis.

    python benchmarks/multiprocess_load.py [--duration 20] [--connections 32]
        [--updates 1000] [--post-every 1.0] [--processes 2] [--threads 4]

Builds a fresh PostgreSQL database (``DATABASE_URL``'s server, else
``postgres://postgres@127.0.0.1:5432``), migrates it, makes a live blog of
``--updates`` updates and starts ``--processes`` gunicorn processes on their
own ports, each one worker with ``--threads`` threads, all with
``tests/multiprocess_settings.py``: Django's cache on the local Redis
server (``RedisCache``) and ``LiveBlogPollMiddleware``.

Then, for ``--duration`` seconds, one ``wrk`` per process polls the blog as
the reader script does (``poll/?since=<version>``, following the version
each answer gives) while a reporter posts an update every ``--post-every``
seconds through the first process (API v3 on Wagtail 8, else the editing
API). Prints requests/s and latency (p50, p95, p99) per process and in all,
the posts made and the errors; a first run without posting gives the
figures for a quiet blog. Everything started is stopped at the end.

``tests/test_multiprocess.py`` uses ``Cluster`` to check correctness under
the same setup; this script only measures.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = "tests.multiprocess_settings"
REDIS_URL = os.environ.get("LIVEBLOG_MP_REDIS_URL", "redis://127.0.0.1:6379/0")
WRK = shutil.which("wrk") or "/usr/bin/wrk"

# The editor: a long-lived Django process (not an app process) that sets the
# blog up and changes its privacy, one JSON command per line on stdin.
EDITOR = r"""
import json, sys, time
import django
django.setup()
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction, Site
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogPage
from wagtail_liveblog.models.timeline import current_version

state = {}

def reply(**data):
    print(json.dumps(data), flush=True)

for line in sys.stdin:
    command = json.loads(line)
    name = command.pop("command")
    try:
        if name == "setup":
            user = get_user_model().objects.create_superuser(
                "chief", "chief@example.com", "pw"
            )
            home = Site.objects.get(is_default_site=True).root_page
            blog = home.add_child(instance=LiveBlogPage(title="Storm", slug="storm"))
            blog.save_revision(user=user).publish(user=user)
            count = command.get("updates", 0)
            if count:
                editing.import_updates(blog, user=user, updates=[
                    {"headline": f"Backlog {n}", "body": [
                        {"type": "text", "value": f"<p>Backlog update {n}.</p>"}]}
                    for n in range(count)
                ])
            token = None
            try:
                from wagtail.models import APIToken
                token = APIToken.create_token(user=user, name="reporter")[1]
            except ImportError:
                pass
            state.update(blog=blog, user=user)
            reply(blog_id=blog.pk, path=blog.url, token=token,
                  version=current_version(blog.pk))
        elif name == "restrict":
            state["restriction"] = PageViewRestriction.objects.create(
                page=state["blog"], restriction_type=PageViewRestriction.LOGIN)
            reply(at=time.time())
        elif name == "unrestrict":
            state.pop("restriction").delete()
            reply(at=time.time())
        elif name == "unpublish":
            state["blog"].refresh_from_db()
            state["blog"].unpublish(user=state["user"])
            reply(at=time.time())
        elif name == "post":
            update_id = editing.post_update(
                state["blog"], user=state["user"], headline=command["headline"])
            reply(id=update_id, at=time.time())
        elif name == "post_unannounced":
            # A change whose push is lost (a proxy restarting, say): the
            # event stream's publisher is switched off for it.
            from wagtail_liveblog import signals
            from wagtail_liveblog.push import publisher
            uid = "wagtail_liveblog_push"
            signals.liveblog_changed.disconnect(dispatch_uid=uid)
            try:
                update_id = editing.post_update(
                    state["blog"], user=state["user"], headline=command["headline"])
            finally:
                signals.liveblog_changed.connect(publisher.on_changed, dispatch_uid=uid)
            reply(id=update_id, at=time.time())
        elif name == "version":
            reply(version=current_version(state["blog"].pk))
        else:
            reply(error=f"unknown command {name}")
    except Exception as error:
        reply(error=repr(error))
"""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def postgres_server() -> str:
    """The PostgreSQL server to use (a URL without a database name)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        url = "postgres://postgres@127.0.0.1:5432/postgres"
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))


def unavailable(*, sqlite: bool = False, redis: bool = True) -> str | None:
    """Why the cluster (on SQLite, without Redis: see ``Cluster``) cannot
    run here, in one line, or None."""
    reason = (None if sqlite else _postgres_unavailable()) or (
        _redis_unavailable() if redis else None
    )
    if reason:
        return reason
    if not gunicorn().exists() and not shutil.which("gunicorn"):
        return "gunicorn is not installed"
    return None


def _postgres_unavailable() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        psycopg.connect(f"{postgres_server()}/postgres", connect_timeout=3).close()
    except psycopg.Error as error:
        return f"PostgreSQL is not reachable ({str(error).strip().splitlines()[0]})"
    return None


def _redis_unavailable() -> str | None:
    try:
        import redis
    except ImportError:
        return "the redis package (redis-py) is not installed"
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        return f"Redis is not reachable at {REDIS_URL} ({error})"
    return None


def gunicorn() -> Path:
    return Path(sys.executable).with_name("gunicorn")


class Cluster:
    """A fresh database, a live blog, an editor process and ``processes``
    gunicorn processes sharing Redis. Use as a context manager.

    The database is a new PostgreSQL database, or with ``sqlite=True`` a new
    SQLite file (then, with ``redis=False``, each process keeps its cache in
    its own memory). Each process listens on a port of its own, or with
    ``port`` all of them on that one (``SO_REUSEPORT``: the kernel spreads
    the connections, as behind a proxy with one origin). ``env`` adds to
    the processes' environment (``LIVEBLOG_MP_GRIP_URL``, say)."""

    def __init__(
        self,
        *,
        processes: int = 2,
        threads: int = 4,
        poll_interval: float = 1.0,
        updates: int = 0,
        sqlite: bool = False,
        redis: bool = True,
        port: int | None = None,
        env: dict | None = None,
    ):
        self.processes = processes
        self.threads = threads
        self.poll_interval = poll_interval
        self.updates = updates
        self.sqlite = sqlite
        self.shared_port = port
        self.database = f"liveblog_mp_{secrets.token_hex(4)}"
        self.prefix = f"liveblog-mp-{secrets.token_hex(4)}"
        self.media = tempfile.mkdtemp(prefix="liveblog-mp-media-")
        database_url = (
            f"sqlite:///{self.media}/{self.database}.sqlite3"
            if sqlite
            else f"{postgres_server()}/{self.database}"
        )
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "LIVEBLOG_MP_DATABASE_URL": database_url,
            "LIVEBLOG_MP_REDIS_URL": REDIS_URL if redis else "",
            "LIVEBLOG_MP_CACHE_PREFIX": self.prefix,
            "LIVEBLOG_MP_POLL_INTERVAL": str(poll_interval),
            "LIVEBLOG_MP_MEDIA_ROOT": self.media,
            "PYTHONPATH": os.pathsep.join(
                filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])
            ),
            **(env or {}),
        }
        self.servers: list[subprocess.Popen] = []
        self.ports: list[int] = []
        self.editor: subprocess.Popen | None = None
        self.blog: dict = {}
        self._lock = threading.Lock()

    # -- life cycle ----------------------------------------------------------

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(f"{postgres_server()}/postgres", autocommit=True) as db:
            db.execute(sql)

    def start(self) -> None:
        if not self.sqlite:
            self._admin(f'CREATE DATABASE "{self.database}"')
        subprocess.run(
            [sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0"],
            cwd=ROOT,
            env=self.env,
            check=True,
            capture_output=True,
            timeout=600,
        )
        self.editor = subprocess.Popen(
            [sys.executable, "-c", EDITOR],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            start_new_session=True,
        )
        self.blog = self.edit("setup", updates=self.updates)
        for _ in range(self.processes):
            port = self.shared_port or free_port()
            self.servers.append(
                subprocess.Popen(
                    [
                        str(gunicorn()) if gunicorn().exists() else "gunicorn",
                        "django.core.wsgi:get_wsgi_application()",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--workers",
                        "1",
                        "--worker-class",
                        "gthread",
                        "--threads",
                        str(self.threads),
                        "--log-level",
                        "warning",
                        *(["--reuse-port"] if self.shared_port else []),
                    ],
                    cwd=ROOT,
                    env=self.env,
                    start_new_session=True,
                )
            )
            if port not in self.ports:
                self.ports.append(port)
        for port in self.ports:
            self.wait_until_up(port)

    def wait_until_up(self, port: int, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                status, _body = request(
                    port, "GET", f"{self.blog['path']}poll/?since=0"
                )
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn on port {port} did not answer in {timeout:.0f} s")

    def stop(self) -> None:
        for process in [*self.servers, self.editor]:
            if process is None or process.poll() is not None:
                continue
            try:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=15)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(process.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                process.wait()
        self.servers.clear()
        if not self.sqlite:
            try:
                self._admin(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            except Exception as error:
                print(f"could not drop {self.database}: {error}", file=sys.stderr)
        if self.env["LIVEBLOG_MP_REDIS_URL"]:
            self._clear_redis()
        shutil.rmtree(self.media, ignore_errors=True)

    def _clear_redis(self) -> None:
        try:
            client = self.redis()
            keys = list(client.scan_iter(match=f"{self.prefix}:*", count=1000))
            if keys:
                client.delete(*keys)
        except Exception as error:
            print(f"could not clear Redis keys {self.prefix}: {error}", file=sys.stderr)

    # -- helpers -----------------------------------------------------------------

    def redis(self):
        import redis

        return redis.Redis.from_url(REDIS_URL)

    def gates(self) -> int:
        """How many fast-poll gates the cache holds now."""
        pattern = f"{self.prefix}:*:wagtail_liveblog:poll-gate:*"
        return sum(1 for _ in self.redis().scan_iter(match=pattern, count=1000))

    def edit(self, command: str, **arguments) -> dict:
        """Run one command in the editor process; its reply."""
        assert self.editor is not None and self.editor.stdin and self.editor.stdout
        with self._lock:
            self.editor.stdin.write(
                json.dumps({"command": command, **arguments}) + "\n"
            )
            self.editor.stdin.flush()
            line = self.editor.stdout.readline()
        if not line:
            raise RuntimeError(f"the editor process stopped during {command}")
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError(f"editor {command}: {reply['error']}")
        return reply

    @property
    def poll_path(self) -> str:
        return f"{self.blog['path']}poll/"

    def api_v3(self, port: int, method: str, path: str, data=None):
        """A request to the liveblogs API v3 with the reporter's token."""
        return request(
            port,
            method,
            f"/api/v3/liveblogs/{self.blog['blog_id']}/updates/{path}",
            data,
            {"Authorization": f"Bearer {self.blog['token']}"},
        )


def request(port: int, method: str, path: str, data=None, headers=None, timeout=10):
    """One HTTP request to ``127.0.0.1:port``: ``(status, parsed JSON or None)``.
    Redirects are not followed."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        body = None
        headers = dict(headers or {})
        if data is not None:
            body = json.dumps(data)
            headers["Content-Type"] = "application/json"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        raw = response.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return response.status, parsed
    finally:
        connection.close()


# -- the load test -----------------------------------------------------------------

# wrk follows the version each poll answer gives, as the reader script does.
WRK_SCRIPT = r"""
local since = "%(since)s"
local path = "%(path)s"
request = function()
  return wrk.format("GET", path .. "?since=" .. since)
end
response = function(status, headers, body)
  if status == 200 then
    local version = string.match(body, '"version": (%%d+)')
    if version then since = version end
  end
end
done = function(summary, latency, requests)
  io.write(string.format("LATENCY %%d %%d %%d %%d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    latency.max))
  io.write(string.format("ERRORS %%d %%d %%d\n", summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write,
    summary.errors.timeout))
end
"""


def run_wrk(cluster: Cluster, port: int, *, duration: int, connections: int) -> dict:
    version = cluster.edit("version")["version"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % {"since": version, "path": cluster.poll_path})
    try:
        result = subprocess.run(
            [
                WRK,
                "-t2",
                f"-c{connections}",
                f"-d{duration}s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}/",
            ],
            capture_output=True,
            text=True,
            timeout=duration + 60,
            check=True,
        )
    finally:
        os.unlink(script.name)
    out = result.stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p50, p95, p99, worst = (
        int(x) / 1000
        for x in re.search(r"LATENCY (\d+) (\d+) (\d+) (\d+)", out).groups()
    )
    status_errors, socket_errors, timeouts = (
        int(x) for x in re.search(r"ERRORS (\d+) (\d+) (\d+)", out).groups()
    )
    return {
        "port": port,
        "requests": total,
        "rps": rps,
        "p50_ms": p50,
        "p95_ms": p95,
        "p99_ms": p99,
        "max_ms": worst,
        "non_2xx": status_errors,
        "socket_errors": socket_errors + timeouts,
    }


def reporter(cluster: Cluster, every: float, stop: threading.Event, log: list) -> None:
    """Post an update every ``every`` seconds through the first process."""
    number = 0
    while not stop.wait(every):
        number += 1
        started = time.perf_counter()
        headline = f"Load post {number}"
        if cluster.blog.get("token"):
            status, _ = cluster.api_v3(
                cluster.ports[0], "POST", "", {"headline": headline}
            )
            ok = status == 201
        else:
            cluster.edit("post", headline=headline)
            ok = True
        log.append((ok, time.perf_counter() - started))


def measure(
    cluster: Cluster, *, duration: int, connections: int, post_every: float | None
) -> dict:
    stop = threading.Event()
    posts: list = []
    poster = None
    if post_every:
        poster = threading.Thread(
            target=reporter, args=(cluster, post_every, stop, posts), daemon=True
        )
        poster.start()
    results: list[dict] = []
    runners = [
        threading.Thread(
            target=lambda p=port: results.append(
                run_wrk(cluster, p, duration=duration, connections=connections)
            )
        )
        for port in cluster.ports
    ]
    for runner in runners:
        runner.start()
    for runner in runners:
        runner.join()
    stop.set()
    if poster is not None:
        poster.join(timeout=30)
    results.sort(key=lambda r: cluster.ports.index(r["port"]))
    return {
        "processes": results,
        "total_rps": round(sum(r["rps"] for r in results), 1),
        "posts": len(posts),
        "posts_failed": sum(1 for ok, _ in posts if not ok),
        "post_p50_ms": round(sorted(t for _, t in posts)[len(posts) // 2] * 1000, 1)
        if posts
        else None,
    }


def describe(label: str, result: dict) -> str:
    lines = [f"{label}: {result['total_rps']:.0f} polls/s in all"]
    for number, r in enumerate(result["processes"], start=1):
        lines.append(
            f"  process {number} (port {r['port']}): {r['rps']:.0f} polls/s, "
            f"p50 {r['p50_ms']:.1f} ms, p95 {r['p95_ms']:.1f} ms, "
            f"p99 {r['p99_ms']:.1f} ms, max {r['max_ms']:.0f} ms; "
            f"non-2xx {r['non_2xx']}, socket errors {r['socket_errors']}"
        )
    if result["posts"]:
        lines.append(
            f"  posts: {result['posts']} ({result['posts_failed']} failed), "
            f"p50 {result['post_p50_ms']} ms each"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32, help="per process")
    parser.add_argument("--updates", type=int, default=1000)
    parser.add_argument("--post-every", type=float, default=1.0)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--json", action="store_true", help="print JSON only")
    args = parser.parse_args(argv)
    reason = unavailable() or (None if Path(WRK).exists() else "wrk is not installed")
    if reason:
        print(f"cannot run: {reason}", file=sys.stderr)
        return 2
    with Cluster(
        processes=args.processes, threads=args.threads, updates=args.updates
    ) as cluster:
        # Warm up: every process builds its gate and its connections.
        for port in cluster.ports:
            for _ in range(3):
                version = cluster.edit("version")["version"]
                request(port, "GET", f"{cluster.poll_path}?since={version}")
        quiet = measure(
            cluster,
            duration=args.duration,
            connections=args.connections,
            post_every=None,
        )
        busy = measure(
            cluster,
            duration=args.duration,
            connections=args.connections,
            post_every=args.post_every,
        )
    report = {
        "setup": {
            "processes": args.processes,
            "threads": args.threads,
            "connections_per_process": args.connections,
            "duration_s": args.duration,
            "updates": args.updates,
            "post_every_s": args.post_every,
            "cpus": os.cpu_count(),
        },
        "quiet": quiet,
        "posting": busy,
    }
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print(json.dumps(report["setup"]))
        print(describe("Quiet blog", quiet))
        print(describe(f"Posting every {args.post_every:g} s", busy))
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
