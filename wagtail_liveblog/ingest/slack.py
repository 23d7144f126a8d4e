"""Slack: the Events API receiver and the ``/liveblog`` slash command.

Every request is checked as Slack documents ("Verifying requests from
Slack"): ``X-Slack-Signature`` must be ``v0=`` + HMAC-SHA256 of
``v0:<X-Slack-Request-Timestamp>:<raw body>`` under the app's signing
secret, compared in constant time, and the timestamp within five minutes
of now; anything else is refused (403) before the body is read as JSON.
A signed request replayed within the window posts nothing new: each
message (``ts``) and each command (``trigger_id``) is posted once.

Events (subscribe the app to ``message.channels`` / ``message.groups``):
a new message posts an update, ``message_changed`` edits it,
``message_deleted`` removes it. Thread replies, bots' messages and
channels nobody connected are ignored (answered 200, so Slack does not
retry them).
"""

from __future__ import annotations

import hashlib
import hmac
import html
import logging
import re
import time
from typing import Any

from django.core.cache import cache
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..editing.images import image_file, max_upload_size
from . import conf
from .client import ServiceError, get_client
from .formatting import Line, Span, lines_from_spans
from .messages import (
    DRAFTED,
    DUPLICATE,
    IGNORED,
    POSTED,
    ChatMessage,
    Photo,
    delete_message,
    edit_message,
    find_connection,
    post_message,
)
from .models import SLACK
from .responses import NOT_POSTED, json_object, outcome, reasons, refuse

logger = logging.getLogger(__name__)

TOLERANCE = 5 * 60  # seconds between Slack's timestamp and now
FILES_HOST = "https://files.slack.com/"
USERS_INFO = "https://slack.com/api/users.info"
NAME_CACHE_SECONDS = 3600
POSTED_SUBTYPES = {None, "file_share", "thread_broadcast", "me_message"}


# -- verification -------------------------------------------------------------------


def verify(request: HttpRequest) -> HttpResponse | None:
    """None when the request is Slack's; else the response refusing it."""
    secrets = conf.secrets("SLACK_SIGNING_SECRET")
    if not secrets:
        return refuse(404, _("Slack ingest is not configured."))
    timestamp = request.headers.get("X-Slack-Request-Timestamp", "")
    signature = request.headers.get("X-Slack-Signature", "")
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12):
        return refuse(403, _("Missing or bad request timestamp."))
    if abs(time.time() - int(timestamp)) > TOLERANCE:
        return refuse(403, _("Stale request timestamp."))
    try:
        body = request.body
    except RequestDataTooBig:
        return refuse(413, _("The request is too large."))
    base = b"v0:" + timestamp.encode() + b":" + body
    given = signature.encode("utf-8", "replace")
    for secret in secrets:
        expected = "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
        if hmac.compare_digest(expected.encode(), given):
            return None
    return refuse(403, _("Bad request signature."))


# -- reading messages --------------------------------------------------------------

ANGLE = re.compile(r"<([^<>\n]+)>")
BOLD = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
ITALIC = re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
STRIKE_OR_CODE = re.compile(r"(?<![\w~`])([~`])(?=\S)([^~`\n]+?)(?<=\S)\1(?![\w~`])")


def _italics(text: str, bold: bool) -> list[Span]:
    spans, position = [], 0
    for match in ITALIC.finditer(text):
        if match.start() > position:
            spans.append(Span(text[position : match.start()], bold=bold))
        spans.append(Span(match.group(1), bold=bold, italic=True))
        position = match.end()
    if position < len(text):
        spans.append(Span(text[position:], bold=bold))
    return spans


def _styled(text: str) -> list[Span]:
    """``*bold*`` and ``_italic_`` (strike and code marks dropped)."""
    text = STRIKE_OR_CODE.sub(r"\2", text)
    spans, position = [], 0
    for match in BOLD.finditer(text):
        spans += _italics(text[position : match.start()], bold=False)
        spans += _italics(match.group(1), bold=True)
        position = match.end()
    return spans + _italics(text[position:], bold=False)


def mrkdwn_spans(text: str, user_name=None) -> list[Span]:
    """Slack's ``mrkdwn`` message text as styled spans: ``*bold*``,
    ``_italic_``, ``<url|label>`` links, ``<@U…>`` mentions."""
    spans: list[Span] = []
    position = 0
    for match in ANGLE.finditer(text):
        spans += _styled(html.unescape(text[position : match.start()]))
        target, _bar, label = match.group(1).partition("|")
        target, label = html.unescape(target), html.unescape(label)
        if target.startswith("@"):
            name = label or (user_name(target[1:]) if user_name else "") or "someone"
            spans.append(Span(f"@{name}"))
        elif target.startswith("#"):
            spans.append(Span(f"#{label or 'channel'}"))
        elif target.startswith("!"):
            spans.append(Span(label or "@" + target[1:].split("^", 1)[0]))
        else:
            shown = label or target.removeprefix("mailto:")
            spans.append(Span(shown, href=target))
        position = match.end()
    return spans + _styled(html.unescape(text[position:]))


