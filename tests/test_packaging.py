"""The built wheel carries what a site needs and nothing it does not.

Checks the wheel, not the source tree: a file left out of the build is only
visible there. Building takes a few seconds (pip fetches flit_core into an
isolated build environment), so it runs once per session.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    [built] = out.glob("wagtail_liveblog-*.whl")
    with zipfile.ZipFile(built) as archive:
        yield archive


@pytest.fixture(scope="session")
def names(wheel) -> set[str]:
    return set(wheel.namelist())


@pytest.fixture(scope="session")
def metadata(wheel, names):
    [path] = [n for n in names if n.endswith(".dist-info/METADATA")]
    return Parser().parsestr(wheel.read(path).decode())


@pytest.mark.parametrize(
    "path",
    [
        "wagtail_liveblog/__init__.py",
        "wagtail_liveblog/models/__init__.py",
        "wagtail_liveblog/ingest/migrations/0001_initial.py",
        "wagtail_liveblog/static/wagtail_liveblog/admin/desk.js",
        "wagtail_liveblog/templates/wagtail_liveblog/live_blog_page.html",
        "wagtail_liveblog/templates/wagtail_liveblog/includes/update.html",
        "wagtail_liveblog/static/wagtail_liveblog/liveblog.css",
        "wagtail_liveblog/static/wagtail_liveblog/liveblog.js",
        "wagtail_liveblog/static/wagtail_liveblog/reader/timeline.js",
        "wagtail_liveblog/migrations/0001_initial.py",
        "wagtail_liveblog/management/commands/rebuild_liveblog_timeline.py",
    ],
)
def test_wheel_contains(names, path):
    assert path in names


def test_wheel_carries_every_template_and_migration(names):
    package = ROOT / "wagtail_liveblog"
    for pattern in ("templates/**/*.html", "**/migrations/0*.py", "static/**/*.*"):
        for file in package.glob(pattern):
            relative = file.relative_to(ROOT).as_posix()
            assert relative in names, relative


def test_wheel_leaves_out_tests_and_example_site(names):
    top_level = {n.split("/", 1)[0] for n in names}
    assert top_level == {
        "wagtail_liveblog",
        *(d for d in top_level if d.endswith(".dist-info")),
    }
    assert not [
        n for n in names if re.search(r"(^|/)(tests|example_site|benchmarks)/", n)
    ]
    assert not [n for n in names if n.endswith((".pyc", ".sqlite3"))]


def test_wheel_metadata(metadata):
    assert metadata["Name"] == "wagtail-liveblog"
    assert metadata["Requires-Python"] == ">=3.11"
    runtime = sorted(
        re.split(r"[<>=!~ ;]", req, maxsplit=1)[0].lower()
        for req in metadata.get_all("Requires-Dist")
        if "extra ==" not in req
    )
    assert runtime == ["django", "djangorestframework", "wagtail"]
    assert metadata["Description-Content-Type"] == "text/markdown"
    assert "wagtail-liveblog" in metadata.get_payload().lower()


def test_readme_exists():
    readme = ROOT / "README.md"
    assert readme.is_file()
    text = readme.read_text()
    assert "make run" in text and "make test" in text


def test_wheel_license_metadata(metadata, names):
    """The SPDX expression (PEP 639), matching the LICENSE file the wheel
    carries: ``pip show`` and PyPI name the license."""
    assert metadata["License-Expression"] == "BSD-3-Clause"
    assert metadata.get_all("License-File") == ["LICENSE"]
    [license_path] = [n for n in names if n.endswith(".dist-info/licenses/LICENSE")]
    assert (ROOT / "LICENSE").read_text().startswith("BSD 3-Clause License\n")
    assert not [c for c in metadata.get_all("Classifier") if c.startswith("License ::")]


def project_urls() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    return data["project"]["urls"]


def readme_targets() -> list[str]:
    text = (ROOT / "README.md").read_text()
    links = re.findall(r"\]\(([^)\s]+)\)", text)
    images = re.findall(r'<img[^>]*\ssrc="([^"]+)"', text)
    return links + images


def test_readme_links_and_images_are_absolute():
    """PyPI shows the README away from the repository: a relative link or
    image there is broken, so every one is absolute (or an anchor)."""
    targets = readme_targets()
    assert len(targets) > 20
    relative = [t for t in targets if not t.startswith(("https://", "http://", "#"))]
    assert relative == []


def test_readme_links_into_the_repository_name_files_that_exist():
    """Links to the project's repository (its URL in pyproject.toml) point at
    files and headings of this tree on ``main``."""
    repo = project_urls()["Source"]
    owner_name = repo.removeprefix("https://github.com/")
    prefixes = (
        f"{repo}/blob/main/",
        f"{repo}/tree/main/",
        f"https://raw.githubusercontent.com/{owner_name}/main/",
    )
    checked = 0
    for target in readme_targets():
        prefix = next((p for p in prefixes if target.startswith(p)), None)
        if prefix is None:
            continue
        path, _, anchor = target.removeprefix(prefix).partition("#")
        assert (ROOT / path).exists(), target
        if anchor:
            headings = re.findall(r"^#+ (.+)$", (ROOT / path).read_text(), re.M)
            slugs = {
                re.sub(r"[^\w\- ]", "", h.lower()).strip().replace(" ", "-")
                for h in headings
            }
            assert anchor in slugs, target
        checked += 1
    assert checked > 20


def test_project_urls_are_the_repository():
    urls = project_urls()
    assert urls["Source"].startswith("https://github.com/")
    for name in ("Homepage", "Documentation", "Changelog"):
        assert urls[name].startswith(urls["Source"]), name
