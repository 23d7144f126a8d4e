import os

import pytest
from hypothesis import settings as hypothesis_settings
from wagtail.models import Page, Site

from tests import db_snapshot
from tests.desk_support import make_user
from tests.factories import LiveBlogPageFactory, numbered_updates, publish


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, reused between runs (``--reuse-db``), with
    Wagtail's initial tree in it. A test with ``transaction=True`` flushes
    every table when it ends: the run puts back what the database held when
    it began (as ``serialized_rollback`` does), and a database found empty
    anyway is made afresh (migrated once more)."""
    from django.db import connections

    with django_db_blocker.unblock():
        if not Page.objects.exists():
            for connection in connections.all():
                connection.close()
                connection.creation.create_test_db(
                    verbosity=0, autoclobber=True, keepdb=False
                )
        # What the browser tests put back between tests (tests/db_snapshot.py).
        for connection in connections.all():
            connection.test_snapshot = db_snapshot.take(connection)
            if connection.test_snapshot is not None:
                db_snapshot.restore_from(connection.test_snapshot, connection)
    yield
    with django_db_blocker.unblock():
        if not Page.objects.exists():
            for connection in connections.all():
                contents = getattr(connection, "_test_serialized_contents", None)
                if contents:
                    connection.creation.deserialize_db_from_string(contents)


@pytest.fixture(scope="module")
def module_db(django_db_setup, django_db_blocker):
    """Database access for a module-scoped fixture, inside one transaction
    rolled back when the module ends (as Django's ``setUpTestData``): data
    built once for a module's tests, each of which still runs in a
    savepoint of its own. Return model instances fetched afresh per test."""
    from django.db import transaction

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def no_network(monkeypatch):
    """Fails a test that reaches for the network (the chat ingest tests)."""

    def refuse(*args, **kwargs):
        raise AssertionError("a test tried to reach the network")

    monkeypatch.setattr("urllib.request.urlopen", refuse)
    monkeypatch.setattr("socket.create_connection", refuse)


@pytest.fixture
def home(db):
    """The default site's root page (created by Wagtail's migrations)."""
    site = Site.objects.get(is_default_site=True)
    return site.root_page


@pytest.fixture
def blog(home):
    page = LiveBlogPageFactory(parent=home)
    return page


# The desk's tests' (test_desk.py, test_desk_scheduling.py,
# test_desk_composer_authors.py): a blog with three published updates, and a
# user of each demo group. Modules that need other ones define their own.


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(3))


@pytest.fixture
def publisher(db):
    return make_user("pat", "Moderators", first_name="Pat", last_name="Moreno")


@pytest.fixture
def contributor(db):
    return make_user("cory", "Editors", first_name="Cory", last_name="Lind")


@pytest.fixture
def root_page(db):
    return Page.get_first_root_node()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "slow: starts subprocesses (new sites, the example site, the wheel, "
        "gunicorn, Pushpin); make test-slow runs them, one at a time",
    )
    config.addinivalue_line(
        "markers",
        "sweep: hundreds of requests in one test (the malformed-input sweeps); "
        "left out of make test, run by .ci/run beside the other tests",
    )


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Start every test with an empty cache: Wagtail caches the site root
    paths there, and a Site created in a rolled-back test would otherwise
    make later tests' page URLs absolute."""
    from django.core.cache import cache

    cache.clear()
    yield


# Fuzz tests: a quick pass in the everyday loop, a thorough one in CI
# (``.ci/run`` sets HYPOTHESIS_PROFILE=ci).
hypothesis_settings.register_profile("dev", max_examples=40)
hypothesis_settings.register_profile("ci", max_examples=400)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(scope="session")
def docs_site(tmp_path_factory):
    """One brand-new ``wagtail start`` site set up exactly as the docs say,
    shared by the slow tests of a run (tests/fresh_site.py): ``(where,
    env)``. Each test makes its own blogs in it."""
    from tests.fresh_site import docs_site as make_site

    where = tmp_path_factory.mktemp("newsroom")
    return where, make_site(where)


# -- push (webhooks, WebSub) -----------------------------------------------------


@pytest.fixture
def queued_tasks(settings):
    """Tasks are queued (django_tasks' DummyBackend, which defers), not run:
    a test runs them with ``tests.push_support.run_queued``, in its own
    thread and database transaction."""
    from django_tasks import task_backends

    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    return task_backends["default"]


@pytest.fixture
def receiver():
    """A webhook receiver (or WebSub hub) on 127.0.0.1."""
    from tests.push_support import Receiver

    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def background_idle():
    """Waits, when the test ends, for the in-process push executor to be
    idle, so no delivery outlives the test that started it."""
    from wagtail_liveblog.push import background

    yield background
    assert background.join(timeout=20), "background work still running"
