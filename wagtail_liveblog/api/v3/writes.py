"""The write routes of API v3: ``POST``, ``PATCH`` and ``DELETE`` of
updates, with Wagtail's API tokens (``Authorization: Bearer …``).

Every write goes through ``wagtail_liveblog.editing`` (permissions as on
the desk, validation, revisions, publishing); these routes find the blog
(``access``), turn uploaded pictures into images (``uploads.py``), keep
retries single (``idempotency.py``) and answer with the update's latest
version.

- ``POST /<page id>/updates/``: 201 with the update (``Idempotency-Key``);
- ``PATCH /<page id>/updates/<update id>/``: 200 with the update;
- ``DELETE /<page id>/updates/<update id>/``: 204.
"""

from __future__ import annotations

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from ninja import Header
from wagtail.api.v2.utils import get_full_url
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.api.v3.errors import ProblemDetail

from ... import access, editing
from ...db import retry_when_locked, write_transaction
from ...editing.images import files_removed_on_error
from ...formats import iso
from ...models.page import LiveBlogPageMixin
from ...models.update import LiveBlogUpdate
from ...readmodel.render import reader_locale
from ...readmodel.serialize import UPDATE_KEYS, update_data, with_url
from . import idempotency
from .errors import editing_errors
from .params import UpdateBody, multipart_openapi, uploaded_files
from .reads import v3_path
from .router import router
from .schemas import (
    LiveBlogUpdateCreateSchema,
    LiveBlogUpdatePatchSchema,
    LiveBlogWrittenUpdate,
)
from .uploads import body_items

AUTH = BearerTokenAuth()
PROBLEMS = dict.fromkeys((400, 401, 403, 404, 422), ProblemDetail)
KEY_PATTERN = r"^[\x21-\x7e]+$"
UPDATE_TYPE = "wagtail_liveblog.LiveBlogUpdate"


def _encode(payload) -> str:
    return json.dumps(payload, ensure_ascii=False, cls=DjangoJSONEncoder)


def _json(payload, status: int = 200) -> HttpResponse:
    text = payload if isinstance(payload, str) else _encode(payload)
    response = HttpResponse(text, status=status, content_type="application/json")
    patch_cache_control(response, no_store=True)
    return response


def writable_blog(request: HttpRequest, page_id: int) -> LiveBlogPageMixin:
    """The live blog ``request.user`` may edit (for an alias: its source).

    404 when the page is not a live blog, or when the user can neither
    edit it nor read it; 403 when they can read it but not edit it.
    """
    page = access.find_liveblog(page_id)
    if page is None:
        raise Http404(_("Not found."))
    blog = access.source_blog(page)
    if access.may_edit_blog(request.user, blog):
        return blog
    if access.readable_liveblog(request, page_id) is None:
        raise Http404(_("Not found."))
    raise PermissionDenied(access.writing.CANNOT_EDIT)


def _status(update: LiveBlogUpdate) -> str:
    if update.live:
        return "live"
    if update.go_live_at is not None and update.go_live_at > timezone.now():
        return "scheduled"
    return "draft"


def update_json(request: HttpRequest, blog, update_id: Any) -> dict[str, Any]:
    """An update as a write answers: its latest version, with ``meta``."""
    update = LiveBlogUpdate.objects.get(blog_id=blog.pk, pk=update_id)
    if update.live and not update.has_unpublished_changes and update.data:
        data = update.data
    else:
        with reader_locale(blog):
            # Not live yet: no renditions (they are made at publish).
            data = update_data(update.get_latest_revision_as_object(), renditions=False)
    answer = with_url(data, blog.get_full_url(request) or "")
    # In the documented key order, whatever order the database kept.
    out = {key: answer[key] for key in UPDATE_KEYS if key in answer}
    detail_url = None
    if update.live:
        detail_url = get_full_url(
            request,
            v3_path(request, "liveblogs_update", page_id=blog.pk, update_id=update.pk),
        )
    out["meta"] = {
        "type": UPDATE_TYPE,
        "blog_id": blog.pk,
        "status": _status(update),
        "live": update.live,
        "has_unpublished_changes": update.has_unpublished_changes,
        "go_live_at": iso(update.go_live_at),
        "detail_url": detail_url,
    }
    return out


# -- writes -----------------------------------------------------------------------


@router.post(
    "/{page_id}/updates/",
    response={201: LiveBlogWrittenUpdate, 423: ProblemDetail, **PROBLEMS},
    url_name="liveblogs_post_update",
    operation_id="liveblogs_post_update",
    summary="Post an update",
    auth=AUTH,
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
                authors=fields["authors"],
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
    response={200: LiveBlogWrittenUpdate, 423: ProblemDetail, **PROBLEMS},
    url_name="liveblogs_edit_update",
    operation_id="liveblogs_edit_update",
    summary="Change an update",
    auth=AUTH,
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
    auth=AUTH,
)
def delete_update(request: HttpRequest, page_id: int, update_id: str):
    blog = writable_blog(request, page_id)
    with editing_errors():
        editing.remove_update(blog, update_id, user=request.user)
    response = HttpResponse(status=204)
    patch_cache_control(response, no_store=True)
    return response
