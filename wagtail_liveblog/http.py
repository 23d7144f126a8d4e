"""HTTP plumbing shared by the reader routes and the ``liveblogs`` API:
ETags and ``If-None-Match``, ``Cache-Control`` and ``Vary``, who may read a
blog, JSON bodies and the one error body, ``{"message": ...}`` as Wagtail's
API v2 sends, plus ``"parameter"`` naming the query parameter at fault on
a 400.

A response is only ever ``Cache-Control: public`` when it is the same for
everyone: the blog has no view restriction, and the request is anonymous
(no user logged in, no ``Authorization`` header) to a view that does not
require a login (Django's ``LoginRequiredMiddleware``). Anything else is
``private, no-store``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotModified, JsonResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.functional import LazyObject, empty
from django.utils.module_loading import import_string

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
    """True when no view restriction applies to ``page`` (or an ancestor, or
    for an alias, its source and the source's ancestors)."""
    return not page.get_view_restrictions().exists()


def may_read(request: HttpRequest | None, page) -> bool:
    """Whether ``request`` passes every view restriction over ``page`` (for
    an alias, its source's included: ``get_view_restrictions``). Without a
    request (API v3 builds page schemas without one), only a page no
    restriction covers is readable.

    Remembered on the page instance, which serves one request: the pages
    endpoint asks once per live blog field.
    """
    remembered = page.__dict__.get("_liveblog_may_read")
    if remembered is not None and remembered[0] is request:
        return remembered[1]
    restrictions = list(page.get_view_restrictions())
    if request is None:
        readable = not restrictions
    else:
        readable = all(
            restriction.accept_request(request) for restriction in restrictions
        )
    page.__dict__["_liveblog_may_read"] = (request, readable)
    return readable


@lru_cache(maxsize=8)
def _login_required_middleware(middleware: tuple[str, ...]) -> bool:
    """Whether ``MIDDLEWARE`` holds Django's ``LoginRequiredMiddleware`` (or
    a subclass of it)."""
    try:
        from django.contrib.auth.middleware import LoginRequiredMiddleware
    except ImportError:  # Django before 5.1
        return False
    for path in middleware:
        try:
            found = import_string(path)
        except ImportError:
            continue
        if isinstance(found, type) and issubclass(found, LoginRequiredMiddleware):
            return True
    return False


def login_required_site() -> bool:
    """Whether the site runs Django's ``LoginRequiredMiddleware``."""
    return _login_required_middleware(tuple(getattr(settings, "MIDDLEWARE", ())))


def view_requires_login(view: Callable | None) -> bool:
    """Whether ``LoginRequiredMiddleware`` (when installed) guards ``view``."""
    return login_required_site() and bool(getattr(view, "login_required", True))


def is_personal(request: HttpRequest | None) -> bool:
    """Whether the answer to ``request`` may differ from the anonymous one: a
    logged-in user, an ``Authorization`` header (API tokens), or a view that
    requires a login. Such answers are never publicly cacheable."""
    if request is None:
        return False
    if request.META.get("HTTP_AUTHORIZATION") or logged_in(request):
        return True
    match = getattr(request, "resolver_match", None)
    return view_requires_login(match.func if match is not None else None)


def logged_in(request: HttpRequest) -> bool:
    """Whether a user is logged in, without opening the session of a request
    that has none: touching the session adds ``Vary: Cookie``, which would
    split a CDN's copy of a public answer by every reader's cookies."""
    user = getattr(request, "user", None)
    if user is None:
        return False
    if (
        issubclass(type(user), LazyObject)
        and user._wrapped is empty
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    ):
        return False  # no session, so no one logged in through it
    return bool(getattr(user, "is_authenticated", False))


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
