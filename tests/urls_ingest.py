"""The test URLconf plus chat ingest at /liveblog-ingest/ (test_ingest_*.py).

No API v3 here: chat ingest works on Wagtail 7.4 too.
"""

from django.urls import include, path

from tests.urls import urlpatterns as base_urlpatterns

urlpatterns = [
    path("liveblog-ingest/", include("wagtail_liveblog.ingest.urls")),
    *base_urlpatterns,
]
