"""The one way out to Slack and Telegram: JSON calls and photo downloads.

Everything ingest asks of a service goes through :func:`get_client`,
whose class is the ``CLIENT`` setting, so tests replace it with a local
fake and never touch the network. The real client uses the standard
library, HTTPS only, with a timeout and a size limit on downloads. Its
errors never carry URLs or headers: Telegram puts the bot token in its
URLs, Slack's goes in a header.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Protocol

from django.utils.module_loading import import_string

from . import conf

CHUNK = 64 * 1024


class ServiceError(Exception):
    """A call to a chat service failed. The message names no secret."""


class IngestClient(Protocol):
    def get_json(
        self,
        url: str,
        *,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]: ...

    def download(
        self, url: str, *, headers: dict[str, str] | None = None, max_bytes: int
    ) -> tuple[bytes, str]:
        """The body and its content type; ``ServiceError`` past ``max_bytes``."""


#: Headers that carry credentials: never sent to another host.
CREDENTIALS = frozenset({"authorization", "cookie", "proxy-authorization"})


class CredentialSafeRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to HTTPS addresses only, and send the credentials
    of the first request (Slack's bot token is an ``Authorization``
    header) to its own host only: a file link that redirects elsewhere is
    fetched without them."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urllib.parse.urlsplit(newurl)
        if target.scheme != "https":
            raise ServiceError(
                "The service redirected to an address that is not HTTPS."
            )
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is None:
            return None
        origin = urllib.parse.urlsplit(req.full_url)
        if (target.hostname, target.port) != (origin.hostname, origin.port):
            for name in list(new.headers):
                if name.lower() in CREDENTIALS:
                    del new.headers[name]
            for name in list(new.unredirected_hdrs):
                if name.lower() in CREDENTIALS:
                    del new.unredirected_hdrs[name]
        return new


class HTTPClient:
    def __init__(self, timeout: float | None = None):
        self.timeout = timeout if timeout is not None else conf.get("TIMEOUT")
        self.opener = urllib.request.build_opener(CredentialSafeRedirects)

    def _open(self, url: str, headers: dict[str, str] | None):
        if urllib.parse.urlsplit(url).scheme != "https":
            raise ServiceError("Only HTTPS addresses are fetched.")
        request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - https only
        try:
            return self.opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as error:
            raise ServiceError(f"The service answered HTTP {error.code}.") from None
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            reason = type(getattr(error, "reason", error)).__name__
            raise ServiceError(
                f"The service could not be reached ({reason})."
            ) from None

    def get_json(self, url, *, params=None, headers=None) -> dict[str, Any]:
        if params:
            url = f"{url}?{urllib.parse.urlencode(params)}"
        with self._open(url, headers) as response:
            try:
                return json.loads(response.read(4 * 1024 * 1024))
            except ValueError:
                raise ServiceError("The service did not answer JSON.") from None

    def download(self, url, *, headers=None, max_bytes: int) -> tuple[bytes, str]:
        with self._open(url, headers) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise ServiceError("The file is larger than images may be.")
            chunks, size = [], 0
            while chunk := response.read(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise ServiceError("The file is larger than images may be.")
                chunks.append(chunk)
            content_type = response.headers.get_content_type() or ""
        return b"".join(chunks), content_type


def get_client() -> IngestClient:
    return import_string(conf.get("CLIENT"))()
