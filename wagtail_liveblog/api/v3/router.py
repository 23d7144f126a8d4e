"""``router``: the ``liveblogs`` resource of Wagtail 8's API v3.

A site adds it to Wagtail's v3 API before the API's URLs are built::

    from wagtail.api.v3.urls import api
    from wagtail_liveblog.api.v3 import router as liveblogs_router

    api.add_router("/liveblogs/", liveblogs_router)
    urlpatterns = [path("api/v3/", api.urls), ...]

Reads (anyone; a bearer token only widens what view restrictions allow):

- ``GET /``: the live blogs the request may read;
- ``GET /<page id>/``: one blog with its newest updates;
- ``GET /<page id>/updates/``: ``limit``/``before``, or ``since``/``after``;
- ``GET /<page id>/updates/<update id>/``: one update.

Writes (``Authorization: Bearer <Wagtail API token>``; permissions as on
the live desk):

- ``POST /<page id>/updates/``: 201 with the update (``Idempotency-Key``);
- ``PATCH /<page id>/updates/<update id>/``: 200 with the update;
- ``DELETE /<page id>/updates/<update id>/``: 204.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from ninja import Header, Query, Router
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.errors import ProblemDetail

from ... import editing
from ...db import retry_when_locked, write_transaction
from ...editing.images import files_removed_on_error
from . import idempotency
from .errors import as_problem, editing_errors
from .params import UpdateBody, multipart_openapi, uploaded_files
from .reads import LiveBlogV3Reads
from .schemas import (
    LiveBlogListSchema,
    LiveBlogSchema,
    LiveBlogUpdateCreateSchema,
    LiveBlogUpdatePatchSchema,
    LiveBlogUpdateSchema,
    LiveBlogUpdatesSchema,
    LiveBlogWrittenUpdateSchema,
)
from .writes import body_items, update_json, writable_blog

router = Router(tags=["liveblogs"])

READ_AUTH = [BearerTokenAuth(), AllowAnonymous()]
WRITE_AUTH = BearerTokenAuth()
PROBLEMS = dict.fromkeys((400, 401, 403, 404, 422), ProblemDetail)
KEY_PATTERN = r"^[\x21-\x7e]+$"


def _encode(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, cls=DjangoJSONEncoder)


def _json(payload, status: int = 200) -> HttpResponse:
    text = payload if isinstance(payload, str) else _encode(payload)
    response = HttpResponse(text, status=status, content_type="application/json")
    patch_cache_control(response, no_store=True)
    return response


# -- reads ------------------------------------------------------------------------


@router.get(
    "/",
    response={200: LiveBlogListSchema, 304: None, 400: ProblemDetail},
    url_name="liveblogs_list",
    operation_id="liveblogs_list",
    summary="List live blogs",
    auth=READ_AUTH,
)
def list_liveblogs(
    request: HttpRequest,
    limit: str | None = Query(None),
    offset: str | None = Query(None),
):
    return as_problem(LiveBlogV3Reads(request).listing())


@router.get(
    "/{page_id}/",
    response={200: LiveBlogSchema, 304: None, 400: ProblemDetail, 404: ProblemDetail},
    url_name="liveblogs_detail",
    operation_id="liveblogs_detail",
    summary="Live blog with its newest updates",
    auth=READ_AUTH,
)
def get_liveblog(request: HttpRequest, page_id: int):
    return as_problem(LiveBlogV3Reads(request).detail(page_id))


@router.get(
    "/{page_id}/updates/",
    response={
        200: LiveBlogUpdatesSchema,
        304: None,
        400: ProblemDetail,
        404: ProblemDetail,
    },
    url_name="liveblogs_updates",
    operation_id="liveblogs_updates",
    summary="Updates, newest first, or what changed since a version",
    auth=READ_AUTH,
)
def list_updates(
    request: HttpRequest,
    page_id: int,
    limit: str | None = Query(None, description="1 to MAX_PAGE_SIZE."),
    before: str | None = Query(None, description="Updates older than this one."),
    since: str | None = Query(None, description="Changes after this version."),
    after: str | None = Query(None, description="With since: after this update."),
):
    return as_problem(LiveBlogV3Reads(request).updates(page_id))


@router.get(
    "/{page_id}/updates/{update_id}/",
    response={200: LiveBlogUpdateSchema, 304: None, 404: ProblemDetail},
    url_name="liveblogs_update",
    operation_id="liveblogs_update",
    summary="One update",
    auth=READ_AUTH,
)
def get_update(request: HttpRequest, page_id: int, update_id: str):
    return as_problem(LiveBlogV3Reads(request).update(page_id, update_id))


# -- writes -----------------------------------------------------------------------


@router.post(
    "/{page_id}/updates/",
    response={201: LiveBlogWrittenUpdateSchema, 423: ProblemDetail, **PROBLEMS},
    url_name="liveblogs_post_update",
    operation_id="liveblogs_post_update",
    summary="Post an update",
    auth=WRITE_AUTH,
    openapi_extra=multipart_openapi(LiveBlogUpdateCreateSchema.__name__),
)
def post_update(
    request: HttpRequest,
    page_id: int,
    data: LiveBlogUpdateCreateSchema = UpdateBody(...),  # noqa: B008
    idempotency_key: str | None = Header(
        None,
        alias=idempotency.HEADER,
        min_length=1,
        max_length=255,
        pattern=KEY_PATTERN,
        description="Retrying with the same key returns the first answer.",
    ),
):
    blog = writable_blog(request, page_id)
    files = uploaded_files(request)
    fields = data.model_dump(mode="json")
    key = idempotency_key
    fingerprint = ""
    if key is not None:
        fingerprint = idempotency.fingerprint(blog.pk, fields, files)
        row = idempotency.previous(request.user, key)
        if row is not None:
            return idempotency.replay(row, fingerprint)

    def write() -> tuple[str, str | None]:
        with write_transaction(), files_removed_on_error() as created:
            body = body_items(request, fields["body"], files, created)
            update_id = editing.post_update(
                blog,
                user=request.user,
                headline=data.headline,
                body=body,
                pinned=data.pinned,
                key_event=data.key_event,
                author=data.author,
                posted_at=data.posted_at,
                publish=data.publish,
                go_live_at=data.go_live_at,
            )
            answer = update_json(request, blog, update_id)
            text = _encode(answer)
            if key is not None:
                idempotency.remember(request.user, key, blog.pk, fingerprint, 201, text)
            return text, answer["meta"]["detail_url"]

    try:
        with editing_errors():
            text, location = retry_when_locked(write)
    except idempotency.KeyTaken:
        return idempotency.replay(idempotency.previous(request.user, key), fingerprint)
    response = _json(text, status=201)
    if location:
        response["Location"] = location
    return response


@router.patch(
    "/{page_id}/updates/{update_id}/",
    response={200: LiveBlogWrittenUpdateSchema, 423: ProblemDetail, **PROBLEMS},
    url_name="liveblogs_edit_update",
    operation_id="liveblogs_edit_update",
    summary="Change an update",
    auth=WRITE_AUTH,
    openapi_extra=multipart_openapi(LiveBlogUpdatePatchSchema.__name__),
)
def edit_update(
    request: HttpRequest,
    page_id: int,
    update_id: str,
    data: LiveBlogUpdatePatchSchema = UpdateBody(...),  # noqa: B008
):
    blog = writable_blog(request, page_id)
    files = uploaded_files(request)
    changes = data.model_dump(mode="json", exclude_unset=True)
    if "posted_at" in changes:
        changes["posted_at"] = data.posted_at

    def write() -> dict:
        with write_transaction(), files_removed_on_error() as created:
            values = dict(changes)
            if values.get("body") is not None:
                values["body"] = body_items(request, values["body"], files, created)
            editing.edit_update(blog, update_id, user=request.user, **values)
            return update_json(request, blog, update_id)

    with editing_errors():
        answer = retry_when_locked(write)
    return _json(answer)


@router.delete(
    "/{page_id}/updates/{update_id}/",
    response={204: None, 423: ProblemDetail, **PROBLEMS},
    url_name="liveblogs_delete_update",
    operation_id="liveblogs_delete_update",
    summary="Remove an update",
    auth=WRITE_AUTH,
)
def delete_update(request: HttpRequest, page_id: int, update_id: str):
    blog = writable_blog(request, page_id)
    with editing_errors():
        editing.remove_update(blog, update_id, user=request.user)
    response = HttpResponse(status=204)
    patch_cache_control(response, no_store=True)
    return response
