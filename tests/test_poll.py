"""The reader script's poll route (``<page url>poll/``) and the reader routes'
HTTP behaviour: strict ``since``, ETags that cover the poll interval, and the
same caching headers as the API."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.factories import numbered_updates, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog3(blog):
    return publish(blog, numbered_updates(3))  # version 1


@pytest.mark.parametrize(
    "value",
    [
        "9" * 5000,  # int() refuses more than 4,300 digits
        "1" + "0" * 30,
        " 1",
        "1 ",
        "+1",
        "%D9%A1",  # ARABIC-INDIC DIGIT ONE
        "%EF%BC%91",  # FULLWIDTH DIGIT ONE
        "1.0",
        "-0",
        "",
    ],
)
def test_poll_since_is_as_strict_as_the_api(blog3, client, value):
    for url in (
        f"{blog3.url}poll/?since={value}",
        f"/api/v2/liveblogs/{blog3.pk}/updates/?since={value}",
    ):
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.json()["parameter"] == "since"
        assert response["Cache-Control"] == "no-store"


def test_poll_since_accepts_every_version_up_to_the_current_one(blog3, client):
    assert client.get(f"{blog3.url}poll/?since=0").status_code == 200
    assert client.get(f"{blog3.url}poll/?since=1").status_code == 200
    response = client.get(f"{blog3.url}poll/?since=2")
    assert response.status_code == 400
    assert response.json() == {
        "message": "must be a version between 0 and 1",
        "parameter": "since",
    }
    assert client.get(f"{blog3.url}poll/").json() == {
        "message": "is required",
        "parameter": "since",
    }


def test_a_changed_poll_interval_reaches_clients_holding_an_etag(blog3, client):
    url = f"{blog3.url}poll/?since=1"
    first = client.get(url)
    assert first.json()["meta"]["poll_interval"] == 10
    etag = first["ETag"]
    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    with override_settings(WAGTAIL_LIVEBLOG={"POLL_INTERVAL": 60}):
        again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 200
    assert again.json()["meta"]["poll_interval"] == 60
    assert again["ETag"] != etag


@pytest.mark.parametrize("route", ["poll/?since=0", "feed/", "updates/?before="])
def test_reader_routes_send_the_api_caching_headers(blog3, client, route):
    if route.endswith("before="):
        route += client.get(f"/api/v2/liveblogs/{blog3.pk}/updates/?limit=1").json()[
            "items"
        ][0]["id"]
    response = client.get(f"{blog3.url}{route}")
    assert response.status_code == 200
    assert response["Vary"] == "Accept-Encoding"
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=5"}
    if "ETag" in response:
        cached = client.get(
            f"{blog3.url}{route}", headers={"if-none-match": response["ETag"]}
        )
        assert cached.status_code == 304
        assert cached["Vary"] == "Accept-Encoding"
        assert cached["Cache-Control"] == response["Cache-Control"]
