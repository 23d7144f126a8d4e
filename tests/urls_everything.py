"""Every URL a site set up as the docs say has: the admin, API v2 (pages,
images and ``liveblogs``), Wagtail's API v3 mounted whole with the
``liveblogs`` router (Wagtail 8), chat ingest, and the pages
(tests/test_access_urls.py walks them all)."""

from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from wagtail_liveblog.api import LiveBlogAPIViewSet

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("liveblogs", LiveBlogAPIViewSet)

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("api/v2/", api_router.urls),
    path("liveblog-ingest/", include("wagtail_liveblog.ingest.urls")),
]

try:  # Wagtail 8: API v3, mounted whole
    from wagtail.api.v3.urls import api

    import tests.urls_v3  # noqa: F401 - adds the liveblogs router once

    urlpatterns.insert(0, path("api/v3/", api.urls))
except ImportError:  # Wagtail 7.4
    pass

urlpatterns.append(path("", include(wagtail_urls)))
