"""``Idempotency-Key`` on ``POST …/updates/``: a retried post never doubles.

A client sends a key of its choice (a UUID is best) with a post, and the
same key when it retries. The first post that succeeds stores its answer
(``LiveBlogIdempotencyKey``) in the transaction that creates the update, so
either both exist or neither does:

- the same key again, with the same request: the stored answer, with
  ``Idempotent-Replayed: true``, and nothing posted;
- the same key with a different request (another blog, other fields,
  other files): 422, nothing posted;
- two identical requests at the same moment: the unique key lets one
  commit; the other's work is rolled back and it answers as a retry.

A post that fails stores nothing, so the client may fix it and retry with
the same key. Keys are per user and kept for ``RETENTION`` (24 hours).
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _

from ...models.idempotency import LiveBlogIdempotencyKey
from .errors import invalid

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"


class KeyTaken(Exception):
    """Another request with this key committed first."""


def fingerprint(blog_id: int, data: dict[str, Any], files: MultiValueDict) -> str:
    """SHA-256 of what the request asks for: blog, fields and file contents."""
    digest = hashlib.sha256()
    digest.update(
        json.dumps(
            {"blog": blog_id, "data": data}, sort_keys=True, default=str
        ).encode()
    )
    for name in sorted(files):
        for upload in files.getlist(name):
            digest.update(b"\x00" + name.encode() + b"\x00")
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


def previous(user, key: str) -> LiveBlogIdempotencyKey | None:
    row = LiveBlogIdempotencyKey.objects.filter(user=user, key=key).first()
    if row is None or row.expired:
        return None
    return row


def replay(row: LiveBlogIdempotencyKey, request_fingerprint: str) -> HttpResponse:
    """The stored answer; 422 when the key was used for another request."""
    if row.fingerprint != request_fingerprint:
        raise invalid(
            [
                (
                    ("header", HEADER),
                    _(
                        "This Idempotency-Key was used for a different request. "
                        "Send a new key with each new update."
                    ),
                    "idempotency_key_reused",
                )
            ]
        )
    response = HttpResponse(
        row.body, status=row.status, content_type="application/json"
    )
    response[REPLAYED_HEADER] = "true"
    patch_cache_control(response, no_store=True)
    return response


def remember(
    user,
    key: str,
    blog_id: int,
    request_fingerprint: str,
    status: int,
    body: str,
) -> None:
    """Store the answer, inside the post's transaction; ``KeyTaken`` when
    another request with the key got there first."""
    LiveBlogIdempotencyKey.purge_expired()
    try:
        with transaction.atomic():
            LiveBlogIdempotencyKey.objects.create(
                user=user,
                key=key,
                blog_id=blog_id,
                fingerprint=request_fingerprint,
                status=status,
                body=body,
            )
    except IntegrityError:
        raise KeyTaken from None
