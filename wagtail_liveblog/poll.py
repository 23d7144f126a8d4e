"""The JSON poll route used by the reader script (``<page url>poll/``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from . import conf, fastpoll, http, timeline
from .params import BadParameter, parse_version


def poll_payload(page, since: int, version: int) -> dict:
    limit = conf.get("MAX_PAGE_SIZE")
    payload = unchanged_payload(version, page.status)
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


def poll_etag(page_id: int, version: int, since: int, status: str) -> str:
    # Everything the body depends on, POLL_INTERVAL included: a client that
    # only ever gets 304s still learns a changed interval.
    return http.make_etag(
        "poll", page_id, version, since, status, conf.get("POLL_INTERVAL")
    )


def unchanged_payload(version: int, status: str) -> dict:
    """The answer to a poll that is up to date (``since`` == ``version``)."""
    return {
        "meta": {
            "version": version,
            "status": status,
            "poll_interval": conf.get("POLL_INTERVAL"),
            "reset": False,
        },
        "items": [],
        "deleted": [],
    }


def poll_response(page, request: HttpRequest) -> HttpResponse:
    version = timeline.current_version(page.pk)
    try:
        if not request.GET.get("since"):
            raise BadParameter("since", _("is required"))
        since = parse_version(request.GET, "since", version)
    except BadParameter as bad:
        return http.error(400, bad.message, bad.name)
    public = http.is_public(page)
    if public:
        # Lets LiveBlogPollMiddleware answer this URL's up-to-date polls
        # without routing (fastpoll.py).
        fastpoll.remember(request, page)
    return http.conditional(
        request,
        poll_etag(page.pk, version, since, page.status),
        lambda: http.json_body(request, poll_payload(page, since, version)),
        public=public,
    )
