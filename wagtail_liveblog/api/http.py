"""Responses of the ``liveblogs`` endpoint: JSON, errors, ETags, caching.

One error body everywhere: ``{"message": "..."}`` as Wagtail's API v2 sends,
plus ``"parameter"`` naming the query parameter at fault on a 400.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from .. import conf
from ..poll import etag_matches


def make_etag(*parts: Any) -> str:
    """A strong ETag from the values a response is derived from."""
    digest = hashlib.blake2b(
        "\x1f".join(str(part) for part in parts).encode(), digest_size=12
    ).hexdigest()
    return f'"lb-{digest}"'


def query_key(request: HttpRequest) -> str:
    return "&".join(
        f"{name}={value}" for name, value in sorted(request.GET.lists()) if name != "_"
    )


def apply_caching(response: HttpResponse, *, public: bool) -> HttpResponse:
    if public:
        patch_cache_control(response, public=True, max_age=conf.get("CACHE_MAX_AGE"))
    else:
        patch_cache_control(response, private=True, no_store=True)
    patch_vary_headers(response, ["Accept-Encoding"])
    return response


def not_modified(
    request: HttpRequest, etag: str, *, public: bool
) -> HttpResponse | None:
    """A 304 when the client already holds ``etag``, else None."""
    if not etag_matches(request, etag):
        return None
    response = HttpResponseNotModified()
    response["ETag"] = etag
    return apply_caching(response, public=public)


def json_ok(
    request: HttpRequest, payload: Any, etag: str, *, public: bool
) -> HttpResponse:
    response = JsonResponse(
        payload, safe=False, json_dumps_params={"ensure_ascii": False}
    )
    response["ETag"] = etag
    if request.method == "HEAD":
        response.content = b""
    return apply_caching(response, public=public)


def error(status: int, message: str, parameter: str | None = None) -> HttpResponse:
    body: dict[str, str] = {"message": str(message)}
    if parameter is not None:
        body["parameter"] = parameter
    response = JsonResponse(
        body, status=status, json_dumps_params={"ensure_ascii": False}
    )
    patch_cache_control(response, no_store=True)
    return response
