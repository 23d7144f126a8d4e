"""The read routes of API v3: API v2's own views, answering with v3 links.

API v3 reads the same data as API v2 by running the same code: the
``liveblogs`` endpoint's views (parameters, privacy through
``api/v2/access.py``, the change feed, ETags and ``Cache-Control``), with
only the links (``updates_url``, ``meta.next``, ``detail_url``) pointing at
the v3 routes and errors in Wagtail's v3 problem format.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _

from ..v2.views import LiveBlogAPIViewSet

#: v2 route name → (v3 URL name, its path parameters).
ROUTES: dict[str, tuple[str, tuple[str, ...]]] = {
    "listing": ("liveblogs_list", ()),
    "detail": ("liveblogs_detail", ("page_id",)),
    "updates": ("liveblogs_updates", ("page_id",)),
    "update": ("liveblogs_update", ("page_id", "update_id")),
}


def v3_path(request: HttpRequest, name: str, *args: Any) -> str:
    """The path of a v3 route, in the namespace the API is mounted under."""
    url_name, params = ROUTES[name]
    namespace = request.resolver_match.namespace if request.resolver_match else ""
    return reverse(
        f"{namespace}:{url_name}" if namespace else url_name,
        kwargs=dict(zip(params, args, strict=True)),
    )


class LiveBlogV3Reads(LiveBlogAPIViewSet):
    def route_url(
        self, name: str, *args: Any, query: dict[str, Any] | None = None
    ) -> str:
        return self.full_url(v3_path(self.request, name, *args), query)

    def etag(self, page, version: int, route: str, *extra: Any) -> str:
        return super().etag(page, version, f"v3:{route}", *extra)

    def not_found(self):
        raise Http404(_("Not found."))
