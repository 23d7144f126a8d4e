"""URLs for the browser tests: the test site plus uploaded media (the live
test server serves static files but not media) and an empty favicon, so the
console stays free of 404s that have nothing to do with the live blog."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import path, re_path
from django.views.static import serve

from tests.urls import urlpatterns as site_urlpatterns


def media(request, path):
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    path("favicon.ico", lambda request: HttpResponse(status=204)),
    re_path(r"^media/(?P<path>.*)$", media),
    *site_urlpatterns,
]
