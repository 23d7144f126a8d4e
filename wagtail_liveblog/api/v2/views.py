"""``LiveBlogAPIViewSet``: the ``liveblogs`` endpoint of a site's Wagtail API.

A site registers it on its own router::

    api_router.register_endpoint("liveblogs", LiveBlogAPIViewSet)

Every route reads the page row and the blog's published update rows with
indexed queries. See ``docs/api.md``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.api.v2.utils import get_full_url
from wagtail.rich_text import expand_db_html

from ... import access, conf, http, params
from ...formats import iso
from ...models.timeline import LiveBlogTimeline, current_version
from ...params import BadParameter
from ...reading import changes, queries
from ...readmodel.serialize import key_event_json, with_url
from .listing import listing_response
from .openapi import openapi_response


def _page_url(page, request: HttpRequest) -> str:
    return page.get_full_url(request) or ""


def blog_json(page, request: HttpRequest | None, version: int) -> dict[str, Any]:
    """The fields shared by the blog route and the pages-endpoint fields."""
    return {
        "id": page.pk,
        "title": page.title,
        "url": page.get_full_url(request) or "",
        "intro": expand_db_html(page.intro or ""),
        "summary": expand_db_html(page.summary or ""),
        "status": page.status,
        "coverage_start": iso(page.coverage_start),
        "coverage_end": iso(page.coverage_end),
        "version": version,
        "poll_interval": conf.get("POLL_INTERVAL"),
    }


class LiveBlogAPIViewSet:
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
    name = "liveblogs"
    # How the pages endpoint's ``updates_url`` field finds this endpoint.
    is_liveblog_endpoint = True
    http_method_names = ("GET", "HEAD")

    def __init__(self, request: HttpRequest):
        self.request = request

    # -- routing --------------------------------------------------------------

    @classmethod
    def as_view(cls, action: str) -> Callable[..., HttpResponse]:
        def view(request: HttpRequest, **kwargs: Any) -> HttpResponse:
            if request.method not in cls.http_method_names:
                response = http.error(405, _("Method not allowed."))
                response["Allow"] = ", ".join(cls.http_method_names)
                return response
            return getattr(cls(request), action)(**kwargs)

        view.liveblog_api_action = action  # type: ignore[attr-defined]
        view.__name__ = f"liveblogs_{action}"
        return view

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [
            path("", cls.as_view("listing"), name="listing"),
            path("openapi.json", cls.as_view("openapi"), name="openapi"),
            path("<int:pk>/", cls.as_view("detail"), name="detail"),
            path("<int:pk>/updates/", cls.as_view("updates"), name="updates"),
            path(
                "<int:pk>/updates/<str:update_id>/",
                cls.as_view("update"),
                name="update",
            ),
        ]

    @classmethod
    def get_model_listing_urlpath(cls, model, namespace: str = "") -> str:
        return reverse(f"{namespace}:listing")

    @classmethod
    def get_object_detail_urlpath(cls, model, pk, namespace: str = "") -> str:
        return reverse(f"{namespace}:detail", args=(pk,))

    # -- helpers ----------------------------------------------------------------

    def full_url(self, path_: str, query: dict[str, Any] | None = None) -> str:
        url = get_full_url(self.request, path_)
        return f"{url}?{urlencode(query)}" if query else url

    def route_url(
        self, name: str, *args: Any, query: dict[str, Any] | None = None
    ) -> str:
        """The full URL of a route of this endpoint, in the namespace in use."""
        namespace = self.request.resolver_match.namespace
        return self.full_url(reverse(f"{namespace}:{name}", args=args), query)

    def load(self, pk: int):
        return access.readable_liveblog(self.request, pk)

    def etag(self, page, version: int, route: str, *extra: Any) -> str:
        return http.make_etag(
            route,
            page.pk,
            version,
            # Where the page lives (its URL and permalinks): an alias moves
            # without a new version, which is its source's.
            page.url_path,
            page.status,
            conf.get("POLL_INTERVAL"),
            self.request.get_host(),
            http.query_key(self.request),
            *extra,
        )

    def respond(self, page, etag: str, build: Callable[[], Any]) -> HttpResponse:
        return http.conditional(
            self.request,
            etag,
            lambda: http.json_body(self.request, build()),
            public=page.liveblog_is_public,
        )

    def updates_page(
        self,
        page,
        page_url: str,
        limit: int,
        before: queries.Cursor | None,
    ) -> tuple[list[dict], str | None]:
        if before is None:
            entries = queries.latest(page.liveblog_id, limit + 1)
        else:
            entries = queries.older_than(page.liveblog_id, before, limit + 1)
        shown = entries[:limit]
        next_url = None
        if len(entries) > limit:
            query: dict[str, Any] = {"before": shown[-1].id}
            if "limit" in self.request.GET:
                query["limit"] = limit
            next_url = self.route_url("updates", page.pk, query=query)
        return [with_url(entry.data, page_url) for entry in shown], next_url

    # -- routes -----------------------------------------------------------------

    def not_found(self) -> HttpResponse:
        return http.error(404, _("Not found."))

    def detail(self, pk: int) -> HttpResponse:
        page = self.load(pk)
        if page is None:
            return self.not_found()
        try:
            params.check_known(self.request.GET, ())
        except BadParameter as bad:
            return http.error(400, bad.message, bad.name)
        version = current_version(page.liveblog_id)

        def build() -> dict[str, Any]:
            page_url = _page_url(page, self.request)
            items, next_url = self.updates_page(
                page, page_url, conf.get("PAGE_SIZE"), None
            )
            return {
                **blog_json(page, self.request, version),
                "updates_url": self.route_url("updates", page.pk),
                "pinned": [
                    with_url(entry.data, page_url)
                    for entry in queries.pinned(
                        page.liveblog_id, conf.get("MAX_PINNED")
                    )
                ],
                "key_events": [
                    key_event_json(entry, page_url)
                    for entry in queries.key_events(page.liveblog_id)
                ],
                "updates": items,
                "next": next_url,
            }

        return self.respond(page, self.etag(page, version, "detail"), build)

    def updates(self, pk: int) -> HttpResponse:
        page = self.load(pk)
        if page is None:
            return self.not_found()
        version = current_version(page.liveblog_id)
        query = self.request.GET
        try:
            params.check_known(query, ("limit", "before", "since", "after"))
            if "since" in query:
                return self.changes(page, version)
            if "after" in query:
                raise BadParameter("after", _("is only valid together with since"))
            limit = params.parse_limit(query, conf.get("PAGE_SIZE"))
            before_id = params.parse_update_id(query, "before")
            before = None
            if before_id is not None:
                before = queries.find_cursor(page.liveblog_id, before_id)
                if before is None:
                    raise BadParameter(
                        "before", _("is not an update of this live blog")
                    )
        except BadParameter as bad:
            return http.error(400, bad.message, bad.name)

        def build() -> dict[str, Any]:
            items, next_url = self.updates_page(
                page, _page_url(page, self.request), limit, before
            )
            return {
                "meta": {
                    "version": version,
                    "status": page.status,
                    "poll_interval": conf.get("POLL_INTERVAL"),
                    "next": next_url,
                },
                "items": items,
            }

        return self.respond(page, self.etag(page, version, "updates"), build)

    def changes(self, page, version: int) -> HttpResponse:
        query = self.request.GET
        if "before" in query:
            raise BadParameter("since", _("cannot be combined with before"))
        since = params.parse_version(query, "since", version)
        limit = params.parse_limit(query, conf.get("MAX_PAGE_SIZE"))
        after = params.parse_update_id(query, "after")
        if after is not None and not changes.is_known_update(page.liveblog_id, after):
            raise BadParameter("after", _("is not an update of this live blog"))

        def build() -> dict[str, Any]:
            if since == version and after is None:
                found = changes.Changes([], [], None)
            else:
                found = changes.changes_after(page.liveblog_id, since, after, limit)
            next_url = None
            if found.next_cursor is not None:
                cursor_version, cursor_id = found.next_cursor
                next_query: dict[str, Any] = {
                    "since": cursor_version,
                    "after": cursor_id,
                }
                if "limit" in query:
                    next_query["limit"] = limit
                next_url = self.route_url("updates", page.pk, query=next_query)
            page_url = _page_url(page, self.request)
            return {
                "meta": {
                    "version": version,
                    "status": page.status,
                    "poll_interval": conf.get("POLL_INTERVAL"),
                    "next": next_url,
                },
                "items": [with_url(entry.data, page_url) for entry in found.items],
                "deleted": [str(update_id) for update_id in found.deleted],
            }

        return self.respond(page, self.etag(page, version, "changes"), build)

    def update(self, pk: int, update_id: str) -> HttpResponse:
        page = self.load(pk)
        if page is None:
            return self.not_found()
        try:
            key = uuid.UUID(update_id)
        except ValueError:
            return self.not_found()
        try:
            params.check_known(self.request.GET, ())
        except BadParameter as bad:
            return http.error(400, bad.message, bad.name)
        entry = queries.find(page.liveblog_id, key)
        if entry is None:
            return self.not_found()
        version = current_version(page.liveblog_id)
        etag = self.etag(page, version, "update", key)
        return self.respond(
            page, etag, lambda: with_url(entry.data, _page_url(page, self.request))
        )

    def listing(self) -> HttpResponse:
        return listing_response(self)

    def openapi(self) -> HttpResponse:
        return openapi_response(self.request)