def _emoji(element: dict[str, Any]) -> str:
    code = element.get("unicode") or ""
    try:
        return "".join(chr(int(part, 16)) for part in code.split("-") if part)
    except ValueError:
        return f":{element.get('name', '')}:"


def section_spans(elements: list[Any], user_name=None) -> list[Span]:
    """The inline elements of a ``rich_text`` block section as spans."""
    spans = []
    for element in elements:
        if not isinstance(element, dict):
            continue
        kind = element.get("type")
        style = element.get("style") or {}
        bold, italic = bool(style.get("bold")), bool(style.get("italic"))
        if kind == "text":
            spans.append(Span(str(element.get("text", "")), bold, italic))
        elif kind == "link":
            url = str(element.get("url", ""))
            spans.append(Span(str(element.get("text") or url), bold, italic, url))
        elif kind == "user":
            user_id = str(element.get("user_id", ""))
            name = (user_name(user_id) if user_name else "") or "someone"
            spans.append(Span(f"@{name}", bold, italic))
        elif kind == "emoji":
            spans.append(Span(_emoji(element), bold, italic))
        elif kind == "broadcast":
            spans.append(Span(f"@{element.get('range', 'here')}", bold, italic))
        elif kind == "channel":
            spans.append(Span("#channel", bold, italic))
        else:
            spans.append(
                Span(str(element.get("text") or element.get("fallback") or ""))
            )
    return spans


def block_lines(blocks: Any, user_name=None) -> list[Line] | None:
    """Lines from the message's ``rich_text`` blocks; None without any."""
    if not isinstance(blocks, list):
        return None
    rich = [b for b in blocks if isinstance(b, dict) and b.get("type") == "rich_text"]
    if not rich:
        return None
    lines: list[Line] = []
    for block in rich:
        for element in block.get("elements") or []:
            if not isinstance(element, dict):
                continue
            kind = element.get("type")
            if kind == "rich_text_list":
                style = "ol" if element.get("style") == "ordered" else "ul"
                for item in element.get("elements") or []:
                    spans = section_spans((item or {}).get("elements") or [], user_name)
                    for span in spans:
                        span.text = span.text.replace("\n", " ")
                    lines.append(Line(spans, style))
                lines.append(Line([]))
            elif kind in (
                "rich_text_section",
                "rich_text_quote",
                "rich_text_preformatted",
            ):
                lines += lines_from_spans(
                    section_spans(element.get("elements") or [], user_name)
                )
    return lines


def user_name(user_id: str) -> str:
    """A Slack user's display name (``users:read``), cached; "" if unknown."""
    token = conf.get("SLACK_BOT_TOKEN")
    if not token or not re.fullmatch(r"[A-Z0-9]{2,32}", user_id or ""):
        return ""
    key = f"wagtail_liveblog_ingest:slack_user:{user_id}"
    name = cache.get(key)
    if name is None:
        try:
            answer = get_client().get_json(
                USERS_INFO,
                params={"user": user_id},
                headers={"Authorization": f"Bearer {token}"},
            )
        except ServiceError as error:
            logger.warning("Slack user %s not looked up: %s", user_id, error)
            return ""
        user = answer.get("user") if answer.get("ok") else None
        profile = (user or {}).get("profile") or {}
        name = (
            profile.get("real_name")
            or profile.get("display_name")
            or (user or {}).get("real_name")
            or ""
        )
        cache.set(key, name, NAME_CACHE_SECONDS)
    return name


def sender_name(event: dict[str, Any]) -> str:
    profile = event.get("user_profile") or {}
    return str(
        profile.get("real_name")
        or profile.get("display_name")
        or user_name(str(event.get("user") or ""))
        or ""
    )


