"""Bad input to the ``liveblogs`` endpoint: a 400 naming the parameter, never a 500."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.api_support import API, update_ids, version
from tests.factories import numbered_updates, publish

pytestmark = pytest.mark.django_db

UNKNOWN_ID = "0b3c1b7e-0000-4000-8000-000000000000"


@pytest.fixture
def blog3(blog):
    return publish(blog, numbered_updates(3))


def query_for(blog, query: str) -> str:
    """``{future}`` in a query: a version the blog has not reached."""
    return query.format(future=version(blog) + 1)


BAD_QUERIES = [
    # (query, parameter)
    ("limit=abc", "limit"),
    ("limit=", "limit"),
    ("limit=0", "limit"),
    ("limit=-1", "limit"),
    ("limit=1.5", "limit"),
    ("limit=101", "limit"),
    ("limit=99999999999999999999999", "limit"),
    ("limit=%D9%A3", "limit"),  # an Arabic-Indic digit
    ("limit=1&limit=2", "limit"),
    ("before=nope", "before"),
    ("before=", "before"),
    (f"before={UNKNOWN_ID}", "before"),
    ("since=abc", "since"),
    ("since=", "since"),
    ("since=-1", "since"),
    ("since=1.0", "since"),
    ("since={future}", "since"),  # a version from the future
    ("since=99999999999999999999999", "since"),
    ("since=0&before=" + UNKNOWN_ID, "since"),
    ("since=0&after=nope", "after"),
    (f"since=0&after={UNKNOWN_ID}", "after"),
    (f"after={UNKNOWN_ID}", "after"),
    ("since=0&limit=0", "limit"),
    ("foo=bar", "foo"),
    ("fields=updates", "fields"),
]


@pytest.mark.parametrize("query,parameter", BAD_QUERIES)
def test_bad_updates_query_is_400_naming_the_parameter(blog3, client, query, parameter):
    response = client.get(f"{API}/{blog3.pk}/updates/?{query_for(blog3, query)}")
    assert response.status_code == 400, response.content
    body = response.json()
    assert set(body) == {"message", "parameter"}
    assert body["parameter"] == parameter
    assert body["message"]
    assert response["Cache-Control"] == "no-store"


def test_error_messages_say_what_is_wrong(blog3, client):
    def message(query):
        return client.get(f"{API}/{blog3.pk}/updates/?{query}").json()["message"]

    assert message("limit=0") == "must be a whole number between 1 and 100"
    current = version(blog3)
    assert message(f"since={current + 4}") == (
        f"must be a version between 0 and {current}"
    )
    assert message("before=x") == "must be the id of an update"
    assert message(f"before={UNKNOWN_ID}") == "is not an update of this live blog"
    assert message("since=0&before=x") == "cannot be combined with before"
    assert message("zzz=1") == "is not a recognised query parameter"


@override_settings(WAGTAIL_LIVEBLOG={"MAX_PAGE_SIZE": 5})
def test_limit_bound_follows_max_page_size(blog3, client):
    assert client.get(f"{API}/{blog3.pk}/updates/?limit=5").status_code == 200
    response = client.get(f"{API}/{blog3.pk}/updates/?limit=6")
    assert response.json() == {
        "message": "must be a whole number between 1 and 5",
        "parameter": "limit",
    }


def test_detail_and_update_routes_reject_unknown_parameters(blog3, client):
    update_id = update_ids(blog3)[0]
    for url in [
        f"{API}/{blog3.pk}/?limit=2",
        f"{API}/{blog3.pk}/updates/{update_id}/?x=1",
    ]:
        response = client.get(url)
        assert response.status_code == 400
        assert response.json()["parameter"] in {"limit", "x"}


def test_cache_busting_parameter_is_accepted(blog3, client):
    assert client.get(f"{API}/{blog3.pk}/updates/?_=12345").status_code == 200
    assert client.get(f"{API}/{blog3.pk}/?_=1").status_code == 200


def test_listing_bad_input(blog3, client):
    for query, parameter in [
        ("limit=x", "limit"),
        ("offset=-1", "offset"),
        ("q=1", "q"),
    ]:
        response = client.get(f"{API}/?{query}")
        assert response.status_code == 400
        assert response.json()["parameter"] == parameter


ODD_VALUES = [
    "",
    " ",
    "0",
    "-0",
    "+1",
    "1e3",
    "0x10",
    "NaN",
    "inf",
    "null",
    "[]",
    "{}",
    "%00",
    "%FF%FE",
    "' OR 1=1 --",
    "<script>",
    "\u00b2",
    "9" * 400,
    "a" * 2000,
    UNKNOWN_ID,
    UNKNOWN_ID.upper(),
    "{" + UNKNOWN_ID + "}",
    "../../etc/passwd",
]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_no_query_string_gives_a_500(blog3, client, value):
    from urllib.parse import quote

    encoded = quote(value, safe="%")
    update_id = update_ids(blog3)[0]
    urls = [f"{API}/?limit={encoded}", f"{API}/?offset={encoded}"]
    for name in ["limit", "before", "since", "after", "x"]:
        urls.append(f"{API}/{blog3.pk}/updates/?{name}={encoded}")
        urls.append(f"{API}/{blog3.pk}/updates/?since=0&{name}={encoded}")
    urls += [
        f"{API}/{blog3.pk}/?{encoded}",
        f"{API}/{blog3.pk}/updates/{update_id}/?q={encoded}",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in {200, 400, 404}, url
        assert response["Content-Type"] == "application/json"
    # An odd update id in the path: our 404, or no route at all.
    response = client.get(f"{API}/{blog3.pk}/updates/{quote(value, safe='') or 'x'}/")
    assert response.status_code == 404


@pytest.mark.parametrize("page_id", ["0", "99999999", "9" * 30, "-1", "abc"])
def test_odd_page_ids_are_404(blog3, client, page_id):
    for url in [f"{API}/{page_id}/", f"{API}/{page_id}/updates/"]:
        response = client.get(url)
        assert response.status_code == 404


LONG_NUMBER = "9" * 5000  # int() refuses more than 4,300 digits


@pytest.mark.parametrize(
    "url,parameter",
    [
        ("/?limit={n}", "limit"),
        ("/?offset={n}", "offset"),
        ("/{pk}/updates/?limit={n}", "limit"),
        ("/{pk}/updates/?since={n}", "since"),
        ("/{pk}/updates/?since=0&limit={n}", "limit"),
    ],
)
def test_very_long_numbers_are_400_naming_the_parameter(blog3, client, url, parameter):
    response = client.get(API + url.format(pk=blog3.pk, n=LONG_NUMBER))
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


def test_very_long_page_id_is_404(blog3, client):
    for route in ("/", "/updates/"):
        response = client.get(f"{API}/{LONG_NUMBER}{route}")
        assert response.status_code == 404


@pytest.mark.parametrize("value", [" 1", "1 ", "+1", "%D9%A1"])
def test_numbers_are_ascii_digits_only(blog3, client, value):
    for url, parameter in [
        (f"{API}/?offset={value}", "offset"),
        (f"{API}/{blog3.pk}/updates/?limit={value}", "limit"),
        (f"{API}/{blog3.pk}/updates/?since={value}", "since"),
    ]:
        response = client.get(url)
        assert response.status_code == 400, url
        assert response.json()["parameter"] == parameter


def test_cursors_from_another_blog_are_400(blog3, home, client):
    from tests.factories import LiveBlogPageFactory

    other = publish(LiveBlogPageFactory(parent=home), numbered_updates(1))
    [foreign] = update_ids(other)
    for query, parameter in [
        (f"before={foreign}", "before"),
        (f"since=0&after={foreign}", "after"),
    ]:
        response = client.get(f"{API}/{blog3.pk}/updates/?{query}")
        assert response.status_code == 400
        assert response.json() == {
            "message": "is not an update of this live blog",
            "parameter": parameter,
        }
