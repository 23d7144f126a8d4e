"""The JSON poll route used by the reader script (``<page url>poll/``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from . import conf, http, timeline
from .params import BadParameter, parse_version


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
        if not request.GET.get("since"):
            raise BadParameter("since", _("is required"))
        since = parse_version(request.GET, "since", version)
    except BadParameter as bad:
        return http.error(400, bad.message, bad.name)
    # Everything the body depends on, POLL_INTERVAL included: a client that
    # only ever gets 304s still learns a changed interval.
    etag = http.make_etag(
        "poll", page.pk, version, since, page.status, conf.get("POLL_INTERVAL")
    )
    return http.conditional(
        request,
        etag,
        lambda: http.json_body(request, poll_payload(page, since, version)),
        public=http.is_public(page),
    )
