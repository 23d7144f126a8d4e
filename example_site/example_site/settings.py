"""Settings of the wagtail-liveblog example site: a demo, not for production.

SQLite at ``example_site/db.sqlite3`` and uploads in ``example_site/media``;
``EXAMPLE_SITE_DB`` and ``EXAMPLE_SITE_MEDIA`` point them elsewhere (the
test suite uses a temporary directory). ``PORT`` (default 8000) is the port
``make run`` serves on, used for the admin's links.
"""

import os
from importlib.util import find_spec
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent
SITE_DIR = PROJECT_DIR.parent

PORT = os.environ.get("PORT", "8000")

SECRET_KEY = "example-site-only-not-secret"
DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]

INSTALLED_APPS = [
    # Daphne's runserver serves the site over ASGI, so the demo streams each
    # blog's events from this one process (docs/deployment.md).
    "daphne",
    "home",
    "wagtail_liveblog",
    # Signed webhooks (Settings → Live blog webhooks); see docs/webhooks.md.
    "wagtail_liveblog.webhooks",
    "wagtail.contrib.routable_page",
    "wagtail.api.v2",
    # Wagtail 8's API v3 (the write API, Settings → API tokens); not on 7.4.
    *(["wagtail.api.v3"] if find_spec("wagtail.api.v3") else []),
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
    # Compressed pages, as a production server sends them (runserver does
    # not compress on its own).
    "django.middleware.gzip.GZipMiddleware",
    # Answers readers' up-to-date polls without routing (optional, for busy sites).
    "wagtail_liveblog.middleware.LiveBlogPollMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
]

ROOT_URLCONF = "example_site.urls"
WSGI_APPLICATION = "example_site.wsgi.application"
ASGI_APPLICATION = "example_site.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        # The site's templates come first, so its base.html and its
        # wagtail_liveblog/base.html override win over the package's.
        "DIRS": [PROJECT_DIR / "templates"],
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

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("EXAMPLE_SITE_DB") or SITE_DIR / "db.sqlite3",
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = []

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
STATIC_ROOT = SITE_DIR / "static_collected"
MEDIA_URL = "/media/"
MEDIA_ROOT = os.environ.get("EXAMPLE_SITE_MEDIA") or SITE_DIR / "media"

WAGTAIL_SITE_NAME = "The Calloway Courier"
WAGTAILADMIN_BASE_URL = f"http://127.0.0.1:{PORT}"
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# A big live blog edited inline sends many form fields at once.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# The demo serves from one process, so the poll middleware's gates in the
# per-process cache are always dropped at once (see docs/deployment.md for
# more processes).
SILENCED_SYSTEM_CHECKS = ["wagtail_liveblog.W002"]

WAGTAIL_LIVEBLOG = {
    # Updates reach open pages over the event stream, served by this process.
    "EVENT_STREAM": "embedded",
    # The safety net: readers whose stream fails poll this often.
    "POLL_INTERVAL": 5,
    # A demo on one machine: webhooks may go to a receiver on it
    # (http://127.0.0.1:…). Never in production.
    "WEBHOOK_ALLOW_PRIVATE_TARGETS": True,
}
