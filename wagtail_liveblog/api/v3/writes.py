"""The write routes' work: which blog, which pictures, what to answer.

Every write goes through ``wagtail_liveblog.editing`` (permissions as on
the desk, validation, revisions, publishing); this module only finds the
blog, turns uploaded pictures into images and writes the answer.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from wagtail.api.v2.utils import get_full_url

from ... import access
from ...editing.images import create_image
from ...formats import iso
from ...models.page import LiveBlogPageMixin
from ...models.update import LiveBlogUpdate
from ...readmodel.render import reader_locale
from ...readmodel.serialize import UPDATE_KEYS, update_data, with_url
from .errors import BODY, invalid, located
from .reads import v3_path

UPDATE_TYPE = "wagtail_liveblog.LiveBlogUpdate"


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


def body_items(
    request: HttpRequest,
    items: list[dict[str, Any]],
    files: MultiValueDict,
    created: list,
) -> list[dict[str, Any]]:
    """Body items for the editing API: uploaded pictures become images
    (appended to ``created``), everything else passes as it is."""
    out = []
    for position, item in enumerate(items):
        if item["type"] != "image":
            out.append({k: v for k, v in item.items() if v is not None})
            continue
        value = dict(item["value"])
        where = (*BODY, "body", position, "value")
        name = value.pop("file", None)
        if (name is None) == (value.get("image") is None):
            raise invalid(
                [
                    (
                        where,
                        _('An image item needs either "image" (an id) or "file".'),
                        "invalid_image",
                    )
                ]
            )
        if name is not None:
            upload = files.get(name)
            if upload is None:
                raise invalid(
                    [
                        (
                            (*where, "file"),
                            _('The request has no file part named "%(name)s".')
                            % {"name": name},
                            "missing_file",
                        )
                    ]
                )
            upload.seek(0)
            try:
                image = create_image(request.user, upload)
            except ValidationError as error:
                raise invalid(located(error, where)) from error
            created.append(image)
            value["image"] = image.pk
        out.append(
            {
                "type": "image",
                "value": value,
                **({"id": item["id"]} if item.get("id") else {}),
            }
        )
    return out


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
            request, v3_path(request, "update", blog.pk, str(update.pk))
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
