"""Fixtures for the browser suite: headless Debian Chromium driven by
Playwright's sync API against pytest-django's live server (launch options
in ``chromium.py``).

Every test here is marked ``browser`` and is skipped, with the reason, when
/usr/bin/chromium or the playwright package is missing. The suite never
downloads a browser. axe-core comes from npm: ``npm ci --prefix tests/browser``.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests import db_snapshot
from tests.browser import chromium
from tests.browser.constants import POLL_INTERVAL
from tests.browser.reader_support import new_reader

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make (publishing updates) are ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)
            # Each test flushes the database afterwards; serialized rollback
            # brings back the rows Wagtail's migrations made (root page, site).
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True)
            )


@pytest.fixture(scope="session")
def browser(django_db_setup):
    if sync_playwright is None:
        pytest.skip("the playwright package is not installed")
    if chromium.missing():
        pytest.skip(chromium.missing())
    from django.db import connections

    outer = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        # While Playwright's event loop runs, Django hands this thread other
        # connection objects (asgiref locals follow the async context). Give
        # them the database snapshot taken at setup so serialized rollback
        # can restore Wagtail's initial rows (root page, default site); on
        # SQLite, by copying pages back (tests/db_snapshot.py).
        for alias, connection in outer.items():
            inner = connections[alias]
            serialised = getattr(connection, "_test_serialized_contents", None)
            if serialised is not None:
                inner._test_serialized_contents = serialised
                if getattr(connection, "test_snapshot", None) is not None:
                    db_snapshot.restore_from(connection.test_snapshot, inner)
        browser = chromium.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def browser_settings(settings, tmp_path):
    """A short poll interval, and media files the live server can serve."""
    settings.WAGTAIL_LIVEBLOG = {"POLL_INTERVAL": POLL_INTERVAL}
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.ROOT_URLCONF = "tests.browser.urls"
    yield settings
    shutil.rmtree(tmp_path / "media", ignore_errors=True)


@pytest.fixture
def reader(browser, live_server):
    context, tab = new_reader(browser, live_server)
    yield tab
    context.close()


@pytest.fixture
def reduced_motion_reader(browser, live_server):
    context, tab = new_reader(browser, live_server, reduced_motion="reduce")
    yield tab
    context.close()


# -- the desk (tests/browser/desk_support.py) -------------------------------------


@pytest.fixture
def admin_settings(settings):
    """The live test server shares one in-memory SQLite connection between
    its threads, so an autosave running while Publish is pressed would
    tangle both requests' transactions. The desk does not depend on
    Wagtail's autosave; these tests leave it off. Avatars come from
    Gravatar, which this machine cannot reach: Wagtail's own instead."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = None


@pytest.fixture
def reporter(db):
    from tests.browser.desk_support import make_user

    return make_user("ana", "Moderators", "Ana", "Reyes")


@pytest.fixture
def contributor(db):
    from tests.browser.desk_support import make_user

    return make_user("cory", "Editors", "Cory", "Lind")


@pytest.fixture
def chief(db):
    from tests.browser.desk_support import make_user

    return make_user("chief", None, "Maya", "Chen", is_superuser=True, is_staff=True)


@pytest.fixture
def desk_tabs(browser, live_server, admin_settings):
    from tests.browser.desk_support import Desk

    tabs = []

    def open_tab(user, **kwargs) -> Desk:
        tab = Desk(browser, live_server, user, **kwargs)
        tabs.append(tab)
        return tab

    yield open_tab
    for tab in tabs:
        tab.close()
