"""Telegram: the bot's webhook.

Telegram sends each request with the ``X-Telegram-Bot-Api-Secret-Token``
header holding the ``secret_token`` the site gave ``setWebhook``; it is
compared in constant time and anything else is refused (403).

Updates read: ``message`` and ``channel_post`` post (text with its
formatting entities, a photo with its caption); ``edited_message`` and
``edited_channel_post`` edit. Telegram does not tell bots when a message
is deleted, so a reply ``/delete`` to a message removes its update (and
``deleted_business_messages`` are followed for business chats). In a group
where the bot only sees commands (privacy mode), ``/post <text>`` posts.
Chats nobody connected, bots' messages and other commands are ignored
(answered 200, so Telegram does not retry them).
"""

from __future__ import annotations

import hmac
import logging
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..editing.images import image_file, max_upload_size
from . import conf
from .client import ServiceError, get_client
from .formatting import Span, lines_from_spans
from .messages import (
    IGNORED,
    ChatMessage,
    Photo,
    delete_message,
    edit_message,
    find_connection,
    post_message,
)
from .models import TELEGRAM
from .responses import json_object, outcome, refuse

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name
API = "https://api.telegram.org"
DELETE_COMMANDS = {"/delete", "/remove"}
POST_COMMAND = "/post"


def verify(request: HttpRequest) -> HttpResponse | None:
    secrets = conf.secrets("TELEGRAM_WEBHOOK_SECRET")
    if not secrets:
        return refuse(404, _("Telegram ingest is not configured."))
    given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
    if any(hmac.compare_digest(secret.encode(), given) for secret in secrets):
        return None
    return refuse(403, _("Bad secret token."))


# -- reading messages --------------------------------------------------------------


def entity_spans(text: str, entities: Any) -> list[Span]:
    """Text with Telegram's formatting entities as styled spans.

    Entity offsets count UTF-16 code units (an emoji outside the Basic
    Multilingual Plane counts two), not Python characters.
    """
    starts = []  # UTF-16 offset → index in ``text``
    for index, char in enumerate(text):
        starts.append(index)
        if ord(char) > 0xFFFF:
            starts.append(index)
    starts.append(len(text))

    def at(offset: Any) -> int:
        if not isinstance(offset, int) or offset < 0:
            return 0
        return starts[offset] if offset < len(starts) else len(text)

    bold = [False] * len(text)
    italic = [False] * len(text)
    href: list[str | None] = [None] * len(text)
    for entity in entities if isinstance(entities, list) else []:
        if not isinstance(entity, dict):
            continue
        start = at(entity.get("offset"))
        end = at((entity.get("offset") or 0) + (entity.get("length") or 0))
        kind = entity.get("type")
        for index in range(start, end):
            if kind == "bold":
                bold[index] = True
            elif kind == "italic":
                italic[index] = True
        if kind == "text_link":
            link = str(entity.get("url") or "")
        elif kind == "url":
            link = text[start:end]
            link = link if "://" in link else f"http://{link}"
        elif kind == "email":
            link = f"mailto:{text[start:end]}"
        else:
            continue
        for index in range(start, end):
            href[index] = link
    spans: list[Span] = []
    for index, char in enumerate(text):
        style = (bold[index], italic[index], href[index])
        last = spans[-1] if spans else None
        if last is not None and (last.bold, last.italic, last.href) == style:
            last.text += char
        else:
            spans.append(Span(char, *style))
    return spans


def sender_name(message: dict[str, Any]) -> str:
    person = message.get("from") or {}
    if isinstance(person, dict) and not message.get("sender_chat"):
        name = " ".join(
            str(person.get(key) or "") for key in ("first_name", "last_name")
        ).strip()
        if name:
            return name
    chat = message.get("sender_chat") or message.get("chat") or {}
    return str(message.get("author_signature") or chat.get("title") or "").strip()


def fetch_file(file_id: str, name: str = "photo"):
    """Download a file the bot received (getFile, then the file URL)."""
    token = conf.get("TELEGRAM_BOT_TOKEN")
    if not token:
        raise ServiceError("TELEGRAM_BOT_TOKEN is not set: photos cannot be fetched.")
    client = get_client()
    answer = client.get_json(f"{API}/bot{token}/getFile", params={"file_id": file_id})
    path = ((answer or {}).get("result") or {}).get("file_path")
    if not answer.get("ok") or not isinstance(path, str) or ".." in path:
        raise ServiceError("Telegram did not give the photo's file.")
    content, content_type = client.download(
        f"{API}/file/bot{token}/{path}", max_bytes=max_upload_size()
    )
    return image_file(content, path.rsplit("/", 1)[-1] or name, content_type)


