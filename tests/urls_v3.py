"""The test URLconf plus Wagtail 8's API v3 at /api/v3/, with the
``liveblogs`` router added as the quick start says (test_api_v3*.py)."""

from django.urls import path
from wagtail.api.v3.urls import api

from tests.urls import urlpatterns as base_urlpatterns
from wagtail_liveblog.api.v3 import router as liveblogs_router

api.add_router("/liveblogs/", liveblogs_router)

urlpatterns = [path("api/v3/", api.urls), *base_urlpatterns]
