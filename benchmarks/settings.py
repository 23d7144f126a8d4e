"""Settings for the benchmarks: the test suite's configuration, the naive
baseline app, and a database of the benchmark's own.

The database is SQLite at ``$BENCH_SQLITE`` (``run.py`` points it at a
temporary file), or ``$BENCH_DATABASE_URL`` when set (for example
``postgres://postgres@127.0.0.1:5432/h_bench``).
"""

import os
import tempfile

import dj_database_url

from tests.settings import *  # noqa: F403
from tests.settings import INSTALLED_APPS

INSTALLED_APPS = ["benchmarks.naive", *INSTALLED_APPS]
ROOT_URLCONF = "benchmarks.urls"
DEBUG = False

_sqlite = os.environ.get(
    "BENCH_SQLITE", os.path.join(tempfile.gettempdir(), "liveblog-bench.sqlite3")
)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{_sqlite}",
        conn_max_age=600,
    )
}
# Benchmark the request path, not the logging of warnings.
LOGGING = {"version": 1, "disable_existing_loggers": False}

# ``BENCH_POLL_MIDDLEWARE=1``: wagtail-liveblog's optional
# LiveBlogPollMiddleware, which answers up-to-date polls without routing.
if os.environ.get("BENCH_POLL_MIDDLEWARE"):
    from tests.settings import MIDDLEWARE

    MIDDLEWARE = ["wagtail_liveblog.middleware.LiveBlogPollMiddleware", *MIDDLEWARE]

# ``BENCH_CACHE_MIDDLEWARE=1``: Django's per-site cache in front of every view
# (what a CDN does): responses that say ``Cache-Control: public, max-age=N``
# (the poll of a public blog) are served from the cache for N seconds; the
# others (the minimal view) are not cached (CACHE_MIDDLEWARE_SECONDS = 0) but
# still pay the cache lookup.
if os.environ.get("BENCH_CACHE_MIDDLEWARE"):
    from tests.settings import MIDDLEWARE

    MIDDLEWARE = [
        "django.middleware.cache.UpdateCacheMiddleware",
        *MIDDLEWARE,
        "django.middleware.cache.FetchFromCacheMiddleware",
    ]
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CACHE_MIDDLEWARE_SECONDS = 0
