"""Lighthouse (mobile) on the demo live blog: the reader page's performance.

Usage, from the repository root, with the demo running (``make run``)::

    npm install --prefix /tmp/lighthouse --no-audit --no-fund lighthouse@12
    .venv/bin/python benchmarks/lighthouse.py \\
        --lighthouse /tmp/lighthouse/node_modules/.bin/lighthouse [--runs 3] \\
        [--url http://127.0.0.1:8000/storm-ingrid-live/]

Lighthouse is not a dependency of the project (nor committed): install it
anywhere outside the repository (or in a git-ignored ``node_modules``) and
pass its path, or set ``LIGHTHOUSE``. It drives Debian's Chromium
(``CHROME_PATH``, ``/usr/bin/chromium`` by default) headless, never a
downloaded browser, with Lighthouse's default mobile settings (a
Moto G-class phone: 4x CPU slowdown, slow 4G, simulated). Each run prints
the performance score, Total Blocking Time, the paint metrics, layout
shift, and the long main-thread tasks (50 ms or more) Lighthouse saw;
``--out`` keeps each run's JSON report.

Lighthouse's task durations are estimates (the observed ones scaled by its
simulated slowdown). ``--long-tasks`` also opens the page in the same
Chromium through Playwright with the CPU really slowed four times (the
DevTools protocol's CPU throttling) and lists every main-thread task of
50 ms or more in its first seconds (the Long Tasks API), which is what the
reader script's start-up must not add to.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"


def find_lighthouse(given: str | None) -> str:
    for candidate in (
        given,
        os.environ.get("LIGHTHOUSE"),
        str(Path(__file__).parent / "node_modules" / ".bin" / "lighthouse"),
        shutil.which("lighthouse"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit(
        "lighthouse not found: `npm install --prefix /tmp/lighthouse lighthouse@12`,"
        " then pass --lighthouse /tmp/lighthouse/node_modules/.bin/lighthouse"
    )


def run_once(lighthouse: str, url: str, report: Path, chrome: str) -> dict:
    env = {**os.environ, "CHROME_PATH": chrome}
    subprocess.run(
        [
            lighthouse,
            url,
            "--only-categories=performance",
            f"--chrome-flags={CHROME_FLAGS}",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
        ],
        check=True,
        env=env,
        timeout=300,
    )
    return json.loads(report.read_text())


def figures(result: dict) -> dict:
    audits = result["audits"]
    tasks = audits.get("long-tasks", {}).get("details", {}).get("items", [])

    def value(name: str) -> float:
        return audits[name]["numericValue"]

    return {
        "score": round(result["categories"]["performance"]["score"] * 100),
        "tbt_ms": round(value("total-blocking-time")),
        "fcp_ms": round(value("first-contentful-paint")),
        "lcp_ms": round(value("largest-contentful-paint")),
        "si_ms": round(value("speed-index")),
        "cls": round(value("cumulative-layout-shift"), 3),
        "long_tasks": len(tasks),
        "longest_task_ms": round(max((t["duration"] for t in tasks), default=0)),
    }


LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => list.getEntries().forEach((entry) =>
  window.__longTasks.push([Math.round(entry.startTime), Math.round(entry.duration)])
)).observe({type: "longtask", buffered: true});
"""


def long_tasks(url: str, chrome: str, runs: int, slowdown: int = 4) -> list[list]:
    """Main-thread tasks of 50 ms or more in the page's first 3 seconds on a
    phone-sized window, the CPU slowed ``slowdown`` times, and the reader
    script's start-up (its ``liveblog:start-up`` measure): one pair per run."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from playwright.sync_api import sync_playwright

    from tests.browser import chromium

    found = []
    with sync_playwright() as playwright:
        browser = chromium.launch(playwright, chrome)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 390, "height": 844})
            session = page.context.new_cdp_session(page)
            session.send("Emulation.setCPUThrottlingRate", {"rate": slowdown})
            page.add_init_script(LONG_TASKS)
            page.goto(url, wait_until="load")
            page.wait_for_timeout(3000)
            start_up = page.evaluate(
                "performance.getEntriesByName('liveblog:start-up')"
                ".map(m => [Math.round(m.startTime), Math.round(m.duration)])"
            )
            found.append((page.evaluate("window.__longTasks"), start_up))
            page.close()
        browser.close()
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/storm-ingrid-live/")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lighthouse")
    parser.add_argument(
        "--chrome", default=os.environ.get("CHROME_PATH", "/usr/bin/chromium")
    )
    parser.add_argument("--out", type=Path, help="folder for the JSON reports")
    parser.add_argument(
        "--long-tasks",
        action="store_true",
        help="also list long tasks with the CPU slowed 4x (needs playwright)",
    )
    args = parser.parse_args()
    lighthouse = find_lighthouse(args.lighthouse)
    out = args.out or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    out.mkdir(parents=True, exist_ok=True)

    rows = []
    for run in range(1, args.runs + 1):
        row = figures(
            run_once(lighthouse, args.url, out / f"run-{run}.json", args.chrome)
        )
        rows.append(row)
        print(
            f"run {run}: performance {row['score']}, TBT {row['tbt_ms']} ms, "
            f"FCP {row['fcp_ms']} ms, LCP {row['lcp_ms']} ms, "
            f"Speed Index {row['si_ms']} ms, CLS {row['cls']}, "
            f"long tasks {row['long_tasks']} (longest {row['longest_task_ms']} ms)",
            flush=True,
        )
    scores = [row["score"] for row in rows]
    print(
        f"performance: {scores} (median {statistics.median(scores)}); "
        f"TBT max {max(row['tbt_ms'] for row in rows)} ms; reports in {out}"
    )
    if args.long_tasks:
        for run, (tasks, start_up) in enumerate(
            long_tasks(args.url, args.chrome, args.runs), 1
        ):
            described = ", ".join(f"{d} ms at {t} ms" for t, d in tasks) or "none"
            script = ", ".join(f"{d} ms at {t} ms" for t, d in start_up) or "-"
            print(
                f"CPU 4x slower, run {run}: the script's start-up {script}; "
                f"long tasks (50 ms or more): {described}"
            )


if __name__ == "__main__":
    main()
