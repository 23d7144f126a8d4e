"""URLs of the benchmark site: the pages API, our liveblogs endpoint (when
the package provides it), a minimal view for the load test, and Wagtail."""

from django.http import JsonResponse
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

try:
    from wagtail_liveblog.api import LiveBlogAPIViewSet
except (ImportError, AttributeError):  # the endpoint has not landed yet
    LiveBlogAPIViewSet = None

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
if LiveBlogAPIViewSet is not None:
    api_router.register_endpoint("liveblogs", LiveBlogAPIViewSet)


def minimal(request):
    """The cheapest useful Django view: the load test's yardstick."""
    return JsonResponse({"ok": True})


urlpatterns = [
    path("minimal/", minimal),
    path("api/v2/", api_router.urls),
    path("", include(wagtail_urls)),
]
