"""Helpers shared by the API tests."""

from __future__ import annotations

from urllib.parse import urlsplit

API = "/api/v2/liveblogs"
PAGES = "/api/v2/pages"
NOT_FOUND = {"message": "Not found."}


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


# -- the blog's state, read from the models, and changes made as an editor ----


def version(page) -> int:
    """The blog's current version (an alias reads its source's)."""
    from wagtail_liveblog.models.timeline import current_version

    return current_version(getattr(page, "liveblog_id", None) or page.pk)


def update_ids(page) -> list[str]:
    """The ids of the blog's published updates, newest first."""
    from tests.factories import published_updates

    return [str(update.id) for update in published_updates(page)]


def edit(page, update_id: str, **changes) -> None:
    """Change an update through the editing API, as an editor."""
    from tests.factories import editor
    from wagtail_liveblog import editing

    editing.edit_update(page, update_id, user=editor(), **changes)


def remove(page, update_id: str) -> None:
    """Delete an update through the editing API, as an editor."""
    from tests.factories import editor
    from wagtail_liveblog import editing

    editing.remove_update(page, update_id, user=editor())


def row(update_id: str):
    """The ``LiveBlogUpdate`` row of an update."""
    from wagtail_liveblog.models import LiveBlogUpdate

    return LiveBlogUpdate.objects.get(pk=update_id)


def all_routes(page_id: int, update_id: str) -> list[str]:
    """Every ``liveblogs`` route that shows a blog's data or one update."""
    return [
        f"{API}/{page_id}/",
        f"{API}/{page_id}/updates/",
        f"{API}/{page_id}/updates/?since=0",
        f"{API}/{page_id}/updates/?before={update_id}",
        f"{API}/{page_id}/updates/{update_id}/",
    ]


def everything_served(client, page_id: int) -> str:
    """Every byte a reader can get about a blog through either API."""
    return "\n".join(
        client.get(url).content.decode()
        for url in (
            f"{API}/",
            f"{API}/{page_id}/",
            f"{API}/{page_id}/updates/",
            f"{API}/{page_id}/updates/?since=0",
            f"{API}/{page_id}/updates/?since=0&limit=100",
            f"{PAGES}/{page_id}/",
            f"{PAGES}/?type=wagtail_liveblog.LiveBlogPage&fields=*",
        )
    )
