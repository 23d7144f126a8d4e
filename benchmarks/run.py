#!/usr/bin/env python
"""Benchmark wagtail-liveblog against a naive live blog, in one run.

    python benchmarks/run.py [--sizes 100,1000,5000] [--quick] [--repeat N]

Builds a live blog of each size twice with the same content: once as our
``LiveBlogPage`` (read model, API endpoint, poll) and once as the naive
``NaivePage`` (the same StreamField exposed through the pages API and
rendered whole). Then it times each reader operation through Django's test
client (the full middleware stack and URL resolver), reports medians, response
sizes and per-request peak memory, checks the targets of issue 3, and writes
the table to ``benchmarks/results/latest.md``. The exit code is 0 even when a
target fails: this is a report, and failures are printed as ``FAIL``.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import statistics
import sys
import tempfile
import time
import tracemalloc
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results" / "latest.md"

# Operations, in table order. Every run prints a row for each (n/a when the
# code it measures is not available).
API_FIRST_PAGE = "API first page"
API_BLOG_DETAIL = "API blog detail"
API_PAGES_DETAIL = "API pages detail"
API_LOAD_MORE = "API load-more page"
FRAGMENT_LOAD_MORE = "Load-more fragment (HTML)"
POLL_NO_CHANGE = "Poll, no change"
POLL_NO_CHANGE_FAST = "Poll, no change (LiveBlogPollMiddleware)"
API_POLL_NO_CHANGE = "API poll, no change"
POLL_ONE_NEW = "Poll after one new update"
API_POLL_ONE_NEW = "API poll after one new update"
REVALIDATE_POLL = "304 revalidation (poll)"
REVALIDATE_POLL_FAST = "304 revalidation (poll, LiveBlogPollMiddleware)"
REVALIDATE_API = "304 revalidation (API first page)"
READER_PAGE = "Reader page"
PUBLISH = "Publish one new update"
POST_UPDATE = "editing.post_update"

OPERATIONS = [
    API_FIRST_PAGE,
    API_BLOG_DETAIL,
    API_PAGES_DETAIL,
    API_LOAD_MORE,
    FRAGMENT_LOAD_MORE,
    POLL_NO_CHANGE,
    POLL_NO_CHANGE_FAST,
    API_POLL_NO_CHANGE,
    POLL_ONE_NEW,
    API_POLL_ONE_NEW,
    REVALIDATE_POLL,
    REVALIDATE_POLL_FAST,
    REVALIDATE_API,
    READER_PAGE,
    PUBLISH,
    POST_UPDATE,
]

WORDS = (
    "officials said the river crossed its banks overnight as crews moved "
    "sandbags toward the old town while residents waited for buses north "
    "and the mayor asked people to stay indoors until the wind drops power "
    "lines are down across three districts and schools will stay closed"
).split()


# -- setup ------------------------------------------------------------------


def setup_django(
    database: str | None = None, *, migrate: bool = True, fast_schema: bool = False
) -> None:
    """Configure Django with ``benchmarks.settings`` on a fresh database.

    ``fast_schema`` creates the tables straight from the models instead of
    running every migration (seconds instead of tens of seconds), then adds
    what Wagtail's data migrations would: a locale, a root page, a home page
    and the default site. The smoke test uses it; real runs migrate.
    """
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    if database:
        os.environ["BENCH_SQLITE"] = database
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmarks.settings"
    import django
    from django.conf import settings

    if fast_schema:
        settings.MIGRATION_MODULES = _NoMigrations()
    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False, run_syncdb=fast_schema)
        if fast_schema:
            _initial_site()


class _NoMigrations(dict):
    def __contains__(self, item: object) -> bool:
        return True

    def __getitem__(self, item: str) -> None:
        return None


def _initial_site() -> None:
    from wagtail.models import Locale, Page, Site

    if Site.objects.exists():
        return
    Locale.objects.get_or_create(language_code="en")
    root = Page.add_root(title="Root", slug="root")
    home = root.add_child(instance=Page(title="Home", slug="home"))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)


# -- content ----------------------------------------------------------------


def _sentence(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_update(rng: random.Random, n: int, posted_at: datetime | None = None) -> dict:
    """One realistic update in the stream's raw form.

    A headline, a byline and a paragraph of about 300 characters; every
    tenth update also carries a quote with an attribution.
    """
    body = [
        {
            "type": "text",
            "value": f"<p>{_sentence(rng, 300)}</p>",
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        }
    ]
    if n % 10 == 0:
        body.append(
            {
                "type": "quote",
                "value": {
                    "text": _sentence(rng, 120),
                    "attribution": "Mayor Ana Reyes",
                },
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            }
        )
    return {
        "type": "update",
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "value": {
            "headline": f"Update {n}: {_sentence(rng, 50)}",
            "body": body,
            "author": "Sam Rivera",
            "pinned": n == 1,
            "key_event": n % 50 == 0,
            "posted_at": posted_at.isoformat() if posted_at else None,
            "updated_at": None,
        },
    }


def make_stream(count: int, seed: int = 1) -> list[dict]:
    """``count`` updates a minute apart, newest first (as the stream stores them)."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 14, 6, 0, tzinfo=UTC)
    items = [
        make_update(rng, n, start + timedelta(minutes=n)) for n in range(1, count + 1)
    ]
    items.reverse()
    return items


