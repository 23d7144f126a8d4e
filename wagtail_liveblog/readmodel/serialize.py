"""The one JSON shape of an update, shared by API v2, API v3 and the poll.

``update_data`` is computed when an update is published and stored on its
row (``LiveBlogUpdate.data``); responses add the ``url`` with
:func:`with_url`, because permalinks depend on where the page lives. The
reader script's poll items are the same shape plus the stored ``html``.
"""

from __future__ import annotations

from typing import Any

from wagtail.rich_text import expand_db_html

from ..blocks import find_embed, image_renditions
from ..formats import iso, permalink

# The documented key order of an update in every output.
UPDATE_KEYS = (
    "id",
    "url",
    "headline",
    "posted_at",
    "updated_at",
    "pinned",
    "key_event",
    "author",
    "authors",
    "body",
)


def serialize_image(value, renditions: bool = True) -> dict[str, Any] | None:
    """An image block; ``renditions=False`` lists none (a draft's answer:
    renditions are made when the update is published, not on upload)."""
    image = value.get("image")
    if image is None:
        return None
    if renditions:
        picture = image_renditions(value)
    else:
        alt = value.get("alt") or getattr(image, "default_alt_text", "") or ""
        picture = {"alt": alt, "renditions": {}}
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


def serialize_embed(value) -> dict[str, Any] | None:
    """An embed: its link, the provider's HTML and what is known of it."""
    embed = find_embed(value)
    if embed is None:
        return None
    return {
        "url": value.url,
        "html": embed.html,
        "type": embed.type,
        "title": embed.title,
        "provider_name": embed.provider_name,
        "thumbnail_url": embed.thumbnail_url or None,
        "width": embed.width,
        "height": embed.height,
    }


def serialize_body(body, renditions: bool = True) -> list[dict[str, Any]]:
    items = []
    for child in body or []:
        if child.block_type == "text":
            value: Any = expand_db_html(child.value.source)
        elif child.block_type == "image":
            value = serialize_image(child.value, renditions)
            if value is None:
                continue
        elif child.block_type == "quote":
            value = {
                "text": child.value.get("text") or "",
                "attribution": child.value.get("attribution") or "",
            }
        elif child.block_type == "embed":
            value = serialize_embed(child.value)
            if value is None:
                continue
        else:  # a block type added by a site: its own API representation
            value = child.block.get_api_representation(child.value)
        items.append({"type": child.block_type, "id": child.id, "value": value})
    return items


def update_data(update: Any, renditions: bool = True) -> dict[str, Any]:
    """What is stored for an update at publish: every key but ``url``
    (``renditions=False``: images list no renditions, see
    ``serialize_image``)."""
    return {
        "id": str(update.id),
        "headline": update.headline,
        "posted_at": iso(update.posted_at),
        "updated_at": iso(update.updated_at),
        "pinned": update.pinned,
        "key_event": update.key_event,
        "author": update.byline,
        "authors": [{"name": name} for name in update.author_names],
        "body": serialize_body(update.body, renditions),
    }


def with_url(data: dict[str, Any], page_url: str) -> dict[str, Any]:
    """The stored data with ``url``, in the documented key order (the
    database need not keep the order of JSON keys: PostgreSQL does not)."""
    out = {"id": data["id"], "url": permalink(page_url, data["id"])}
    out.update((key, data[key]) for key in UPDATE_KEYS[2:] if key in data)
    out.update((key, value) for key, value in data.items() if key not in out)
    return out


def content_of(data: dict[str, Any]) -> tuple:
    """What an edit changes, from stored data: the headline, the byline and
    the body, without what only the rendering decides (image renditions,
    the provider's embed HTML)."""
    body = []
    for item in data.get("body") or []:
        value = item.get("value")
        if item.get("type") == "image" and isinstance(value, dict):
            value = {k: v for k, v in value.items() if k != "renditions"}
        elif item.get("type") == "embed" and isinstance(value, dict):
            value = value.get("url")
        body.append((item.get("type"), value))
    return (data.get("headline"), data.get("author"), body)
