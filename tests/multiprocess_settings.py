"""Settings for several app processes sharing a database and a cache, as
``docs/deployment.md`` recommends: PostgreSQL, Django's cache on Redis
(``RedisCache``), ``LiveBlogPollMiddleware`` at the top, a short poll
interval. Used by ``tests/test_multiprocess.py`` and
``benchmarks/multiprocess_load.py``, which start gunicorn processes with it.

Environment:

- ``LIVEBLOG_MP_DATABASE_URL``: the PostgreSQL database (required);
- ``LIVEBLOG_MP_REDIS_URL``: the Redis server (``redis://127.0.0.1:6379/0``);
- ``LIVEBLOG_MP_CACHE_PREFIX``: a key prefix of the run's own, so runs
  sharing a Redis server never see each other's keys;
- ``LIVEBLOG_MP_POLL_INTERVAL``: seconds (``1``);
- ``LIVEBLOG_MP_GRIP_URL``: when set, the event stream's GRIP engine
  publishing to this proxy (``GRIP_URL``), ``GripMiddleware`` first
  (``tests/test_push_grip.py``, ``benchmarks/push_load.py``);
- ``LIVEBLOG_MP_DATABASE_URL`` may name an SQLite file too, and an empty
  ``LIVEBLOG_MP_REDIS_URL`` keeps each process's cache in its memory.
"""

import os
from importlib.util import find_spec

import dj_database_url

from tests.settings import *  # noqa: F403
from tests.settings import MIDDLEWARE

DATABASES = {
    "default": dj_database_url.parse(
        os.environ["LIVEBLOG_MP_DATABASE_URL"], conn_max_age=60
    )
}

_REDIS_URL = os.environ.get("LIVEBLOG_MP_REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": _REDIS_URL,
        "KEY_PREFIX": os.environ.get("LIVEBLOG_MP_CACHE_PREFIX", "liveblog-mp"),
    }
    if _REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}

MIDDLEWARE = ["wagtail_liveblog.middleware.LiveBlogPollMiddleware", *MIDDLEWARE]

WAGTAIL_LIVEBLOG = {
    "POLL_INTERVAL": float(os.environ.get("LIVEBLOG_MP_POLL_INTERVAL", "1")),
    "CACHE_MAX_AGE": 0,
}

# The event stream through a GRIP proxy, as docs/deployment.md sets it up.
GRIP_URL = os.environ.get("LIVEBLOG_MP_GRIP_URL")
if GRIP_URL:
    MIDDLEWARE = ["django_grip.GripMiddleware", *MIDDLEWARE]
    WAGTAIL_LIVEBLOG["EVENT_STREAM"] = "grip"

# The reporter posts through API v3 (Wagtail 8) where it exists.
ROOT_URLCONF = "tests.urls_v3" if find_spec("wagtail.api.v3") else "tests.urls"

# Thread-safe, and the same in every process (tests.settings keeps files in
# memory, one copy per process).
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = os.environ.get("LIVEBLOG_MP_MEDIA_ROOT", "/tmp/liveblog-mp-media")  # noqa: S108
