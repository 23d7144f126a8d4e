"""The OpenAPI description of the ``liveblogs`` endpoint (``openapi.json``).

The document ships in the package next to this module; ``tests/test_openapi.py``
validates real responses against it. It is served at
``<router prefix>/liveblogs/openapi.json`` with ``servers`` set to the
router's real prefix.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from wagtail.api.v2.utils import get_full_url

from ... import http

DOCUMENT_PATH = Path(__file__).with_name("openapi.json")


@lru_cache(maxsize=1)
def load_document() -> dict[str, Any]:
    """The OpenAPI document as shipped (``servers`` says ``/api/v2``)."""
    return json.loads(DOCUMENT_PATH.read_text(encoding="utf-8"))


def openapi_response(request: HttpRequest) -> HttpResponse:
    document = copy.deepcopy(load_document())
    listing = reverse(f"{request.resolver_match.namespace}:listing")
    prefix = listing.removesuffix("/").rsplit("/", 1)[0]
    document["servers"] = [{"url": get_full_url(request, prefix or "/")}]
    name = request.resolver_match.namespaces[-1]
    if name != "liveblogs":  # registered under another name: say so
        document["paths"] = {
            key.replace("/liveblogs/", f"/{name}/", 1): value
            for key, value in document["paths"].items()
        }
    etag = http.make_etag("openapi", json.dumps(document, sort_keys=True))
    return http.conditional(
        request, etag, lambda: http.json_body(request, document), public=True
    )
