"""Wagtail API support.

- API v2: ``LiveBlogAPIViewSet`` (``api/v2/``), the read-only ``liveblogs``
  endpoint a site registers on its router;
- API v3 (Wagtail 8): ``wagtail_liveblog.api.v3.router``.
"""

from __future__ import annotations

from typing import Any


def __getattr__(name: str) -> Any:
    # Imported on first use: the page model imports ``api.v2.fields`` while
    # Django loads models, before the endpoint (which imports models) can be.
    if name == "LiveBlogAPIViewSet":
        from .v2.views import LiveBlogAPIViewSet

        return LiveBlogAPIViewSet
    raise AttributeError(name)


__all__ = ["LiveBlogAPIViewSet"]
