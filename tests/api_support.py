"""Helpers shared by the API tests."""

from __future__ import annotations

from urllib.parse import urlsplit

API = "/api/v2/liveblogs"


def get(client, url: str, **headers):
    """GET a full or relative URL through the test client."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return client.get(path, headers=headers)


def headlines(items: list[dict]) -> list[str]:
    return [item["headline"] for item in items]


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def permalink(page_url: str, update_id: str) -> str:
    return f"{page_url}?update={update_id}#update-{update_id}"
