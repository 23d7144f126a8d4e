from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.images.api.v2.views import ImagesAPIViewSet

from wagtail_liveblog.api import LiveBlogAPIViewSet

try:  # Wagtail 8: API v3, with the liveblogs router (reads and writes)
    from wagtail.api.v3.urls import api as api_v3
except ImportError:  # Wagtail 7.4 has no API v3
    api_v3 = None

api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)

api_router.register_endpoint("liveblogs", LiveBlogAPIViewSet)

if api_v3 is not None:
    from wagtail_liveblog.api.v3 import router as liveblogs_router

    api_v3.add_router("/liveblogs/", liveblogs_router)

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/", api_router.urls),
    # The write API the README's curl posts to (`make run` prints a token).
    *([path("api/v3/", api_v3.urls)] if api_v3 else []),
    # A front end that uses only the public API (example_site/example_site/
    # static/headless/): the starting point for a headless site.
    path("headless/", TemplateView.as_view(template_name="headless/index.html")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    # Static files through the middleware, so compressed (GZipMiddleware)
    # as a production server sends them: `make run` starts runserver with
    # --nostatic, which leaves them to this route.
    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]
