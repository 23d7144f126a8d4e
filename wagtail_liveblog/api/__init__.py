"""Wagtail API support: the ``liveblogs`` endpoint and page-endpoint fields."""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # Imported lazily so that ``wagtail_liveblog.api.serializers`` can be used
    # while apps are loading.
    if name == "LiveBlogAPIViewSet":
        from .views import LiveBlogAPIViewSet

        return LiveBlogAPIViewSet
    raise AttributeError(name)


__all__ = ["LiveBlogAPIViewSet"]
