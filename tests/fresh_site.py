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


# -- one brand-new site, set up exactly as the docs say ----------------------------

#: The slow tests' shared site (``docs_site`` in tests/conftest.py): API v2
#: for readers, Wagtail's API v3 mounted whole with the ``liveblogs`` router
#: (Wagtail 8), chat ingest with Slack and Telegram (a client that never
#: reaches the network), and the poll middleware — README, quickstart,
#: posting.md and deployment.md. ``NEWSROOM_REDIS_URL`` in the environment
#: puts its cache on Redis (the multi-process tests).
SLACK_SECRET = "fresh-site-signing-secret"
TELEGRAM_SECRET = "fresh-site-telegram-secret"

DOCS_SETTINGS = f"""
import os as _os

MIDDLEWARE.insert(0, "wagtail_liveblog.middleware.LiveBlogPollMiddleware")
WAGTAIL_LIVEBLOG = {{
    "SLACK_SIGNING_SECRET": {SLACK_SECRET!r},
    "SLACK_BOT_TOKEN": "xoxb-not-used",
    "TELEGRAM_BOT_TOKEN": "1:not-used",
    "TELEGRAM_WEBHOOK_SECRET": {TELEGRAM_SECRET!r},
    "INGEST_CLIENT": "newsroom.offline.OfflineClient",
}}
if _os.environ.get("NEWSROOM_REDIS_URL"):
    CACHES = {{
        "default": {{
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _os.environ["NEWSROOM_REDIS_URL"],
            "KEY_PREFIX": _os.environ.get("NEWSROOM_CACHE_PREFIX", "newsroom"),
        }}
    }}
"""

DOCS_URLS = (
    API_V2_URLS
    + """
from django.urls import include

urlpatterns.insert(0, path("liveblog-ingest/", include("wagtail_liveblog.ingest.urls")))
try:
    from wagtail.api.v3.urls import api as api_v3
    from wagtail_liveblog.api.v3 import router as liveblogs_router
except ImportError:  # Wagtail 7.4: no API v3
    pass
else:
    api_v3.add_router("/liveblogs/", liveblogs_router)
    urlpatterns.insert(0, path("api/v3/", api_v3.urls))
"""
)

# No test touches the network: the chat client the site uses refuses.
OFFLINE_CLIENT = """
class OfflineClient:
    def __init__(self, *args, **kwargs):
        pass

    def get_json(self, url, *, params=None, headers=None):
        raise OSError("offline")

    def download(self, url, *, headers=None, max_bytes):
        raise OSError("offline")
"""


def has_api_v3() -> bool:
    from importlib.util import find_spec

    return find_spec("wagtail.api.v3") is not None


def docs_site(where: Path) -> dict[str, str]:
    """A new ``wagtail start`` site set up as the docs say (see above)."""
    apps = (*API_V2_APPS, "wagtail_liveblog.ingest")
    if has_api_v3():
        apps += ("wagtail.api.v3",)
    return new_site(
        where,
        apps=apps,
        settings=DOCS_SETTINGS,
        urls=DOCS_URLS,
        extra_files={"newsroom/offline.py": OFFLINE_CLIENT},
    )
