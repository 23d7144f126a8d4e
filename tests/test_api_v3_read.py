"""API v3 reads answer what API v2 answers: the same items, the same
privacy, ETags and caching, with links to the v3 routes and errors in
Wagtail's v3 problem format."""

from __future__ import annotations

import pytest

pytest.importorskip("wagtail.api.v3", reason="API v3 needs Wagtail 8")

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import APIToken, PageViewRestriction

from tests.api_support import get
from tests.factories import (
    LiveBlogPageFactory,
    editor,
    numbered_updates,
    post,
    publish,
)
from wagtail_liveblog import editing
from wagtail_liveblog.readmodel.serialize import UPDATE_KEYS

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.urls_v3")]

V2 = "/api/v2/liveblogs"
V3 = "/api/v3/liveblogs"


def as_v3(data):
    """API v2's answer with its links pointing at API v3."""
    if isinstance(data, dict):
        return {key: as_v3(value) for key, value in data.items()}
    if isinstance(data, list):
        return [as_v3(value) for value in data]
    if isinstance(data, str):
        return data.replace("/api/v2/liveblogs/", "/api/v3/liveblogs/")
    return data


@pytest.fixture
def blog30(blog):
    return publish(blog, numbered_updates(30))


def test_the_blog_is_v2s_blog(client, blog30):
    post(blog30, "Pinned note", pinned=True, key_event=True)
    v3 = client.get(f"{V3}/{blog30.pk}/")
    assert v3.status_code == 200
    assert v3.json() == as_v3(client.get(f"{V2}/{blog30.pk}/").json())
    assert v3.json()["updates_url"] == f"http://testserver{V3}/{blog30.pk}/updates/"


def test_updates_page_back_like_v2(client, blog30):
    url = f"{V3}/{blog30.pk}/updates/?limit=12"
    seen = []
    while url:
        data = get(client, url).json()
        assert data["items"] == as_v3(
            get(client, url.replace("/api/v3/", "/api/v2/")).json()["items"]
        )
        seen += [item["headline"] for item in data["items"]]
        url = data["meta"]["next"]
        assert url is None or url.startswith(f"http://testserver{V3}/")
    assert seen == [f"Update {n}" for n in range(30, 0, -1)]


def test_since_reports_changes_and_deletions(client, blog30):
    version = client.get(f"{V3}/{blog30.pk}/").json()["version"]
    new = post(blog30, "Fresh")
    items = client.get(f"{V3}/{blog30.pk}/updates/").json()["items"]
    editing.remove_update(blog30, items[-1]["id"], user=editor())
    v3 = client.get(f"{V3}/{blog30.pk}/updates/?since={version}").json()
    v2 = client.get(f"{V2}/{blog30.pk}/updates/?since={version}").json()
    assert v3 == as_v3(v2)
    assert [item["id"] for item in v3["items"]] == [new]
    assert v3["deleted"] == [items[-1]["id"]]


def test_one_update(client, blog30):
    update_id = post(blog30, "Just this")
    v3 = client.get(f"{V3}/{blog30.pk}/updates/{update_id}/")
    assert v3.json() == client.get(f"{V2}/{blog30.pk}/updates/{update_id}/").json()
    for missing in ("not-an-id", "8f0b7bb2-8d6c-4a4e-9d3a-3bbf0b0c0c0c"):
        response = client.get(f"{V3}/{blog30.pk}/updates/{missing}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/problem+json"


def test_etag_and_304(client, blog30):
    first = client.get(f"{V3}/{blog30.pk}/updates/")
    assert first["Cache-Control"] == "public, max-age=5"
    again = client.get(
        f"{V3}/{blog30.pk}/updates/", headers={"If-None-Match": first["ETag"]}
    )
    assert again.status_code == 304
    post(blog30, "News")
    changed = client.get(
        f"{V3}/{blog30.pk}/updates/", headers={"If-None-Match": first["ETag"]}
    )
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    v2 = client.get(f"{V2}/{blog30.pk}/updates/")
    assert v2["ETag"] != changed["ETag"]  # its links differ


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        ("before=nope", "before"),
        ("since=x", "since"),
        ("colour=red", "colour"),
    ],
)
def test_bad_parameters_are_400_naming_them(client, blog30, query, parameter):
    response = client.get(f"{V3}/{blog30.pk}/updates/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response["Cache-Control"] == "no-store"
    problem = response.json()
    assert problem["detail"].startswith(f"{parameter}: ")
    assert [error["loc"] for error in problem["errors"]] == [["query", parameter]]


def test_the_listing(client, blog30, home):
    other = publish(LiveBlogPageFactory(parent=home))
    v3 = client.get(f"{V3}/").json()
    assert v3 == as_v3(client.get(f"{V2}/").json())
    assert {item["id"] for item in v3["items"]} == {blog30.pk, other.pk}
    assert v3["items"][0]["detail_url"].startswith(f"http://testserver{V3}/")


def reader(name, *groups):
    user = get_user_model().objects.create_user(username=name, password="x")
    user.groups.set(groups)
    return {"Authorization": f"Bearer {APIToken.create_token(user=user, name='r')[1]}"}


def test_privacy_as_v2(client, home):
    draft = LiveBlogPageFactory(parent=home, live=False)
    members_only = publish(LiveBlogPageFactory(parent=home))
    subscribers = Group.objects.create(name="Subscribers")
    restriction = PageViewRestriction.objects.create(
        page=members_only, restriction_type="groups"
    )
    restriction.groups.set([subscribers])
    secret = publish(LiveBlogPageFactory(parent=home))
    PageViewRestriction.objects.create(
        page=secret, restriction_type="password", password="s3cret"
    )

    assert client.get(f"{V3}/{draft.pk}/").status_code == 404
    for blog in (members_only, secret):
        assert client.get(f"{V3}/{blog.pk}/").status_code == 404
        assert client.get(f"{V2}/{blog.pk}/").status_code == 404

    subscriber = reader("sub", subscribers)
    response = client.get(f"{V3}/{members_only.pk}/", headers=subscriber)
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
    assert (
        client.get(f"{V3}/{members_only.pk}/", headers=reader("nobody")).status_code
        == 404
    )
    assert client.get(f"{V3}/{secret.pk}/", headers=subscriber).status_code == 404


def test_a_session_login_does_not_open_restricted_blogs(client, home):
    blog = publish(LiveBlogPageFactory(parent=home))
    PageViewRestriction.objects.create(page=blog, restriction_type="login")
    client.force_login(get_user_model().objects.create_user(username="u", password="x"))
    assert client.get(f"{V3}/{blog.pk}/").status_code == 404
    assert client.get(f"{V3}/{blog.pk}/", headers=reader("r")).status_code == 200


def test_updates_keep_the_documented_key_order(client, blog30):
    update_id = post(blog30, "In order")
    for api in (V2, V3):
        one = client.get(f"{api}/{blog30.pk}/updates/{update_id}/").json()
        assert list(one) == list(UPDATE_KEYS)
        listed = client.get(f"{api}/{blog30.pk}/updates/").json()["items"][0]
        assert list(listed) == list(UPDATE_KEYS)