# -- the two blogs ----------------------------------------------------------


@dataclass
class Blogs:
    size: int
    ours_id: int
    naive_id: int
    ours_url: str
    naive_url: str
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    next_n: int = 0

    def ours(self):
        from wagtail_liveblog.models import LiveBlogPage

        return LiveBlogPage.objects.get(pk=self.ours_id)

    def naive(self):
        from benchmarks.naive.models import NaivePage

        return NaivePage.objects.get(pk=self.naive_id)

    def new_update(self) -> dict:
        """A fresh update as an editor would add it (no ``posted_at`` yet)."""
        self.next_n += 1
        return make_update(self.rng, self.size + self.next_n)


def build_blogs(size: int, label: str = "") -> Blogs:
    """Publish our blog and the naive blog with the same ``size`` updates."""
    from wagtail.models import Site

    from benchmarks.naive.models import NaivePage
    from wagtail_liveblog.models import LiveBlogPage

    home = Site.objects.get(is_default_site=True).root_page
    stream = make_stream(size)
    slug = f"{label or size}-{uuid.uuid4().hex[:6]}"
    ours = home.add_child(
        instance=LiveBlogPage(
            title=f"Storm live ({size})",
            slug=f"ours-{slug}",
            intro="<p>Follow the storm as it happens.</p>",
            live=False,
        )
    )
    ours.updates = stream
    ours.save_revision().publish()
    naive = home.add_child(
        instance=NaivePage(
            title=f"Storm naive ({size})", slug=f"naive-{slug}", live=False
        )
    )
    naive.updates = stream
    naive.save_revision().publish()
    ours.refresh_from_db()
    naive.refresh_from_db()
    return Blogs(
        size=size,
        ours_id=ours.pk,
        naive_id=naive.pk,
        ours_url=ours.get_url(),
        naive_url=naive.get_url(),
    )


def publish_ours(blogs: Blogs) -> None:
    """Our page with one more update, published the ordinary Wagtail way."""
    page = blogs.ours()
    page.updates = [blogs.new_update(), *page.updates.raw_data]
    page.save_revision().publish()


def publish_naive(blogs: Blogs) -> None:
    page = blogs.naive()
    page.updates = [blogs.new_update(), *page.updates.raw_data]
    page.save_revision().publish()


def editing_module():
    try:
        from wagtail_liveblog import editing
    except ImportError:
        return None
    return editing if hasattr(editing, "post_update") else None


def bench_user():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def post_update_ours(blogs: Blogs) -> None:
    editing = editing_module()
    value = blogs.new_update()["value"]
    editing.post_update(
        blogs.ours(),
        user=bench_user(),
        headline=value["headline"],
        body=[{"type": b["type"], "value": b["value"]} for b in value["body"]],
        author=value["author"],
    )


def api_available() -> bool:
    from django.urls import NoReverseMatch, reverse

    try:
        reverse("wagtailapi:liveblogs:listing")
    except NoReverseMatch:
        return False
    return True


