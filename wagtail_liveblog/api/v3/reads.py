"""The read routes of API v3: the read service (``reading/service.py``),
answering in the read side's shapes, which Django Ninja validates every
answer against and puts in Wagtail's generated OpenAPI document.

- ``GET /``: the live blogs the request may read;
- ``GET /<page id>/``: one blog with its newest updates;
- ``GET /<page id>/updates/``: ``limit``/``before``, or ``since``/``after``;
- ``GET /<page id>/updates/<update id>/``: one update.

Anyone may read what they may read on the site (a bearer token only widens
what view restrictions allow). Every answer carries an ETag and answers
``If-None-Match`` with 304; answers the same for everyone are
``Cache-Control: public``. Errors are Wagtail's problem+json: a bad query
parameter is a 400 whose ``errors[].loc`` names it (``["query", "limit"]``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from ninja import Query
from wagtail.api.v2.utils import get_full_url
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.errors import PROBLEM_JSON, ProblemDetail

from ... import http
from ...params import BadParameter
from ...reader.events import events_url
from ...reading import service
from ...readmodel import shapes
from .errors import bad_parameter
from .router import router

AUTH = [BearerTokenAuth(), AllowAnonymous()]
ANSWERS = {304: None, 400: ProblemDetail, 404: ProblemDetail}


def _problem(description: str) -> dict:
    return {
        "description": description,
        "content": {
            PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}
        },
    }


#: What the generated document should say of the read routes: Wagtail's
#: problem answers are ``application/problem+json``, and a token is optional
#: (``{}``: no security requirement, in OpenAPI's words).
OPENAPI = {
    "responses": {
        "400": _problem("A bad query parameter, named in errors[].loc."),
        "404": _problem("Not found, or not a blog the request may read."),
    },
    "security": [{}],
}


def v3_path(request: HttpRequest, url_name: str, **kwargs: Any) -> str:
    """The path of a route of this router, in the namespace it is mounted in."""
    match = request.resolver_match
    namespace = match.namespace if match is not None else ""
    return reverse(f"{namespace}:{url_name}" if namespace else url_name, kwargs=kwargs)


class V3Links:
    """The URLs of this router for a request."""

    def __init__(self, request: HttpRequest):
        self.request = request

    def url(self, name: str, query: Mapping[str, Any] | None = None, **kwargs) -> str:
        url = get_full_url(self.request, v3_path(self.request, name, **kwargs))
        return f"{url}?{urlencode(query)}" if query else url

    def detail(self, page) -> str:
        return self.url("liveblogs_detail", page_id=page.pk)

    def updates(self, page, query: Mapping[str, Any] | None = None) -> str:
        return self.url("liveblogs_updates", query, page_id=page.pk)

    def events(self, page) -> str | None:
        return events_url(page, self.request)


def _blog(request: HttpRequest, page_id: int):
    try:
        return service.readable_blog(request, page_id)
    except service.NotFound:
        raise Http404(_("Not found.")) from None


def _answer(request, response: HttpResponse, etag: str, build, *, public: bool):
    """``build()``'s data with ``etag`` and ``Cache-Control`` (on Ninja's
    response), or a 304 when the client holds ``etag``."""
    if http.etag_matches(request, etag):
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = etag
        return http.apply_caching(not_modified, public=public, request=request)
    response["ETag"] = etag
    http.apply_caching(response, public=public, request=request)
    return build()


def _read(request, response, page, read: service.Read):
    etag = service.etag(request, page, read.version, f"v3:{read.route}")
    return _answer(request, response, etag, read.build, public=page.liveblog_is_public)


def _given(**values: str | None) -> dict[str, str]:
    """The query parameters given (for the read service, which parses them)."""
    return {name: value for name, value in values.items() if value is not None}


@router.get(
    "/",
    response={200: shapes.LiveBlogList, **ANSWERS},
    url_name="liveblogs_list",
    operation_id="liveblogs_list",
    summary="List live blogs",
    auth=AUTH,
    openapi_extra=OPENAPI,
)
def list_liveblogs(
    request: HttpRequest,
    response: HttpResponse,
    limit: str | None = Query(None, description="1 to MAX_PAGE_SIZE."),
    offset: str | None = Query(None, description="How many to skip."),
):
    try:
        service.check_parameters(request.GET, service.LISTING_PARAMETERS)
        payload, public = service.listing(
            request, V3Links(request), _given(limit=limit, offset=offset)
        )
    except BadParameter as bad:
        return bad_parameter(bad)
    etag = http.make_etag("v3:listing", http.query_key(request), payload)
    return _answer(request, response, etag, lambda: payload, public=public)


@router.get(
    "/{page_id}/",
    response={200: shapes.LiveBlog, **ANSWERS},
    url_name="liveblogs_detail",
    operation_id="liveblogs_detail",
    summary="Live blog with its newest updates",
    auth=AUTH,
    openapi_extra=OPENAPI,
)
def get_liveblog(request: HttpRequest, response: HttpResponse, page_id: int):
    page = _blog(request, page_id)
    try:
        service.check_parameters(request.GET, service.DETAIL_PARAMETERS)
    except BadParameter as bad:
        return bad_parameter(bad)
    return _read(
        request, response, page, service.blog_detail(page, request, V3Links(request))
    )


@router.get(
    "/{page_id}/updates/",
    response={200: shapes.LiveBlogUpdates, **ANSWERS},
    url_name="liveblogs_updates",
    operation_id="liveblogs_updates",
    summary="Updates, newest first, or what changed since a version",
    auth=AUTH,
    openapi_extra=OPENAPI,
)
def list_updates(
    request: HttpRequest,
    response: HttpResponse,
    page_id: int,
    limit: str | None = Query(None, description="1 to MAX_PAGE_SIZE."),
    before: str | None = Query(None, description="Updates older than this one."),
    since: str | None = Query(None, description="Changes after this version."),
    after: str | None = Query(None, description="With since: after this update."),
):
    page = _blog(request, page_id)
    query = _given(limit=limit, before=before, since=since, after=after)
    try:
        service.check_parameters(request.GET, service.UPDATES_PARAMETERS)
        read = service.updates(page, request, V3Links(request), query)
    except BadParameter as bad:
        return bad_parameter(bad)
    return _read(request, response, page, read)


@router.get(
    "/{page_id}/updates/{update_id}/",
    response={200: shapes.LiveBlogUpdate, **ANSWERS},
    url_name="liveblogs_update",
    operation_id="liveblogs_update",
    summary="One update",
    auth=AUTH,
    openapi_extra=OPENAPI,
)
def get_update(
    request: HttpRequest, response: HttpResponse, page_id: int, update_id: str
):
    page = _blog(request, page_id)
    try:
        service.check_parameters(request.GET, service.UPDATE_PARAMETERS)
        read = service.update(page, request, update_id)
    except BadParameter as bad:
        return bad_parameter(bad)
    except service.NotFound:
        raise Http404(_("Not found.")) from None
    return _read(request, response, page, read)
