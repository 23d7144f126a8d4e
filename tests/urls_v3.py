"""The test URLconf plus Wagtail 8's API v3 at /api/v3/ (for test_api_v3.py)."""

from django.urls import path
from wagtail.api.v3.urls import api

from tests.urls import urlpatterns as base_urlpatterns

urlpatterns = [path("api/v3/", api.urls), *base_urlpatterns]