def current_version(page_id: int) -> int:
    from wagtail_liveblog import timeline

    return timeline.current_version(page_id)


def twentieth_update_id(page_id: int) -> str:
    from wagtail_liveblog import timeline

    entries = timeline.latest(page_id, 20)
    return str(entries[-1].update_id)


# -- measuring --------------------------------------------------------------

# The clock of every timing. ``process_time`` (CPU time of this process, the
# default) counts what a request costs and not the time it waited for a CPU,
# which on a shared machine depends on everybody else; both blogs run in
# this process (test client, SQLite), so nothing is left out. ``--clock wall``
# switches to ``perf_counter``.
CLOCKS = {"cpu": time.process_time, "wall": time.perf_counter}
clock = CLOCKS["cpu"]


@dataclass
class Sample:
    ms: float
    bytes: int | None = None
    peak_kb: float | None = None
    status: int | None = None
    reps: int = 0


@dataclass
class Row:
    operation: str
    size: int
    ours: Sample | None
    naive: Sample | None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.ours is None or self.naive is None or not self.ours.ms:
            return None
        return self.naive.ms / self.ours.ms


def peak_kb(action: Callable[[], object]) -> float:
    """Peak Python memory allocated while ``action`` runs once, in KB."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        action()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1024


@dataclass
class Probe:
    """One thing to time: a GET through the full Django stack, or an action."""

    key: tuple
    action: Callable[[], object]
    expect: tuple[int, ...] = (200,)
    times: list[float] = field(default_factory=list)
    spent: float = 0.0
    last: object = None

    def run_once(self) -> None:
        # Collect the garbage that earlier runs left, so that a collection
        # they caused is not billed to this one.
        gc.collect()
        start = clock()
        self.last = self.action()
        elapsed = clock() - start
        self.times.append(elapsed * 1000)
        self.spent += elapsed

    def sample(self) -> Sample:
        response = self.last
        content = getattr(response, "content", None)
        return Sample(
            ms=statistics.median(self.times),
            bytes=None if content is None else len(content),
            peak_kb=peak_kb(self.action),
            status=getattr(response, "status_code", None),
            reps=len(self.times),
        )


def get_probe(client, key: tuple, url: str, headers=None, expect=(200,)) -> Probe:
    return Probe(key, lambda: client.get(url, headers=headers or {}), expect)


def measure_round_robin(
    probes: list[Probe], *, reps: int, budget: float, min_reps: int = 3, warm=True
) -> dict[tuple, Sample]:
    """Median times of ``probes``, taken in turns so that a change in the
    machine's load during the run touches every probe alike.

    A probe stops after ``reps`` runs, or once it has spent ``budget``
    seconds (and run ``min_reps`` times): the naive 5,000-update render
    takes seconds, and the run must stay short.
    """
    for probe in probes if warm else ():
        response = probe.action()  # template loading, site root paths, ...
        status = getattr(response, "status_code", None)
        if status is not None and status not in probe.expect:
            raise RuntimeError(f"{probe.key} gave {status}, expected {probe.expect}")
    pending = list(probes)
    while pending:
        for probe in pending:
            probe.run_once()
        pending = [
            p
            for p in pending
            if len(p.times) < reps
            and not (p.spent > budget and len(p.times) >= min(min_reps, reps))
        ]
    return {probe.key: probe.sample() for probe in probes}


def build_all(sizes: list[int], log: Callable[[str], None] = print) -> list[Blogs]:
    built = []
    for size in sizes:
        started = clock()
        built.append(build_blogs(size))
        log(f"  built the {size:,}-update blogs in {clock() - started:.1f} s")
    return built


def fast_poll_client(poll_url: str):
    """A test client whose middleware starts with LiveBlogPollMiddleware.

    The client loads its middleware on its first request, made here inside
    the override (which also leaves the gate for ``poll_url``).
    """
    from django.conf import settings
    from django.test import Client, override_settings

    middleware = ["wagtail_liveblog.middleware.LiveBlogPollMiddleware"]
    client = Client()
    with override_settings(MIDDLEWARE=[*middleware, *settings.MIDDLEWARE]):
        client.get(poll_url)
    return client


def _read_probes(client, blogs: Blogs, has_api: bool) -> list[Probe]:
    """Every read, ours and naive, before anything is published again."""
    size = blogs.size
    api = f"/api/v2/liveblogs/{blogs.ours_id}/"
    version = current_version(blogs.ours_id)
    before = twentieth_update_id(blogs.ours_id)
    poll = f"{blogs.ours_url}poll/?since={version}"
    probes = [
        get_probe(client, ("naive-detail", size), f"/api/v2/pages/{blogs.naive_id}/"),
        get_probe(client, ("naive-page", size), blogs.naive_url),
        get_probe(client, (API_PAGES_DETAIL, size), f"/api/v2/pages/{blogs.ours_id}/"),
        get_probe(
            client,
            (FRAGMENT_LOAD_MORE, size),
            f"{blogs.ours_url}updates/?before={before}",
        ),
        get_probe(client, (POLL_NO_CHANGE, size), poll),
        get_probe(
            client,
            (REVALIDATE_POLL, size),
            poll,
            {"If-None-Match": client.get(poll).get("ETag") or '"none"'},
            expect=(304,),
        ),
        get_probe(client, (READER_PAGE, size), blogs.ours_url),
    ]
    fast = fast_poll_client(poll)
    probes += [
        get_probe(fast, (POLL_NO_CHANGE_FAST, size), poll),
        get_probe(
            fast,
            (REVALIDATE_POLL_FAST, size),
            poll,
            {"If-None-Match": fast.get(poll).get("ETag") or '"none"'},
            expect=(304,),
        ),
    ]
    if has_api:
        first = f"{api}updates/"
        probes += [
            get_probe(client, (API_FIRST_PAGE, size), first),
            get_probe(client, (API_BLOG_DETAIL, size), api),
            get_probe(client, (API_LOAD_MORE, size), f"{first}?before={before}"),
            get_probe(client, (API_POLL_NO_CHANGE, size), f"{first}?since={version}"),
            get_probe(
                client,
                (REVALIDATE_API, size),
                first,
                {"If-None-Match": client.get(first).get("ETag") or '"none"'},
                expect=(304,),
            ),
        ]
    return probes


def _after_one_new_probes(client, blogs: Blogs, has_api: bool) -> list[Probe]:
    """Publish one update on both blogs; poll since the version before it."""
    size = blogs.size
    version = current_version(blogs.ours_id)
    publish_ours(blogs)
    publish_naive(blogs)
    probes = [
        get_probe(
            client, ("naive-detail-after", size), f"/api/v2/pages/{blogs.naive_id}/"
        ),
        get_probe(
            client, (POLL_ONE_NEW, size), f"{blogs.ours_url}poll/?since={version}"
        ),
    ]
    if has_api:
        probes.append(
            get_probe(
                client,
                (API_POLL_ONE_NEW, size),
                f"/api/v2/liveblogs/{blogs.ours_id}/updates/?since={version}",
            )
        )
    return probes


NAIVE_COUNTERPART = {
    API_FIRST_PAGE: ("naive-detail", ""),
    API_BLOG_DETAIL: ("naive-detail", ""),
    API_PAGES_DETAIL: ("naive-detail", ""),
    API_LOAD_MORE: ("naive-detail", "naive: the whole stream"),
    FRAGMENT_LOAD_MORE: ("naive-page", "naive: the whole page"),
    POLL_NO_CHANGE: ("naive-detail", ""),
    POLL_NO_CHANGE_FAST: ("naive-detail", "optional middleware"),
    API_POLL_NO_CHANGE: ("naive-detail", ""),
    REVALIDATE_POLL: ("naive-detail", "naive has no ETag: full response"),
    REVALIDATE_POLL_FAST: ("naive-detail", "optional middleware; naive: full response"),
    REVALIDATE_API: ("naive-detail", "naive has no ETag: full response"),
    READER_PAGE: ("naive-page", ""),
    POLL_ONE_NEW: ("naive-detail-after", ""),
    API_POLL_ONE_NEW: ("naive-detail-after", ""),
}
API_OPERATIONS = {
    API_FIRST_PAGE,
    API_BLOG_DETAIL,
    API_LOAD_MORE,
    API_POLL_NO_CHANGE,
    REVALIDATE_API,
    API_POLL_ONE_NEW,
}


def run_sizes(
    sizes: list[int],
    *,
    reps: int = 15,
    budget: float = 3.0,
    publish_reps: int = 7,
    log: Callable[[str], None] = print,
) -> list[Row]:
    """Build both blogs of every size, then measure every operation."""
    from django.test import Client

    all_blogs = build_all(sizes, log)
    # What exists now (apps, templates, the blogs built) stays: keep it out
    # of the garbage collector's way, so that collecting between runs is
    # cheap and a collection of it is not billed to a request.
    gc.collect()
    gc.freeze()
    client = Client()
    has_api = api_available()
    started = clock()
    samples = measure_round_robin(
        [p for b in all_blogs for p in _read_probes(client, b, has_api)],
        reps=reps,
        budget=budget,
    )
    samples.update(
        measure_round_robin(
            [p for b in all_blogs for p in _after_one_new_probes(client, b, has_api)],
            reps=reps,
            budget=budget,
        )
    )
    log(f"  measured the reads in {clock() - started:.1f} s")
    rows = []
    for op, (naive_key, note) in NAIVE_COUNTERPART.items():
        for size in sizes:
            naive = samples[(naive_key, size)]
            if op in API_OPERATIONS and not has_api:
                rows.append(
                    Row(op, size, None, naive, "liveblogs endpoint not available")
                )
            else:
                rows.append(Row(op, size, samples[(op, size)], naive, note))
    started = clock()
    for blogs in all_blogs:
        rows += _publish_rows(blogs, publish_reps, budget * 2)
    log(f"  measured publishing in {clock() - started:.1f} s")
    return rows


def _publish_rows(blogs: Blogs, reps: int, budget: float) -> list[Row]:
    """Each run adds one more update to the blog it publishes."""
    size = blogs.size
    probes = [
        Probe(("ours", size), lambda: publish_ours(blogs)),
        Probe(("naive", size), lambda: publish_naive(blogs)),
    ]
    desk = editing_module() is not None
    if desk:
        probes.append(Probe(("desk", size), lambda: post_update_ours(blogs)))
    samples = measure_round_robin(probes, reps=reps, budget=budget, warm=False)
    naive = samples[("naive", size)]
    rows = [
        Row(
            PUBLISH,
            size,
            samples[("ours", size)],
            naive,
            "naive: plain save_revision().publish()",
        )
    ]
    if desk:
        rows.append(
            Row(
                POST_UPDATE,
                size,
                samples[("desk", size)],
                naive,
                "vs naive plain publish",
            )
        )
    else:
        rows.append(
            Row(
                POST_UPDATE, size, None, naive, "wagtail_liveblog.editing not available"
            )
        )
    return rows


def run_size(size: int, **kwargs) -> list[Row]:
    """One size only (the smoke test's configuration)."""
    return run_sizes([size], **kwargs)


# -- revision growth (issue 5) ----------------------------------------------


def revision_bytes(page_id: int) -> int:
    """Total size of the stored revisions of one page."""
    from django.db import connection

    cast = "content::text" if connection.vendor == "postgresql" else "content"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE(SUM(LENGTH({cast})), 0), COUNT(*) "  # noqa: S608
            "FROM wagtailcore_revision WHERE object_id = %s",
            [str(page_id)],
        )
        total, _count = cursor.fetchone()
    return int(total)


