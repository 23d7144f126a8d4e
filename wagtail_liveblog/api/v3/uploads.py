"""Pictures uploaded with an update (``multipart/form-data``): each image
item naming a file part becomes an image in Wagtail's library
(``editing.images.create_image``: neutral title, unguessable name, the
``UPLOAD_COLLECTION``, ``MAX_IMAGE_PIXELS``), and the item then names it
by id, as the editing API takes it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from ...editing.images import create_image
from .errors import BODY, invalid, located


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
