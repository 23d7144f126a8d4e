"""A brand-new ``wagtail start`` site with this package installed, as a new
user makes it (SQLite, the project template's own settings), for the slow
tests that check what such a site gets."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

BIN = Path(sys.executable).parent

#: Wagtail's API v2 with the pages and ``liveblogs`` endpoints, appended to
#: the new site's ``urls.py``.
API_V2_URLS = """
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail_liveblog.api import LiveBlogAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("liveblogs", LiveBlogAPIViewSet)
urlpatterns.insert(0, path("api/v2/", api_router.urls))
"""

API_V2_APPS = ("wagtail_liveblog", "wagtail.api.v2", "rest_framework")


def new_site(
    where: Path,
    *,
    apps: Iterable[str] = ("wagtail_liveblog",),
    settings: str = "",
    urls: str = "",
    extra_files: dict[str, str] | None = None,
) -> dict[str, str]:
    """``wagtail start newsroom`` in ``where``, ``apps`` added after its
    ``home`` app, ``settings`` and ``urls`` appended to its settings and
    URLs, ``extra_files`` (path: text) written, migrated. Returns the
    environment to run its ``manage.py`` in."""
    subprocess.run(
        [str(BIN / "wagtail"), "start", "newsroom", str(where)],
        check=True,
        capture_output=True,
    )
    base = where / "newsroom" / "settings" / "base.py"
    added = "".join(f'    "{app}",\n' for app in apps)
    text = base.read_text().replace('    "home",\n', f'    "home",\n{added}', 1)
    base.write_text(text + settings)
    if urls:
        urls_py = where / "newsroom" / "urls.py"
        urls_py.write_text(urls_py.read_text() + urls)
    for name, content in (extra_files or {}).items():
        (where / name).write_text(content)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "newsroom.settings.dev"}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=where,
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def manage_shell(where: Path, env: dict[str, str], script: str, timeout=600) -> str:
    """Run ``script`` in the site's ``manage.py shell``; its output."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=where,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def printed(output: str, tag: str):
    """What a script printed on its ``<tag> …`` line: JSON, or the text."""
    line = next(line for line in output.splitlines() if line.startswith(f"{tag} "))
    value = line.removeprefix(f"{tag} ")
    try:
        return json.loads(value)
    except ValueError:
        return value