@dataclass
class Growth:
    keep: int | None
    posts: int
    size: int
    revision_bytes_before: int
    revision_bytes_after: int
    revisions_after: int
    via: str

    @property
    def per_100_mb(self) -> float:
        grown = self.revision_bytes_after - self.revision_bytes_before
        return grown / self.posts * 100 / 1e6


def measure_growth(size: int, posts: int, keep: int | None) -> Growth:
    """Post ``posts`` updates into a ``size``-update blog with ``KEEP_REVISIONS=keep``."""
    from django.conf import settings
    from django.test import override_settings
    from wagtail.models import Revision

    blogs = build_blogs(size, label=f"growth{keep}")
    config = {**getattr(settings, "WAGTAIL_LIVEBLOG", {}), "KEEP_REVISIONS": keep}
    via = "editing.post_update" if editing_module() else "save_revision().publish()"
    with override_settings(WAGTAIL_LIVEBLOG=config):
        start = revision_bytes(blogs.ours_id)
        for _ in range(posts):
            if editing_module():
                post_update_ours(blogs)
            else:
                publish_ours(blogs)
        end = revision_bytes(blogs.ours_id)
    count = Revision.objects.filter(object_id=str(blogs.ours_id)).count()
    return Growth(keep, posts, size, start, end, count, via)


