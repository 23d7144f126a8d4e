"""The OpenAPI description of the ``liveblogs`` endpoint (``openapi.json``).

The document is generated from the read side's shapes
(``readmodel/shapes.py``, the same types API v3 declares) by
``manage.py liveblog_openapi``, and shipped next to this module; a test
generates it again and compares, so the shipped file stays true. It is
served at ``<router prefix>/liveblogs/openapi.json`` with ``servers`` set to
the router's real prefix.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from wagtail.api.v2.utils import get_full_url

from ... import conf
from ...readmodel import shapes

DOCUMENT_PATH = Path(__file__).with_name("openapi.json")

TITLE = "wagtail-liveblog: liveblogs endpoint"
DESCRIPTION = (
    "Read-only JSON API of wagtail-liveblog live blogs, registered on a "
    "site's WagtailAPIRouter as `liveblogs`. Every 200 carries an ETag and "
    "answers If-None-Match with 304. Errors have one shape, `LiveBlogError`."
)


@lru_cache(maxsize=1)
def load_document() -> dict[str, Any]:
    """The OpenAPI document as shipped (``servers`` says ``/api/v2``)."""
    return json.loads(DOCUMENT_PATH.read_text(encoding="utf-8"))


def openapi_document(request: HttpRequest) -> dict[str, Any]:
    """The shipped document, for the router and name serving ``request``."""
    document = copy.deepcopy(load_document())
    listing = reverse(f"{request.resolver_match.namespace}:listing")
    prefix = listing.removesuffix("/").rsplit("/", 1)[0]
    document["servers"] = [{"url": get_full_url(request, prefix or "/")}]
    maximum = conf.get("MAX_PAGE_SIZE")  # the site's, not the default
    for item in document["paths"].values():
        for parameter in item["get"].get("parameters", []):
            if parameter["name"] == "limit":
                parameter["schema"]["maximum"] = maximum
    name = request.resolver_match.namespaces[-1]
    if name != "liveblogs":  # registered under another name: say so
        document["paths"] = {
            key.replace("/liveblogs/", f"/{name}/", 1): value
            for key, value in document["paths"].items()
        }
    return document


# -- generating it (manage.py liveblog_openapi; needs pydantic: Wagtail 8) -----------

REF = "#/components/schemas/{model}"


def _parameter(name: str, description: str, schema: dict, where="query") -> dict:
    return {
        "name": name,
        "in": where,
        "required": where == "path",
        "description": description,
        "schema": schema,
    }


PAGE_ID = _parameter(
    "id", "The live blog's page id.", {"type": "integer", "minimum": 1}, "path"
)
LIMIT = _parameter(
    "limit",
    "How many, 1 to MAX_PAGE_SIZE (default PAGE_SIZE; with since, MAX_PAGE_SIZE).",
    # The default setting; the served document says the site's.
    {"type": "integer", "minimum": 1, "maximum": 100},
)
OFFSET = _parameter("offset", "How many to skip.", {"type": "integer", "minimum": 0})
BEFORE = _parameter(
    "before",
    "Updates older than this one (newest first); not with since.",
    {"type": "string", "format": "uuid"},
)
SINCE = _parameter(
    "since",
    "What changed after this version: items changed and deleted ids.",
    {"type": "integer", "minimum": 0},
)
AFTER = _parameter(
    "after",
    "With since: after this update at that version (meta.next carries it).",
    {"type": "string", "format": "uuid"},
)
UPDATE_ID = _parameter(
    "update_id", "The update's id.", {"type": "string", "format": "uuid"}, "path"
)


def _json(schema: dict, description: str) -> dict:
    return {
        "description": description,
        "content": {"application/json": {"schema": schema}},
    }


def _ref(name: str) -> dict:
    return {"$ref": REF.format(model=name)}


def _operation(operation_id: str, summary: str, parameters: list, ok: dict, errors):
    responses = {"200": ok}
    responses["304"] = {"description": "Not modified: the client's ETag is current."}
    for code in errors:
        description = {"400": "A bad query parameter, named.", "404": "Not found."}
        responses[code] = _json(_ref("LiveBlogError"), description[code])
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters,
            "responses": responses,
        }
    }


def build_document() -> dict[str, Any]:
    """The document, from ``readmodel.shapes`` (pydantic's JSON Schema)."""
    from pydantic import TypeAdapter

    answers = (
        shapes.LiveBlogList,
        shapes.LiveBlog,
        shapes.LiveBlogUpdates,
        shapes.LiveBlogUpdate,
        shapes.LiveBlogError,
    )
    _keys, top = TypeAdapter.json_schemas(
        [(shape, "serialization", TypeAdapter(shape)) for shape in answers],
        ref_template=REF,
    )
    schemas = top.get("$defs", {})
    paths = {
        "/liveblogs/": _operation(
            "liveblogs_list",
            "The live blogs the request may read, newest first",
            [LIMIT, OFFSET],
            _json(_ref("LiveBlogList"), "The blogs."),
            ("400",),
        ),
        "/liveblogs/openapi.json": {
            "get": {
                "operationId": "liveblogs_openapi",
                "summary": "This document",
                "responses": {"200": _json({"type": "object"}, "OpenAPI 3.1.")},
            }
        },
        "/liveblogs/{id}/": _operation(
            "liveblogs_detail",
            "A live blog with its newest updates",
            [PAGE_ID],
            _json(_ref("LiveBlog"), "The blog."),
            ("400", "404"),
        ),
        "/liveblogs/{id}/updates/": _operation(
            "liveblogs_updates",
            "Updates, newest first, or what changed since a version",
            [PAGE_ID, LIMIT, BEFORE, SINCE, AFTER],
            _json(_ref("LiveBlogUpdates"), "Updates, or changes."),
            ("400", "404"),
        ),
        "/liveblogs/{id}/updates/{update_id}/": _operation(
            "liveblogs_update",
            "One update",
            [PAGE_ID, UPDATE_ID],
            _json(_ref("LiveBlogUpdate"), "The update."),
            ("400", "404"),
        ),
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": TITLE, "version": "2", "description": DESCRIPTION},
        "servers": [{"url": "/api/v2"}],
        "paths": paths,
        "components": {"schemas": dict(sorted(schemas.items()))},
    }


def document_text(document: dict[str, Any]) -> str:
    """The document as shipped: sorted keys, two-space indents, a newline."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
