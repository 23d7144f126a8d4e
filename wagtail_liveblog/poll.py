"""The JSON poll route used by the reader script (``<page url>poll/``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_vary_headers

from . import conf, timeline
from .views import BadParameter, apply_cache_headers, parse_version


def etag_matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    candidates = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in candidates or "*" in candidates


def poll_payload(page, since: int, version: int) -> dict:
    limit = conf.get("MAX_PAGE_SIZE")
    payload: dict = {
        "meta": {
            "version": version,
            "status": page.status,
            "poll_interval": conf.get("POLL_INTERVAL"),
            "reset": False,
        },
        "items": [],
        "deleted": [],
    }
    if since == version:
        return payload
    changed, deleted = timeline.changes_since(page.pk, since, limit=limit + 1)
    if len(changed) > limit or len(deleted) > limit:
        # Too far behind to patch in place: the script reloads the latest.
        payload["meta"]["reset"] = True
        return payload
    payload["items"] = [
        {
            "id": str(entry.update_id),
            "posted_at": entry.data.get("posted_at"),
            "updated_at": entry.data.get("updated_at"),
            "headline": entry.headline,
            "pinned": entry.pinned,
            "key_event": entry.key_event,
            "html": entry.html,
        }
        for entry in changed
    ]
    payload["deleted"] = [str(entry.update_id) for entry in deleted]
    return payload


def poll_response(page, request: HttpRequest) -> HttpResponse:
    version = timeline.current_version(page.pk)
    try:
        since = parse_version(request, "since", version)
    except BadParameter as error:
        return JsonResponse(
            {"message": error.message, "parameter": error.name}, status=400
        )
    etag = f'"lbp-{page.pk}-{version}-{since}-{page.status}"'
    if etag_matches(request, etag):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = JsonResponse(poll_payload(page, since, version))
    response["ETag"] = etag
    apply_cache_headers(page, response)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response