# -- report -----------------------------------------------------------------


def _ms(sample: Sample | None) -> str:
    return "n/a" if sample is None else f"{sample.ms:.2f}"


def _bytes(sample: Sample | None) -> str:
    return "n/a" if sample is None or sample.bytes is None else f"{sample.bytes:,}"


def _kb(sample: Sample | None) -> str:
    return (
        "n/a" if sample is None or sample.peak_kb is None else f"{sample.peak_kb:,.0f}"
    )


HEADER = [
    "operation",
    "size",
    "ours ms",
    "naive ms",
    "naive/ours",
    "ours bytes",
    "naive bytes",
    "ours peak KB",
    "naive peak KB",
    "note",
]


def table_rows(rows: list[Row]) -> list[list[str]]:
    order = {op: i for i, op in enumerate(OPERATIONS)}
    out = []
    for row in sorted(rows, key=lambda r: (order[r.operation], r.size)):
        ratio = row.ratio
        out.append(
            [
                row.operation,
                f"{row.size:,}",
                _ms(row.ours),
                _ms(row.naive),
                "n/a" if ratio is None else f"{ratio:,.1f}x",
                _bytes(row.ours),
                _bytes(row.naive),
                _kb(row.ours),
                _kb(row.naive),
                row.note,
            ]
        )
    return out


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(c) for c in col) for col in zip(header, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*cells) for cells in rows]
    return "\n".join(lines)


