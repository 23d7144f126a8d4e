"""Secrets and signatures, as the Standard Webhooks specification says.

A secret is ``whsec_`` and the base64 of 32 random bytes; those bytes are
the HMAC-SHA256 key. A delivery carries three headers:

- ``webhook-id``: the message's id, the same on every retry (receivers use
  it to ignore a message they already handled);
- ``webhook-timestamp``: when this attempt was signed (Unix seconds);
- ``webhook-signature``: ``v1,`` and the base64 HMAC-SHA256 of
  ``"{id}.{timestamp}.{body}"``.

Any Standard Webhooks library verifies them (``standardwebhooks``'s
``Webhook(secret).verify(body, headers)``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid

PREFIX = "whsec_"
KEY_BYTES = 32


def new_secret() -> str:
    return PREFIX + base64.b64encode(secrets.token_bytes(KEY_BYTES)).decode()


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


def signature(secret: str, message_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(PREFIX))
    signed = b"%s.%d.%s" % (message_id.encode(), timestamp, body)
    digest = hmac.new(key, signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def headers(secret: str, message_id: str, timestamp: int, body: bytes) -> dict:
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(secret, message_id, timestamp, body),
    }
