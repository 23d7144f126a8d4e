"""The report: the table of rows as text or markdown, revision growth, the load
test and the targets."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import measure
from benchmarks.measure import Row, Sample
from benchmarks.operations import OPERATIONS
from benchmarks.publishing import Growth
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