@dataclass
class Target:
    name: str
    status: str  # PASS, FAIL or MISSING
    detail: str


TARGET_SIZE = 5000


def _find(rows: list[Row], op: str, size: int) -> Row | None:
    return next((r for r in rows if r.operation == op and r.size == size), None)


def _speedup_target(rows, op: str, size: int, factor: float, name: str) -> Target:
    if size != TARGET_SIZE:
        return Target(name, "MISSING", f"the target is at {TARGET_SIZE:,} updates")
    row = _find(rows, op, size)
    if row is None or row.ratio is None:
        return Target(name, "MISSING", f"no {op!r} measurement at {size:,}")
    ok = row.ratio >= factor
    return Target(
        name,
        "PASS" if ok else "FAIL",
        f"{row.ratio:,.1f}x (ours {row.ours.ms:.2f} ms, naive {row.naive.ms:.2f} ms)",
    )


def _flat_target(rows, op: str, small: int, large: int) -> Target:
    name = f"{op}: bytes, time and peak memory at {large:,} within 1.5x of {small:,}"
    a, b = _find(rows, op, small), _find(rows, op, large)
    if small == large:
        return Target(name, "MISSING", "needs two sizes")
    if a is None or b is None or a.ours is None or b.ours is None:
        return Target(name, "MISSING", f"needs {op!r} at {small:,} and {large:,}")
    checks = {
        "bytes": (a.ours.bytes, b.ours.bytes),
        "ms": (a.ours.ms, b.ours.ms),
        "peak KB": (a.ours.peak_kb, b.ours.peak_kb),
    }
    parts, ok = [], True
    for label, (x, y) in checks.items():
        growth = y / x if x else float("inf")
        ok = ok and growth <= 1.5
        parts.append(f"{label} {growth:.2f}x")
    return Target(name, "PASS" if ok else "FAIL", ", ".join(parts))


