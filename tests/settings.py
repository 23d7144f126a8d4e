"""Settings for the test suite: SQLite by default, PostgreSQL when
DATABASE_URL is set (``.ci/run`` sets it)."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent

SECRET_KEY = "tests-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["*"]
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_CODE = "en"

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'test.sqlite3'}", conn_max_age=0
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The test database lives in a file, not in memory: threads then lock it
    # as separate processes would (tests/test_concurrency.py), and with
    # ``--reuse-db`` (pyproject's addopts) Wagtail's migrations run once, not
    # on every run. One file per Wagtail version, as their migrations differ.
    # LIVEBLOG_TEST_DB names another file; ``--create-db`` starts afresh.
    from wagtail import VERSION as _WAGTAIL_VERSION

    _default_test_db = (
        BASE_DIR / ".test-db" / ("wagtail-{}.{}.sqlite3".format(*_WAGTAIL_VERSION[:2]))
    )
    _default_test_db.parent.mkdir(exist_ok=True)
    DATABASES["default"]["TEST"] = {
        "NAME": os.environ.get("LIVEBLOG_TEST_DB") or str(_default_test_db)
    }
    # A test database needs no durability: SQLite then skips the disk
    # flushes it makes at every commit (the browser tests commit every
    # write), and still locks as it would (Django 5.1+ reads init_command).
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA synchronous=OFF"}

INSTALLED_APPS = [
    "wagtail_liveblog",
    "wagtail_liveblog.ingest",
    "wagtail_liveblog.webhooks",
    "tests.testapp",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.frontend_cache",
    "wagtail.api.v2",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "tests.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static-collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = BASE_DIR / "media"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

WAGTAIL_SITE_NAME = "Test site"
WAGTAILADMIN_BASE_URL = "http://testserver"
WAGTAILAPI_BASE_URL = "http://testserver"
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_LIVEBLOG = {}

# Embeds come from a table in the tests, never from the network.
WAGTAILEMBEDS_FINDERS = [{"class": "tests.testapp.embeds.LocalEmbedFinder"}]
