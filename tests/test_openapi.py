"""The shipped OpenAPI document tells the truth about real responses."""

from __future__ import annotations

import json

import pytest

jsonschema = pytest.importorskip("jsonschema")

from tests.api_support import API, remove, row, update_ids, version  # noqa: E402
from tests.factories import (  # noqa: E402
    make_image,
    numbered_updates,
    publish,
    quote,
    text,
    update,
)
from wagtail_liveblog.api.v2.openapi import DOCUMENT_PATH, load_document  # noqa: E402

pytestmark = pytest.mark.django_db


def resolve(document: dict, node: dict) -> dict:
    while "$ref" in node:
        target = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def check(document: dict, template: str, response) -> None:
    """Validate ``response`` against the document's description of it."""
    operation = document["paths"][template]["get"]
    described = resolve(document, operation["responses"][str(response.status_code)])
    if response.status_code == 304:
        assert "content" not in described
        assert response.content == b""
        return
    schema = described["content"]["application/json"]["schema"]
    validator = jsonschema.Draft202012Validator(
        {**schema, "components": document["components"]},
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )
    validator.validate(response.json())


@pytest.fixture
def document():
    document = load_document()
    jsonschema.Draft202012Validator.check_schema(
        {"$defs": document["components"]["schemas"]}
    )
    return document


@pytest.fixture
def rich_blog(blog):
    photo = make_image()
    items = [
        update(
            "With a photo",
            [
                text("<p>Water rising.</p>"),
                {
                    "type": "image",
                    "id": "5d9a3b1e-0000-4000-8000-00000000000a",
                    "value": {
                        "image": photo.pk,
                        "caption": "Main St",
                        "credit": "Reuters",
                        "alt": "",
                    },
                },
                quote("We are ready.", "Fire chief"),
            ],
            pinned=True,
            key_event=True,
            author="Ana",
        ),
        *numbered_updates(25),
    ]
    blog.summary = "<ul><li>Main St flooded</li></ul>"
    return publish(blog, items)


def test_document_is_valid_openapi_31(document):
    assert document["openapi"].startswith("3.1")
    assert json.loads(DOCUMENT_PATH.read_text())["info"]["title"]
    assert set(document["paths"]) == {
        "/liveblogs/",
        "/liveblogs/openapi.json",
        "/liveblogs/{id}/",
        "/liveblogs/{id}/updates/",
        "/liveblogs/{id}/updates/{update_id}/",
    }


def test_every_route_matches_the_document(rich_blog, client, document):
    pk = rich_blog.pk
    first = update_ids(rich_blog)[0]
    detail = client.get(f"{API}/{pk}/")
    assert detail.json()["updates"][0]["body"][1]["type"] == "image"
    assert detail.json()["summary"] == "<ul><li>Main St flooded</li></ul>"
    check(document, "/liveblogs/{id}/", detail)
    check(
        document,
        "/liveblogs/{id}/",
        client.get(f"{API}/{pk}/", headers={"If-None-Match": detail["ETag"]}),
    )
    check(document, "/liveblogs/", client.get(f"{API}/"))
    for query in [
        "",
        "?limit=5",
        f"?before={first}",
        "?since=0",
        "?since=0&limit=3",
        "?since=1",
    ]:
        check(
            document,
            "/liveblogs/{id}/updates/",
            client.get(f"{API}/{pk}/updates/{query}"),
        )
    check(
        document,
        "/liveblogs/{id}/updates/{update_id}/",
        client.get(f"{API}/{pk}/updates/{first}/"),
    )
    for bad in ["?limit=x", "?since=99", "?before=nope", "?foo=1"]:
        response = client.get(f"{API}/{pk}/updates/{bad}")
        assert response.status_code == 400
        check(document, "/liveblogs/{id}/updates/", response)
    missing = client.get(f"{API}/{pk + 1000}/")
    assert missing.status_code == 404
    check(document, "/liveblogs/{id}/", missing)
    check(
        document,
        "/liveblogs/{id}/updates/{update_id}/",
        client.get(f"{API}/{pk}/updates/{first[:-1]}0/"),
    )


def test_changes_response_matches_after_edits(rich_blog, client, document):
    before = version(rich_blog)
    for update_id in update_ids(rich_blog)[-3:]:
        remove(rich_blog, update_id)
    row(update_ids(rich_blog)[0]).unpublish()
    response = client.get(f"{API}/{rich_blog.pk}/updates/?since={before}")
    assert len(response.json()["deleted"]) == 4
    check(document, "/liveblogs/{id}/updates/", response)


def test_a_mismatch_is_caught(rich_blog, client, document):
    """The check is not vacuous: a response with an extra key, a wrong type or
    without a documented key (``summary`` is always sent) fails."""
    from types import SimpleNamespace

    real = client.get(f"{API}/{rich_blog.pk}/").json()
    check(
        document,
        "/liveblogs/{id}/",
        SimpleNamespace(status_code=200, json=lambda: real),
    )
    without_summary = {key: value for key, value in real.items() if key != "summary"}
    for broken in [{**real, "surprise": 1}, {**real, "version": "1"}, without_summary]:
        fake = SimpleNamespace(status_code=200, json=lambda data=broken: data)
        with pytest.raises(jsonschema.ValidationError):
            check(document, "/liveblogs/{id}/", fake)


def test_document_is_served_with_the_real_prefix(client):
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    served = response.json()
    assert served["servers"] == [{"url": "http://testserver/api/v2"}]
    assert served["paths"] == load_document()["paths"]
    assert response["ETag"]
    again = client.get(
        f"{API}/openapi.json", headers={"If-None-Match": response["ETag"]}
    )
    assert again.status_code == 304


def test_the_shipped_document_is_generated_from_the_shapes():
    """One definition of the shapes: the shipped file is what
    ``manage.py liveblog_openapi`` writes from them today."""
    pytest.importorskip("pydantic", reason="generating the document needs pydantic")
    from django.core.management import call_command

    from wagtail_liveblog.api.v2.openapi import build_document, document_text

    assert document_text(build_document()) == DOCUMENT_PATH.read_text(
        encoding="utf-8"
    ), "run manage.py liveblog_openapi"
    call_command("liveblog_openapi", "--check")