def _photos(message: dict[str, Any]) -> list[Photo]:
    photos = []
    sizes = [p for p in message.get("photo") or [] if isinstance(p, dict)]
    limit = max_upload_size()
    fitting = [p for p in sizes if (p.get("file_size") or 0) <= limit]
    if fitting:
        largest = max(
            fitting, key=lambda p: (p.get("width") or 0) * (p.get("height") or 0)
        )
        photos.append(
            Photo(
                key=str(largest.get("file_unique_id") or largest.get("file_id")),
                fetch=lambda p=largest: fetch_file(str(p.get("file_id"))),
            )
        )
    document = message.get("document") or {}
    if isinstance(document, dict) and str(document.get("mime_type", "")).startswith(
        "image/"
    ):
        photos.append(
            Photo(
                key=str(document.get("file_unique_id") or document.get("file_id")),
                fetch=lambda d=document: fetch_file(
                    str(d.get("file_id")), str(d.get("file_name") or "photo")
                ),
            )
        )
    return photos


def read_message(message: dict[str, Any], skip: int = 0) -> ChatMessage:
    """A Telegram message; ``skip`` UTF-16 units dropped from the start of
    its text (a ``/post`` command)."""
    text = str(message.get("text") or message.get("caption") or "")
    entities = message.get("entities") or message.get("caption_entities") or []
    spans = entity_spans(text, entities)
    if skip:
        spans = _drop(spans, _python_index(text, skip))
    return ChatMessage(
        key=str(message.get("message_id")),
        lines=lines_from_spans(spans),
        sender=sender_name(message),
        photos=_photos(message),
    )


def _python_index(text: str, units: int) -> int:
    count = 0
    for index, char in enumerate(text):
        if count >= units:
            return index
        count += 2 if ord(char) > 0xFFFF else 1
    return len(text)


def _drop(spans: list[Span], count: int) -> list[Span]:
    out = []
    for span in spans:
        if count >= len(span.text):
            count -= len(span.text)
            continue
        text = span.text[count:]
        out.append(Span(text if out else text.lstrip(" "), *_style(span)))
        count = 0
    return out


def _style(span: Span) -> tuple[bool, bool, str | None]:
    return span.bold, span.italic, span.href


def _command(message: dict[str, Any]) -> tuple[str, int] | None:
    """The bot command the message starts with, and its length."""
    for entity in message.get("entities") or []:
        if (
            isinstance(entity, dict)
            and entity.get("type") == "bot_command"
            and entity.get("offset") == 0
        ):
            length = entity.get("length") or 0
            name = str(message.get("text") or "")[:length].split("@", 1)[0].lower()
            return name, length
    return None


def handle_message(message: dict[str, Any], edited: bool = False) -> str:
    connection = find_connection(TELEGRAM, (message.get("chat") or {}).get("id"))
    if connection is None:
        logger.info("Telegram message from a chat not connected; ignored")
        return IGNORED
    if (message.get("from") or {}).get("is_bot") or message.get("via_bot"):
        return IGNORED
    command = _command(message)
    if command is not None:
        name, length = command
        if name in DELETE_COMMANDS and not edited:
            target = message.get("reply_to_message") or {}
            if "message_id" not in target:
                return IGNORED
            return delete_message(connection, str(target["message_id"]))
        if name != POST_COMMAND:
            return IGNORED
        chat_message = read_message(message, skip=length)
    else:
        chat_message = read_message(message)
    if edited:
        return edit_message(connection, chat_message)
    return post_message(connection, chat_message)


def handle_update(update: dict[str, Any]) -> str:
    for kind, edited in (
        ("message", False),
        ("channel_post", False),
        ("edited_message", True),
        ("edited_channel_post", True),
    ):
        message = update.get(kind)
        if isinstance(message, dict):
            return handle_message(message, edited=edited)
    deleted = update.get("deleted_business_messages")
    if isinstance(deleted, dict):
        connection = find_connection(TELEGRAM, (deleted.get("chat") or {}).get("id"))
        if connection is None:
            return IGNORED
        results = [
            delete_message(connection, str(message_id))
            for message_id in deleted.get("message_ids") or []
        ]
        return results[-1] if results else IGNORED
    return IGNORED


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> HttpResponse:
    refusal = verify(request)
    if refusal is not None:
        return refusal
    update = json_object(request)
    if isinstance(update, HttpResponse):
        return update
    return outcome("Telegram", lambda: handle_update(update), logger)
