"""``LiveBlogAPIViewSet``: the ``liveblogs`` endpoint of a site's Wagtail API.

A site registers it on its own router::

    api_router.register_endpoint("liveblogs", LiveBlogAPIViewSet)

It is Wagtail's own ``BaseAPIViewSet`` (Django REST framework does the
routing, ``HEAD``, 405s and the JSON), over the read service
(``reading/service.py``): each route finds the blog the request may read,
hands the query to the service and answers with an ETag (304 on
``If-None-Match``) and ``Cache-Control`` fit for a CDN when the answer is
the same for everyone. See ``docs/api.md``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.http import Http404, HttpRequest
from django.urls import path, reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import MethodNotAllowed
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from wagtail.api.v2.utils import get_full_url
from wagtail.api.v2.views import BaseAPIViewSet

from ... import http
from ...models.timeline import LiveBlogTimeline
from ...params import BadParameter
from ...reader.events import events_url
from ...reading import service
from .openapi import openapi_document


class V2Links:
    """The URLs of the ``liveblogs`` endpoint serving a request."""

    def __init__(self, request: HttpRequest):
        self.request = request
        self.namespace = request.resolver_match.namespace

    def url(self, name: str, *args: Any, query: Mapping[str, Any] | None = None):
        url = get_full_url(self.request, reverse(f"{self.namespace}:{name}", args=args))
        return f"{url}?{urlencode(query)}" if query else url

    def detail(self, page) -> str:
        return self.url("detail", page.pk)

    def updates(self, page, query: Mapping[str, Any] | None = None) -> str:
        return self.url("updates", page.pk, query=query)

    def events(self, page) -> str | None:
        return events_url(page, self.request)


class LiveBlogAPIViewSet(BaseAPIViewSet):
    """The ``liveblogs`` endpoint. Routes (under the endpoint's prefix):

    - ``""`` the live blogs the request may read;
    - ``openapi.json`` the OpenAPI description of these routes;
    - ``<page id>/`` one blog with its newest updates;
    - ``<page id>/updates/`` updates newest first (``limit``, ``before``) or
      what changed after a version (``since``, ``after``, ``limit``);
    - ``<page id>/updates/<update id>/`` one update.
    """

    # ``WagtailAPIRouter.get_model_endpoint`` matches models to endpoints;
    # the read model (not Page) keeps the pages endpoint's detail URLs its own.
    model = LiveBlogTimeline
    # How the pages endpoint's ``updates_url`` field finds this endpoint.
    is_liveblog_endpoint = True
    renderer_classes = [JSONRenderer]
    http_method_names = ["get", "head"]
    # Who may read is Wagtail's business (view restrictions, on the Django
    # request): DRF's session authentication would touch the session of
    # every request, and ``Vary: Cookie`` would split a CDN's copy of a
    # public answer by each reader's cookies.
    authentication_classes: list = []
    permission_classes: list = []

    def get_renderer_context(self):
        """Compact JSON (Wagtail's endpoints indent theirs): every poll of
        every reader carries it."""
        context = super().get_renderer_context()
        context.pop("indent", None)
        return context

    def perform_authentication(self, request) -> None:
        """Leave the Django request's own user alone (DRF would put an
        anonymous one in its place)."""

    @classmethod
    def get_urlpatterns(cls) -> list:
        def route(action: str) -> Callable:
            view = cls.as_view({"get": action})
            # DRF exempts its views from Django's LoginRequiredMiddleware; a
            # site that requires a login for everything requires it here too.
            view.login_required = True  # type: ignore[attr-defined]
            # How ``routes.py`` finds the endpoint in a site's URLconf.
            view.liveblog_api_action = action.removesuffix("_view")  # type: ignore[attr-defined]
            return view

        return [
            path("", route("listing_view"), name="listing"),
            path("openapi.json", route("openapi_view"), name="openapi"),
            path("<int:pk>/", route("detail_view"), name="detail"),
            path("<int:pk>/updates/", route("updates_view"), name="updates"),
            path(
                "<int:pk>/updates/<str:update_id>/", route("update_view"), name="update"
            ),
        ]

    # -- errors: Wagtail's ``{"message"}``, naming the parameter on a 400 -------

    def handle_exception(self, exc):
        if isinstance(exc, MethodNotAllowed):
            response = Response(
                {"message": _("Method not allowed.")},
                status=status.HTTP_405_METHOD_NOT_ALLOWED,
                headers={"Allow": "GET, HEAD"},
            )
        elif isinstance(exc, BadParameter):
            response = Response(
                {"message": exc.message, "parameter": exc.name},
                status=status.HTTP_400_BAD_REQUEST,
            )
        elif isinstance(exc, service.NotFound | Http404):
            response = Response(
                {"message": _("Not found.")}, status=status.HTTP_404_NOT_FOUND
            )
        else:
            return super().handle_exception(exc)
        patch_cache_control(response, no_store=True)
        return response

    # -- helpers ---------------------------------------------------------------

    @property
    def links(self) -> V2Links:
        return V2Links(self.django_request)

    @property
    def django_request(self):
        """The request as Django made it (its lazy user and session)."""
        return self.request._request

    def blog(self, pk: int):
        return service.readable_blog(self.django_request, pk)

    def answer(self, etag: str, build: Callable[[], Any], *, public: bool):
        """``build()``'s data, or 304 when the client holds ``etag``."""
        return http.conditional(
            self.django_request, etag, lambda: Response(build()), public=public
        )

    def answer_read(self, page, read: service.Read, *extra: Any):
        etag = service.etag(self.django_request, page, read.version, read.route, *extra)
        return self.answer(etag, read.build, public=page.liveblog_is_public)

    # -- routes ----------------------------------------------------------------

    def listing_view(self, request):
        request = self.django_request
        service.check_parameters(request.GET, service.LISTING_PARAMETERS)
        payload, public = service.listing(request, self.links, request.GET)
        etag = http.make_etag("listing", http.query_key(request), payload)
        return self.answer(etag, lambda: payload, public=public)

    def detail_view(self, request, pk: int):
        request = self.django_request
        page = self.blog(pk)
        service.check_parameters(request.GET, service.DETAIL_PARAMETERS)
        return self.answer_read(page, service.blog_detail(page, request, self.links))

    def updates_view(self, request, pk: int):
        request = self.django_request
        page = self.blog(pk)
        service.check_parameters(request.GET, service.UPDATES_PARAMETERS)
        return self.answer_read(
            page, service.updates(page, request, self.links, request.GET)
        )

    def update_view(self, request, pk: int, update_id: str):
        request = self.django_request
        page = self.blog(pk)
        service.check_parameters(request.GET, service.UPDATE_PARAMETERS)
        return self.answer_read(page, service.update(page, request, update_id))

    def openapi_view(self, request):
        request = self.django_request
        document = openapi_document(request)
        etag = http.make_etag("openapi", document)
        return self.answer(etag, lambda: document, public=True)
