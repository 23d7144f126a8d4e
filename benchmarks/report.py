"""The report: the table of rows as text or markdown, the bytes stored per
post, the load test and the targets."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import measure
from benchmarks.measure import Row, Sample
from benchmarks.operations import OPERATIONS
from benchmarks.publishing import Storage
from benchmarks.targets import Target


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
    "baseline ms",
    "baseline/ours",
    "ours bytes",
    "baseline bytes",
    "ours peak KB",
    "baseline peak KB",
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
                _ms(row.baseline),
                "n/a" if ratio is None else f"{ratio:,.1f}x",
                _bytes(row.ours),
                _bytes(row.baseline),
                _kb(row.ours),
                _kb(row.baseline),
                row.note,
            ]
        )
    return out


STORAGE_HEADER = [
    "what",
    "blog size",
    "runs",
    "bytes stored per run",
    "DB pages per run (bytes)",
    "revisions per run",
    "page revisions per run",
    "log entries per run",
    "where the bytes go (tables with their indexes)",
]

WHAT = {
    "post": "editing.post_update",
    "edit": "editing.edit_update",
    "bare": "bare publish (BareDraft)",
}


def _breakdown(storage: Storage) -> str:
    parts = sorted(storage.by_table.items(), key=lambda item: -item[1])
    return ", ".join(
        f"{name.removeprefix('wagtail_liveblog_')} {size / storage.posts:,.0f}"
        for name, size in parts
        if abs(size / storage.posts) >= 1
    )


def storage_table(storage: list[Storage]) -> list[list[str]]:
    return [
        [
            WHAT[s.what],
            "n/a" if s.size is None else f"{s.size:,}",
            str(s.posts),
            f"{s.payload_per_post:,.0f}",
            f"{s.pages_per_post:,.0f}",
            f"{s.revisions / s.posts:g}",
            f"{s.page_revisions / s.posts:g}",
            f"{s.log_entries / s.posts:g}",
            _breakdown(s),
        ]
        for s in storage
    ]


def markdown_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cells) + " |" for cells in rows]
    return "\n".join(lines)


def text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(c) for c in col) for col in zip(header, *rows, strict=True)]
    fmt = "  ".join(f"{{:<{w}}}" for w in widths)
    lines = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*cells).rstrip() for cells in rows]
    return "\n".join(lines)


def clock_name() -> str:
    names = {v: k for k, v in measure.CLOCKS.items()}
    return {"cpu": "CPU", "wall": "wall-clock"}[names[measure.clock]]


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

    database = connection.vendor
    if database == "sqlite":
        database = f"SQLite {connection.Database.sqlite_version}"
    return (
        f"{cpu}, {os.cpu_count()} cores; Python {platform.python_version()}, "
        f"Django {django.get_version()}, Wagtail {wagtail.__version__}, {database}"
    )


def render_report(
    rows: list[Row],
    targets: list[Target],
    *,
    storage: list[Storage] | None = None,
    load: dict | None = None,
    markdown: bool,
    footer: str = "",
) -> str:
    table = table_rows(rows)
    out = []
    if markdown:
        out += [
            "# Benchmark results",
            "",
            f"Run on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {machine_description()}.",
            f"Times are medians in milliseconds of {clock_name()} time. The "
            "baseline of a read row is the naive page (its whole StreamField "
            "through the pages API, or rendered whole); the baseline of a write "
            "row is a bare Wagtail publish of a new one-field BareDraft. "
            "baseline/ours above 1 means ours is faster. Peak KB is the "
            "tracemalloc peak during one request or write.",
            "",
            markdown_table(HEADER, table),
        ]
    else:
        out.append(text_table(HEADER, table))
    if storage:
        title = "What one post (or edit) stores"
        out += ["", f"## {title}" if markdown else title.upper()]
        cells = storage_table(storage)
        out.append(
            markdown_table(STORAGE_HEADER, cells)
            if markdown
            else text_table(STORAGE_HEADER, cells)
        )
        out += [
            "",
            "Bytes stored: growth of the payload (row and index-entry bytes) "
            "of every table and index, read from SQLite's dbstat before and "
            "after the runs, divided by the runs. DB pages: growth of the "
            "database pages in use (page_count - freelist_count), in bytes.",
        ]
    if load:
        from benchmarks.loadtest import describe

        out += ["", "## Load test" if markdown else "LOAD TEST"]
        out += [("- " if markdown else "") + describe(info) for info in load.values()]
    out += ["", "## Targets" if markdown else "TARGETS"]
    for t in targets:
        line = f"{t.status:<7} {t.name}: {t.detail}"
        out.append(f"- **{t.status}** {t.name}: {t.detail}" if markdown else line)
    if footer:
        out += ["", footer]
    return "\n".join(out) + "\n"
