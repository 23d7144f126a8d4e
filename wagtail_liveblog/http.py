"""HTTP plumbing shared by the reader routes and the ``liveblogs`` API:
ETags and ``If-None-Match``, ``Cache-Control`` and ``Vary``, JSON bodies
and the one error body, ``{"message": ...}`` as Wagtail's
API v2 sends, plus ``"parameter"`` naming the query parameter at fault on
a 400.

A response is only ever ``Cache-Control: public`` when it is the same for
everyone (``access.reading`` decides: no view restriction, an anonymous
request); anything else is ``private, no-store``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from . import conf
from .access import is_personal

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


def apply_caching(
    response: HttpResponse, *, public: bool, request: HttpRequest | None = None
) -> HttpResponse:
    """``Cache-Control`` fit for a CDN when ``public`` and the request is
    anonymous, else not stored at all.

    ``request`` defaults to the one a ``TemplateResponse`` was made for.
    """
    if request is None:
        request = getattr(response, "_request", None)
    if public and not is_personal(request):
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
    return apply_caching(response, public=public, request=request)


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
