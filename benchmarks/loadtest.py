#!/usr/bin/env python
"""Load test on loopback: the poll URL against a minimal Django view.

    python benchmarks/loadtest.py [--duration 10] [--connections 16]

Builds a 1,000-update live blog in a temporary SQLite database (or uses the
database ``run.py`` already built), starts gunicorn with 2 workers on a free
loopback port serving ``benchmarks.wsgi``, and runs ``wrk`` for ``duration``
seconds against ``<page url>poll/?since=<current version>`` (nothing changed)
and then against ``/minimal/`` (a tiny ``JsonResponse`` in the same app, same
middleware), with the same threads and connections. Prints requests/s for
both and their ratio; the target is a poll throughput of at least half the
minimal view's. The server is stopped at the end, whatever happens.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WRK = shutil.which("wrk") or "/usr/bin/wrk"
WORKERS = 2


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def gunicorn_command(port: int) -> list[str]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    return [
        str(gunicorn) if gunicorn.exists() else "gunicorn",
        "benchmarks.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--log-level",
        "warning",
        "--chdir",
        str(ROOT),
    ]


def wait_until_up(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout:.0f} s")


def wrk(url: str, *, duration: int, threads: int, connections: int) -> float:
    """Requests per second that ``wrk`` reports for ``url``."""
    result = subprocess.run(
        [WRK, f"-t{threads}", f"-c{connections}", f"-d{duration}s", url],
        capture_output=True,
        text=True,
        timeout=duration + 30,
        check=True,
    )
    match = re.search(r"Requests/sec:\s+([\d.]+)", result.stdout)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if match is None:
        raise RuntimeError(f"could not read wrk's output:\n{result.stdout}")
    if errors:
        raise RuntimeError(f"{url}: {errors.group(1)} error responses under load")
    return float(match.group(1))


def poll_path(database: str) -> str:
    """The poll URL of the newest 1,000-update blog in ``database``."""
    from wagtail_liveblog.models import LiveBlogPage
    from wagtail_liveblog.models.timeline import current_version
    from wagtail_liveblog.reading import queries

    pages = [
        p for p in LiveBlogPage.objects.order_by("-pk") if queries.count(p.pk) >= 1000
    ]
    if not pages:
        raise RuntimeError(f"no live blog with 1,000 updates in {database}")
    page = pages[0]
    return f"{page.get_url()}poll/?since={current_version(page.pk)}"


def run_against(
    database: str,
    *,
    duration: int = 10,
    threads: int = 2,
    connections: int = 16,
    path: str | None = None,
    cache_middleware: bool = False,
    poll_middleware: bool = False,
) -> dict:
    """Serve ``database`` with gunicorn and load-test the poll and minimal URLs.

    Returns a dict with ``poll_rps``, ``minimal_rps`` and the settings used,
    or ``error`` when the test could not run. ``cache_middleware`` puts
    Django's per-site cache in front (see ``benchmarks/settings.py``).
    """
    info: dict = {
        "workers": WORKERS,
        "threads": threads,
        "connections": connections,
        "duration": duration,
        "cache_middleware": cache_middleware,
        "poll_middleware": poll_middleware,
    }
    if not Path(WRK).exists():
        return {**info, "error": "wrk is not installed (apt-get install wrk)"}
    try:
        path = path or poll_path(database)
    except Exception as error:
        return {**info, "error": str(error)}
    port = free_port()
    env = {
        **os.environ,
        "BENCH_SQLITE": database,
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
    }
    env.pop("BENCH_CACHE_MIDDLEWARE", None)
    env.pop("BENCH_POLL_MIDDLEWARE", None)
    if cache_middleware:
        env["BENCH_CACHE_MIDDLEWARE"] = "1"
    if poll_middleware:
        env["BENCH_POLL_MIDDLEWARE"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), env.get("PYTHONPATH")])
    )
    server = subprocess.Popen(
        gunicorn_command(port), env=env, cwd=ROOT, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/minimal/")
        urllib.request.urlopen(f"{base}{path}", timeout=5).read()  # noqa: S310
        for label, url in (
            ("poll_rps", f"{base}{path}"),
            ("minimal_rps", f"{base}/minimal/"),
        ):
            wrk(url, duration=1, threads=threads, connections=connections)  # warm up
            info[label] = wrk(
                url, duration=duration, threads=threads, connections=connections
            )
        info["poll_path"] = path
    except Exception as error:
        info["error"] = str(error)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    return info


def run_both(
    database: str, *, duration: int = 10, path: str | None = None, **kw
) -> dict:
    """The load test bare, with LiveBlogPollMiddleware, and behind Django's
    per-site cache middleware."""
    return {
        "bare": run_against(database, duration=duration, path=path, **kw),
        "poll_middleware": run_against(
            database, duration=duration, path=path, poll_middleware=True, **kw
        ),
        "cached": run_against(
            database, duration=duration, path=path, cache_middleware=True, **kw
        ),
    }


SETUPS = {
    "bare": "bare",
    "poll_middleware": "with LiveBlogPollMiddleware",
    "cached": "with Django's cache middleware",
}


def describe(info: dict) -> str:
    """One line about one configuration's result."""
    setup = SETUPS[
        "cached"
        if info.get("cache_middleware")
        else "poll_middleware"
        if info.get("poll_middleware")
        else "bare"
    ]
    if info.get("error"):
        return f"{setup}: not run: {info['error']}"
    share = info["poll_rps"] / info["minimal_rps"]
    return (
        f"{setup}: poll {info['poll_rps']:,.0f} req/s, minimal view "
        f"{info['minimal_rps']:,.0f} req/s, poll/minimal {share:.2f} "
        f"(gunicorn {info['workers']} workers, wrk -t{info['threads']} "
        f"-c{info['connections']} -d{info['duration']}s)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per URL")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    args = parser.parse_args(argv)
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from benchmarks.content import build_blogs, current_version
    from benchmarks.django_setup import setup_django

    with tempfile.TemporaryDirectory(prefix="liveblog-load-") as tmp:
        database = os.path.join(tmp, "load.sqlite3")
        print(f"Building a 1,000-update blog in {database} ...", flush=True)
        setup_django(database)
        blogs = build_blogs(1000)
        from django.db import connections

        connections.close_all()
        results = run_both(
            database,
            duration=args.duration,
            threads=args.threads,
            connections=args.connections,
            path=f"{blogs.ours_url}poll/?since={current_version(blogs.ours_id)}",
        )
    for info in results.values():
        print(describe(info))
    for key, label in SETUPS.items():
        info = results[key]
        if not info.get("error"):
            share = info["poll_rps"] / info["minimal_rps"]
            verdict = "PASS" if share >= 0.5 else "FAIL"
            print(
                f"Target ({label}): poll >= 0.50 of the minimal view: "
                f"{verdict} ({share:.2f})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
