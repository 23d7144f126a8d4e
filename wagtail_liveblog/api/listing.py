"""``GET liveblogs/``: the live blogs a request may read, newest first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import HttpResponse
from django.utils.translation import gettext as _
from wagtail.models import PageViewRestriction

from .. import conf
from ..models import LiveBlogTimeline
from ..views import BadParameter
from . import access, http, params

if TYPE_CHECKING:
    from .views import LiveBlogAPIViewSet

MAX_OFFSET = 2**31 - 1


def parse_offset(query) -> int:
    raw = (query.get("offset") or "0").strip()
    if not raw.isascii() or not raw.isdigit() or int(raw) > MAX_OFFSET:
        raise BadParameter(
            "offset",
            _("must be a whole number from 0 to %(max)s") % {"max": MAX_OFFSET},
        )
    return int(raw)


def listing_response(viewset: LiveBlogAPIViewSet) -> HttpResponse:
    request = viewset.request
    try:
        params.check_known(request.GET, ("limit", "offset"))
        limit = params.parse_limit(request.GET, conf.get("PAGE_SIZE"))
        offset = parse_offset(request.GET)
    except BadParameter as bad:
        return http.error(400, bad.message, bad.name)
    queryset = access.visible_liveblogs(request).order_by("-first_published_at", "-pk")
    total = queryset.count()
    pages = list(queryset.defer_streamfields().specific()[offset : offset + limit])
    versions = dict(
        LiveBlogTimeline.objects.filter(page_id__in=[p.pk for p in pages]).values_list(
            "page_id", "version"
        )
    )
    payload: dict[str, Any] = {
        "meta": {"total_count": total},
        "items": [
            {
                "id": page.pk,
                "title": page.title,
                "url": page.get_full_url(request) or "",
                "status": page.status,
                "version": versions.get(page.pk, 0),
                "detail_url": viewset.route_url("detail", page.pk),
                "updates_url": viewset.route_url("updates", page.pk),
            }
            for page in pages
        ],
    }
    # Restricted blogs the request may read make the listing personal.
    public = not any(
        restriction.accept_request(request)
        for restriction in PageViewRestriction.objects.all()
    )
    etag = http.make_etag("listing", http.query_key(request), payload)
    cached = http.not_modified(request, etag, public=public)
    if cached is not None:
        return cached
    return http.json_ok(request, payload, etag, public=public)
