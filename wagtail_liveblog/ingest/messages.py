"""One chat message → one update, the same way for every service.

``slack.py`` and ``telegram.py`` read their service's payloads into a
:class:`ChatMessage`: lines of styled text (bold, italic, links), the
sender's name and the photos. From there this module decides the update:

- the text becomes one text block (its HTML: ``formatting.py``):
  paragraphs (blank lines), line breaks, bullet and numbered lists, bold,
  italic and links kept;
- a first line that is all bold becomes the headline (if it is no longer
  than ``MAX_HEADLINE_LENGTH``);
- with photos, a line "Credit: …" is their credit (else the sender's name);
- one photo with a short text: an image block with the text as its
  caption; otherwise the text block, then one image block per photo;
- the byline is the sender's name.

Every write goes through ``wagtail_liveblog.editing`` as the connection's
user, so permissions, validation and history are the desk's. Each
message remembers its update (``IngestedMessage``): an edited message
edits it, a deleted message removes it, a message delivered twice (Slack
and Telegram retry) is posted once.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from .. import conf, editing
from ..access import chat
from ..db import retry_when_locked, write_transaction
from ..editing.images import create_image, files_removed_on_error
from ..models.authors import user_name
from .formatting import Line, plain, to_html
from .models import ChatConnection, IngestedMessage

logger = logging.getLogger(__name__)

CAPTION_LENGTH = 500  # ImageWithCreditBlock.caption's max_length
NAME_LENGTH = 255  # credits and bylines (their fields' max_length)
CREDIT_LINE = re.compile(r"^\s*credit\s*:\s*(?P<credit>.+?)\s*$", re.IGNORECASE)

# What happened to a message, for logs and replies.
POSTED, DRAFTED, EDITED, REMOVED = "posted", "drafted", "edited", "removed"
DUPLICATE, IGNORED = "duplicate", "ignored"


@dataclass
class Photo:
    # The service's stable id of the file (an edit sends the same photo again).
    key: str
    fetch: Callable[[], UploadedFile]
    alt: str = ""


@dataclass
class ChatMessage:
    # The message's id in its chat.
    key: str
    lines: list[Line] = field(default_factory=list)
    sender: str = ""
    photos: list[Photo] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.photos and all(line.blank for line in self.lines)


@dataclass
class Composed:
    headline: str
    html: str
    caption: str
    credit: str


def compose(message: ChatMessage, photos: int) -> Composed:
    """The update's parts, for a message whose ``photos`` pictures arrived."""
    lines = list(message.lines)
    credit = ""
    for line in lines if message.photos else []:
        match = CREDIT_LINE.match(line.text)
        if match:
            credit = match.group("credit")[:NAME_LENGTH]
            lines.remove(line)
            break
    while lines and lines[0].blank:
        lines.pop(0)
    headline = ""
    if lines and lines[0].kind == "p" and lines[0].bold:
        candidate = " ".join(lines[0].text.split())
        if len(candidate) <= conf.get("MAX_HEADLINE_LENGTH"):
            headline = candidate
            lines.pop(0)
    caption = ""
    text = plain(lines)
    if photos == 1 and len(text) <= CAPTION_LENGTH:
        caption, lines = text, []
    return Composed(headline, to_html(lines), caption, credit)


def _body(
    composed: Composed,
    message: ChatMessage,
    images: dict[str, int],
    credit: str,
) -> list[dict[str, Any]]:
    body: list[dict[str, Any]] = []
    if composed.html:
        body.append({"type": "text", "value": composed.html})
    for photo in message.photos:
        if photo.key not in images:
            continue
        body.append(
            {
                "type": "image",
                "value": {
                    "image": images[photo.key],
                    "caption": composed.caption or "",
                    "credit": credit,
                    "alt": photo.alt[:500],
                },
            }
        )
    return body


def _credit(composed: Composed, message: ChatMessage, connection) -> str:
    return (
        composed.credit
        or message.sender
        or user_name(connection.user)
        or connection.get_service_display()
    )[:NAME_LENGTH]


def _authors(message: ChatMessage, connection) -> list:
    """Who an update from a chat credits: the message's sender by name, or
    the connection's user."""
    sender = message.sender.strip()[:NAME_LENGTH]
    return [{"name": sender}] if sender else [connection.user]


def _fetch(photos: list[Photo]) -> list[tuple[Photo, UploadedFile]]:
    """Download the photos, before any transaction opens (network time must
    not hold the blog's write lock). A photo that fails is left out."""
    fetched = []
    for photo in photos:
        try:
            fetched.append((photo, photo.fetch()))
        except Exception as error:
            logger.warning("Chat photo %s not fetched: %s", photo.key, error)
    return fetched


