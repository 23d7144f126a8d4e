"""ASGI entry point of the example site: ``make run`` serves it with Daphne
(``runserver``), which streams each blog's events from this one process
(``WAGTAIL_LIVEBLOG["EVENT_STREAM"] = "embedded"``)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "example_site.settings")

application = get_asgi_application()