def fetch_file(file: dict[str, Any]):
    """Download a Slack file (``files:read``) as an upload."""
    url = str(file.get("url_private_download") or file.get("url_private") or "")
    if not url.startswith(FILES_HOST):
        raise ServiceError("The file is not on files.slack.com.")
    token = conf.get("SLACK_BOT_TOKEN")
    if not token:
        raise ServiceError("SLACK_BOT_TOKEN is not set: photos cannot be fetched.")
    content, content_type = get_client().download(
        url, headers={"Authorization": f"Bearer {token}"}, max_bytes=max_upload_size()
    )
    if not content_type.startswith("image/"):
        raise ServiceError("Slack sent no picture (does the app have files:read?).")
    name = str(file.get("name") or file.get("id") or "photo")
    return image_file(content, name, content_type)


def read_message(event: dict[str, Any]) -> ChatMessage:
    """A Slack message event (or the ``message`` of ``message_changed``)."""
    lines = block_lines(event.get("blocks"), user_name)
    if lines is None:
        lines = lines_from_spans(mrkdwn_spans(str(event.get("text") or ""), user_name))
    photos = []
    for file in event.get("files") or []:
        if not isinstance(file, dict) or file.get("mode") == "tombstone":
            continue
        if not str(file.get("mimetype", "")).startswith("image/"):
            continue
        photos.append(
            Photo(
                key=str(file.get("id")),
                fetch=lambda file=file: fetch_file(file),
                alt=str(file.get("alt_txt") or ""),
            )
        )
    return ChatMessage(
        key=str(event.get("ts")), lines=lines, sender=sender_name(event), photos=photos
    )


def _is_ours_to_post(message: dict[str, Any]) -> bool:
    if message.get("bot_id") or message.get("subtype") == "bot_message":
        return False
    thread = message.get("thread_ts")
    if thread and thread != message.get("ts") and message.get("subtype") is None:
        return False  # a reply in a thread: the desk's discussion
    return bool(message.get("ts"))


def handle_event(event: dict[str, Any]) -> str:
    if event.get("type") != "message":
        return IGNORED
    connection = find_connection(SLACK, event.get("channel"))
    if connection is None:
        logger.info("Slack message from a channel not connected; ignored")
        return IGNORED
    subtype = event.get("subtype")
    if subtype == "message_deleted":
        return delete_message(connection, str(event.get("deleted_ts")))
    if subtype == "message_changed":
        inner = event.get("message") or {}
        if not isinstance(inner, dict) or not _is_ours_to_post(inner):
            return IGNORED
        return edit_message(connection, read_message(inner))
    if subtype in POSTED_SUBTYPES and _is_ours_to_post(event):
        return post_message(connection, read_message(event))
    return IGNORED


# -- views ------------------------------------------------------------------------


@csrf_exempt
@require_POST
def events(request: HttpRequest) -> HttpResponse:
    refusal = verify(request)
    if refusal is not None:
        return refusal
    payload = json_object(request)
    if isinstance(payload, HttpResponse):
        return payload
    if payload.get("type") == "url_verification":
        return JsonResponse({"challenge": str(payload.get("challenge", ""))})
    event = payload.get("event")
    if payload.get("type") != "event_callback" or not isinstance(event, dict):
        return JsonResponse({"ok": True, "result": IGNORED})
    return outcome("Slack", lambda: handle_event(event), logger)


def _reply(text: str) -> JsonResponse:
    return JsonResponse({"response_type": "ephemeral", "text": text})


@csrf_exempt
@require_POST
def command(request: HttpRequest) -> HttpResponse:
    """``/liveblog <text>``: post the text to the channel's blog."""
    refusal = verify(request)
    if refusal is not None:
        return refusal
    form = request.POST
    if form.get("ssl_check"):
        return HttpResponse()
    connection = find_connection(SLACK, form.get("channel_id"))
    if connection is None:
        return _reply(_("This channel is not connected to a live blog."))
    text = (form.get("text") or "").strip()
    if not text:
        return _reply(_("Write the update after the command: /liveblog Text…"))
    user_id = str(form.get("user_id") or "")
    trigger = form.get("trigger_id") or hashlib.sha256(request.body).hexdigest()
    message = ChatMessage(
        key=f"command:{trigger}"[:128],
        lines=lines_from_spans(mrkdwn_spans(text, user_name)),
        sender=user_name(user_id) or str(form.get("user_name") or ""),
    )
    try:
        result = post_message(connection, message)
    except NOT_POSTED as error:
        return _reply(
            _("Not posted: %(reason)s") % {"reason": " ".join(reasons(error))}
        )
    title = connection.blog.title
    replies = {
        POSTED: _("Posted to “%(blog)s”."),
        DRAFTED: _("Saved as a draft in “%(blog)s”, for an editor to publish."),
        DUPLICATE: _("Already posted to “%(blog)s”."),
    }
    return _reply(replies.get(result, _("Nothing to post.")) % {"blog": title})