def _add_images(connection, fetched, created: list) -> dict[str, int]:
    """The fetched photos into the image library (neutral titles: the
    caption stays in the update)."""
    images = {}
    for photo, upload in fetched:
        upload.seek(0)
        image = create_image(connection.user, upload)
        created.append(image)
        images[photo.key] = image.pk
    return images


class _Duplicate(Exception):
    pass


def post_message(connection: ChatConnection, message: ChatMessage) -> str:
    """Post a new message; what happened (``POSTED``, ``DRAFTED``, …).

    ``ValidationError`` / ``PermissionDenied`` from the editing API pass
    through for the receiver to report.
    """
    if message.empty:
        return IGNORED
    check_connection(connection)
    if IngestedMessage.objects.filter(
        connection=connection, message=message.key
    ).exists():
        return DUPLICATE
    fetched = _fetch(message.photos)
    composed = compose(message, len(fetched))
    if not fetched and not composed.html and not composed.headline:
        return IGNORED
    credit = _credit(composed, message, connection)

    def write() -> None:
        with write_transaction(), files_removed_on_error() as created:
            try:
                with transaction.atomic():
                    record = IngestedMessage.objects.create(
                        connection=connection, message=message.key
                    )
            except IntegrityError:
                raise _Duplicate from None
            images = _add_images(connection, fetched, created)
            record.update_id = editing.post_update(
                connection.blog,
                user=connection.user,
                headline=composed.headline,
                body=_body(composed, message, images, credit),
                authors=_authors(message, connection),
                publish=connection.publish,
            )
            record.images = images
            record.save(update_fields=["update_id", "images"])

    try:
        retry_when_locked(write)
    except _Duplicate:
        return DUPLICATE
    return POSTED if connection.publish else DRAFTED


def edit_message(connection: ChatConnection, message: ChatMessage) -> str:
    """Carry an edited message into its update (``IGNORED`` if it has none)."""
    record = IngestedMessage.objects.filter(
        connection=connection, message=message.key
    ).first()
    if record is None or record.update_id is None:
        return IGNORED
    check_connection(connection)
    known = {key: int(pk) for key, pk in (record.images or {}).items()}
    fetched = _fetch([photo for photo in message.photos if photo.key not in known])
    arrived = len(fetched) + sum(photo.key in known for photo in message.photos)
    composed = compose(message, arrived)
    credit = _credit(composed, message, connection)

    def write() -> None:
        with write_transaction(), files_removed_on_error() as created:
            added = _add_images(connection, fetched, created)
            images = {**known, **added}
            editing.edit_update(
                connection.blog,
                record.update_id,
                user=connection.user,
                headline=composed.headline,
                body=_body(composed, message, images, credit),
                authors=_authors(message, connection),
            )
            record.images = {
                photo.key: images[photo.key]
                for photo in message.photos
                if photo.key in images
            }
            record.save(update_fields=["images"])

    try:
        retry_when_locked(write)
    except editing.UpdateNotFound:
        record.delete()  # removed on the desk meanwhile
        return IGNORED
    return EDITED


def delete_message(connection: ChatConnection, key: str) -> str:
    """Remove the update a deleted message became."""
    record = IngestedMessage.objects.filter(connection=connection, message=key).first()
    if record is None:
        return IGNORED
    check_connection(connection)
    if record.update_id is not None:
        try:
            editing.remove_update(
                connection.blog, record.update_id, user=connection.user
            )
        except editing.UpdateNotFound:
            pass
    record.delete()
    return REMOVED


def find_connection(service: str, channel: Any) -> ChatConnection | None:
    """The enabled connection of a channel, with its blog and user; None for
    a channel nobody connected (its messages are ignored)."""
    if channel in (None, ""):
        return None
    return (
        ChatConnection.objects.select_related("user")
        .filter(service=service, channel=str(channel).strip(), enabled=True)
        .first()
    )


def check_connection(connection: ChatConnection) -> None:
    """``PermissionDenied`` unless the connection may post now: checked at
    every message, so a connection stops once its user leaves or loses the
    right (``access/chat.py``)."""
    if not chat.connection_allowed(connection):
        raise PermissionDenied(
            _("Chat connection %(name)s may no longer post: %(user)s may not.")
            % {"name": connection.name, "user": connection.user}
        )
