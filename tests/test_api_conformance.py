"""Both APIs do what their OpenAPI documents say, whatever the input:
Schemathesis generates requests from each document (API v2's shipped
``openapi.json``; the ``liveblogs`` read routes of Wagtail's generated API
v3 document) and checks every answer — status, content type, headers and
body — against it, with the ids of a real blog and its updates as often as
random ones."""

from __future__ import annotations

import copy

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from tests.factories import make_image, numbered_updates, post, publish, quote, text
from wagtail_liveblog.api.v2.openapi import load_document

schemathesis = pytest.importorskip("schemathesis")
from schemathesis.specs.openapi.checks import positive_data_acceptance  # noqa: E402

pytestmark = pytest.mark.django_db

SETTINGS = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)


class InTestTransaction(WSGIHandler):
    """Django's WSGI app, leaving the test's database connection open (as
    Django's test client does): a finished request closes it otherwise."""

    def __call__(self, environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        try:
            return super().__call__(environ, start_response)
        finally:
            request_started.connect(close_old_connections)
            request_finished.connect(close_old_connections)


def loaded(document: dict, base: str):
    document = copy.deepcopy(document)
    document["servers"] = [{"url": base}]
    schema = schemathesis.openapi.from_dict(document)
    schema.app = InTestTransaction()
    # Requests the document allows (invalid ones are fuzzed elsewhere:
    # test_api_errors.py): an id that is no integer is no route of the API.
    schema.config.generation.update(modes=["positive"])
    return schema


V2 = loaded(load_document(), "/api/v2")


@pytest.fixture
def real(blog):
    """A blog with text, a photo and a quote, pinned and key events."""
    live = publish(blog, numbered_updates(3))
    post(
        live,
        "With everything",
        body=[text("<p>Water.</p>"), quote("Ready.", "Chief")],
        pinned=True,
        key_event=True,
    )
    photo = make_image()
    post(
        live,
        "A photo",
        body=[
            {
                "type": "image",
                "value": {"image": photo.pk, "credit": "AP", "caption": "Main St"},
            }
        ],
    )
    from wagtail_liveblog.reading import queries

    return live.pk, str(queries.latest(live.pk, 1)[0].id)


# The APIs check more than a schema can say (a version after the current
# one, an update of another blog): a documented 400 naming the parameter
# is their answer, not a rejected valid request.
EXCLUDED = [positive_data_acceptance]


def with_real_ids(case, real) -> None:
    page_id, update_id = real
    for name in ("id", "page_id"):
        if name in (case.path_parameters or {}):
            case.path_parameters[name] = page_id
    if "update_id" in (case.path_parameters or {}):
        case.path_parameters["update_id"] = update_id


@V2.parametrize()
@SETTINGS
def test_api_v2_does_what_its_document_says(case, real):
    case.call_and_validate(excluded_checks=EXCLUDED)
    with_real_ids(case, real)
    case.call_and_validate(excluded_checks=EXCLUDED)


def v3_reads():
    pytest.importorskip("wagtail.api.v3")
    from django.test import Client
    from django.test.utils import override_settings

    with override_settings(ROOT_URLCONF="tests.urls_v3"):
        document = Client().get("/api/v3/openapi.json").json()
    paths = {
        path: {"get": item["get"]}
        for path, item in document["paths"].items()
        if path.startswith("/api/v3/liveblogs/") and "get" in item
    }
    return loaded({**document, "paths": paths}, "")


try:
    V3 = v3_reads()
except pytest.skip.Exception:
    V3 = None


@pytest.mark.skipif(V3 is None, reason="API v3 needs Wagtail 8")
@pytest.mark.urls("tests.urls_v3")
@(V3.parametrize() if V3 is not None else (lambda test: test))
@SETTINGS
def test_api_v3_reads_do_what_the_document_says(case, real):
    case.call_and_validate(excluded_checks=EXCLUDED)
    with_real_ids(case, real)
    case.call_and_validate(excluded_checks=EXCLUDED)
