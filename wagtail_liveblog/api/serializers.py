"""The JSON representation of an update, built once per change at sync time.

The stored representation has no ``url``: permalinks depend on where the
page lives, so :func:`with_url` adds it when a response is built.
"""

from __future__ import annotations

from typing import Any

from wagtail.rich_text import expand_db_html

from ..formats import iso, permalink


def serialize_image(value) -> dict[str, Any] | None:
    from ..blocks import image_renditions

    image = value.get("image")
    if image is None:
        return None
    picture = image_renditions(value)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": picture["alt"],
        "caption": value.get("caption") or "",
        "credit": value.get("credit") or "",
        "width": image.width,
        "height": image.height,
        "renditions": [
            {"spec": spec, "url": r.url, "width": r.width, "height": r.height}
            for spec, r in picture["renditions"].items()
        ],
    }


def serialize_body(body) -> list[dict[str, Any]]:
    items = []
    for child in body or []:
        if child.block_type == "text":
            value: Any = expand_db_html(child.value.source)
        elif child.block_type == "image":
            value = serialize_image(child.value)
            if value is None:
                continue
        elif child.block_type == "quote":
            value = {
                "text": child.value.get("text") or "",
                "attribution": child.value.get("attribution") or "",
            }
        else:  # a block type added by a subclass: its own API representation
            value = child.block.get_api_representation(child.value)
        items.append({"type": child.block_type, "id": child.id, "value": value})
    return items


def serialize_update(update) -> dict[str, Any]:
    """``update`` is a ``rendering.UpdateForTemplate``."""
    return {
        "id": update.id,
        "headline": update.headline,
        "posted_at": iso(update.posted_at),
        "updated_at": iso(update.updated_at),
        "pinned": update.pinned,
        "key_event": update.key_event,
        "author": update.author,
        "body": serialize_body(update.body),
    }


def with_url(data: dict[str, Any], page_url: str) -> dict[str, Any]:
    """The stored representation with ``url``, in the documented key order."""
    update_id = data["id"]
    return {
        "id": update_id,
        "url": permalink(page_url, update_id),
        **{k: v for k, v in data.items() if k != "id"},
    }
