"""HTTP plumbing shared by the reader routes and the ``liveblogs`` API:
ETags and ``If-None-Match``, ``Cache-Control`` and ``Vary``, JSON bodies and
the one error body, ``{"message": ...}`` as Wagtail's API v2 sends, plus
``"parameter"`` naming the query parameter at fault on a 400.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import conf

# Every cacheable response may be stored compressed by a CDN.
VARY = ("Accept-Encoding",)


def make_etag(*parts: Any) -> str:
    """A strong ETag from the values a response is derived from."""
    digest = hashlib.blake2b(
        "\x1f".join(str(part) for part in parts).encode(), digest_size=12
    ).hexdigest()
    return f'"lb-{digest}"'


def query_key(request: HttpRequest) -> str:
    """The query string, normalised (sorted, without the ``_`` cache buster)."""
    return "&".join(
        f"{name}={value}" for name, value in sorted(request.GET.lists()) if name != "_"
    )


def etag_matches(request: HttpRequest, etag: str) -> bool:
    header = request.headers.get("If-None-Match", "")
    candidates = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return etag in candidates or "*" in candidates


def is_public(page) -> bool:
    """True when no view restriction applies to ``page`` (or an ancestor)."""
    return not page.get_view_restrictions().exists()


def apply_caching(response: HttpResponse, *, public: bool) -> HttpResponse:
    """``Cache-Control`` fit for a CDN when ``public``, else not stored at all."""
    if public:
        patch_cache_control(response, public=True, max_age=conf.get("CACHE_MAX_AGE"))
    else:
        patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, VARY)
    return response


def conditional(
    request: HttpRequest,
    etag: str,
    build: Callable[[], HttpResponse],
    *,
    public: bool,
) -> HttpResponse:
    """A 304 when the client holds ``etag``, else ``build()``; both cacheable."""
    response = HttpResponseNotModified() if etag_matches(request, etag) else build()
    response["ETag"] = etag
    return apply_caching(response, public=public)


def json_body(request: HttpRequest, payload: Any) -> HttpResponse:
    response = JsonResponse(
        payload, safe=False, json_dumps_params={"ensure_ascii": False}
    )
    if request.method == "HEAD":
        response.content = b""
    return response


def error(status: int, message: str, parameter: str | None = None) -> HttpResponse:
    body: dict[str, str] = {"message": str(message)}
    if parameter is not None:
        body["parameter"] = parameter
    response = JsonResponse(
        body, status=status, json_dumps_params={"ensure_ascii": False}
    )
    patch_cache_control(response, no_store=True)
    return response