def check_targets(
    rows: list[Row], load: dict | None = None, sizes: list[int] | None = None
) -> list[Target]:
    """The targets of issue 3, PASS/FAIL/MISSING, from this run's rows."""
    sizes = sorted(sizes or {r.size for r in rows})
    big = 5000 if 5000 in sizes else sizes[-1]
    small = 100 if 100 in sizes else sizes[0]
    mid = 1000 if 1000 in sizes else sizes[-1]
    targets = [
        _speedup_target(
            rows, API_FIRST_PAGE, big, 30, f"API first page >= 30x naive at {big:,}"
        ),
        _speedup_target(
            rows, READER_PAGE, big, 10, f"Reader page >= 10x naive at {big:,}"
        ),
        _speedup_target(
            rows, POLL_NO_CHANGE, big, 100, f"Poll, no change >= 100x naive at {big:,}"
        ),
        _speedup_target(
            rows,
            POLL_NO_CHANGE_FAST,
            big,
            100,
            f"Poll, no change, LiveBlogPollMiddleware >= 100x naive at {big:,}",
        ),
    ]
    for op in (API_FIRST_PAGE, POLL_NO_CHANGE, POLL_NO_CHANGE_FAST, API_POLL_NO_CHANGE):
        targets.append(_flat_target(rows, op, small, big))
    for op in (PUBLISH, POST_UPDATE):
        row = _find(rows, op, mid)
        name = f"{op} at {mid:,} <= 1.5x a plain publish"
        if mid != 1000:
            targets.append(Target(name, "MISSING", "the target is at 1,000 updates"))
        elif row is None or row.ratio is None:
            targets.append(Target(name, "MISSING", row.note if row else "not measured"))
        else:
            cost = 1 / row.ratio
            targets.append(
                Target(
                    name,
                    "PASS" if cost <= 1.5 else "FAIL",
                    f"{cost:.2f}x (ours {row.ours.ms:.1f} ms, plain {row.naive.ms:.1f} ms)",
                )
            )
    for key, label in (
        ("bare", "bare"),
        ("poll_middleware", "with LiveBlogPollMiddleware"),
        ("cached", "with Django's cache middleware"),
    ):
        info = (load or {}).get(key) or {}
        name = f"Poll throughput under gunicorn >= 0.5x the minimal view ({label})"
        if not info.get("poll_rps") or not info.get("minimal_rps"):
            why = info.get("error") or "load test not run (see benchmarks/loadtest.py)"
            targets.append(Target(name, "MISSING", why))
            continue
        share = info["poll_rps"] / info["minimal_rps"]
        targets.append(
            Target(
                name,
                "PASS" if share >= 0.5 else "FAIL",
                f"{share:.2f} (poll {info['poll_rps']:,.0f} req/s, "
                f"minimal {info['minimal_rps']:,.0f} req/s)",
            )
        )
    return targets


def clock_name() -> str:
    names = {v: k for k, v in CLOCKS.items()}
    return {"cpu": "CPU", "wall": "wall-clock"}[names[clock]]


def machine_description() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import django
    import wagtail
    from django.db import connection

    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
        f"Django {django.get_version()}, Wagtail {wagtail.__version__}, "
        f"{connection.vendor} {connection.Database.sqlite_version if connection.vendor == 'sqlite' else ''}"
    ).strip()


def render_report(
    rows: list[Row],
    targets: list[Target],
    *,
    load: dict | None = None,
    growth: list[Growth] | None = None,
    markdown: bool,
) -> str:
    table = table_rows(rows)
    out = []
    if markdown:
        out += [
            "# Benchmark results",
            "",
            f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {machine_description()}.",
            f"Times are medians in milliseconds of {clock_name()} time; ratio is "
            "naive/ours (higher is better for ours); peak KB is the tracemalloc "
            "peak during one request or publish.",
            "",
            markdown_table(HEADER, table),
        ]
    else:
        out.append(text_table(HEADER, table))
    if growth:
        out += [
            "",
            "## Revision storage per 100 posts"
            if markdown
            else "Revision storage per 100 posts",
        ]
        g_header = [
            "KEEP_REVISIONS",
            "blog size",
            "posts",
            "via",
            "revisions kept",
            "MB per 100 posts",
        ]
        g_rows = [
            [
                str(g.keep),
                f"{g.size:,}",
                str(g.posts),
                g.via,
                str(g.revisions_after),
                f"{g.per_100_mb:.2f}",
            ]
            for g in growth
        ]
        out.append(
            markdown_table(g_header, g_rows)
            if markdown
            else text_table(g_header, g_rows)
        )
        out.append(
            "(Sum of the stored revisions' content. With KEEP_REVISIONS set, "
            "retention also keeps revisions younger than 15 minutes, up to 4x "
            "the limit, so a burst of posts stops growing there.)"
        )
    if load:
        from benchmarks.loadtest import describe

        out += ["", "## Load test" if markdown else "Load test"]
        out += [("- " if markdown else "") + describe(info) for info in load.values()]
    out += ["", "## Targets" if markdown else "TARGETS"]
    for t in targets:
        line = f"{t.status:<7} {t.name}: {t.detail}"
        out.append(f"- **{t.status}** {t.name}: {t.detail}" if markdown else line)
    return "\n".join(out) + "\n"


# -- main -------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default=None, help="comma-separated, e.g. 100,1000,5000"
    )
    parser.add_argument(
        "--quick", action="store_true", help="100 and 1,000 only, fewer repetitions"
    )
    parser.add_argument(
        "--repeat", type=int, default=None, help="repetitions per request"
    )
    parser.add_argument(
        "--no-loadtest", action="store_true", help="skip the gunicorn/wrk load test"
    )
    parser.add_argument(
        "--clock",
        choices=sorted(CLOCKS),
        default="cpu",
        help="cpu: this process's CPU time (default, steady on a busy machine); "
        "wall: elapsed time",
    )
    parser.add_argument("--no-growth", action="store_true", help="skip revision growth")
    parser.add_argument("--growth-posts", type=int, default=100)
    parser.add_argument(
        "--output", default=str(RESULTS), help="markdown report path ('' for none)"
    )
    parser.add_argument(
        "--database", default=None, help="SQLite file (default: a temporary one)"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sizes = [
        int(s)
        for s in (args.sizes or ("100,1000" if args.quick else "100,1000,5000")).split(
            ","
        )
    ]
    reps = args.repeat or (7 if args.quick else 15)
    budget = 1.5 if args.quick else 3.0
    tmpdir = tempfile.TemporaryDirectory(prefix="liveblog-bench-")
    database = args.database or os.path.join(tmpdir.name, "bench.sqlite3")
    started = time.perf_counter()
    print(f"Setting up {database} ...", flush=True)
    setup_django(database)
    global clock
    clock = CLOCKS[args.clock]
    print(
        f"Sizes {', '.join(f'{s:,}' for s in sizes)} ({args.clock} time):", flush=True
    )
    rows = run_sizes(sizes, reps=reps, budget=budget, publish_reps=max(3, reps // 2))
    growth: list[Growth] = []
    if not args.no_growth and args.growth_posts > 0:
        growth_size = 100 if args.quick else min(1000, max(sizes))
        for keep in (None, 10):
            print(f"Revision growth, KEEP_REVISIONS={keep} ...", flush=True)
            growth.append(measure_growth(growth_size, args.growth_posts, keep))
    load = None
    if not args.no_loadtest:
        from benchmarks import loadtest

        print("Load test ...", flush=True)
        load = loadtest.run_both(database, duration=3 if args.quick else 10)
    targets = check_targets(rows, load, sizes)
    print()
    print(render_report(rows, targets, load=load, growth=growth, markdown=False))
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(
            render_report(rows, targets, load=load, growth=growth, markdown=True)
        )
        print(f"Wrote {args.output}")
    failed = [t for t in targets if t.status != "PASS"]
    print(
        f"{len(targets) - len(failed)}/{len(targets)} targets PASS"
        + (f"; NOT PASSING: {', '.join(t.name for t in failed)}" if failed else "")
        + f" (run took {time.perf_counter() - started:.0f} s)"
    )
    tmpdir.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
