"""API v3 writes: POST, PATCH and DELETE updates with Wagtail API tokens.

Who may do what (tokens, page permissions, privacy), ``Idempotency-Key``,
validation errors that name the field, pictures uploaded in the same
request, and the routes in Wagtail's generated OpenAPI document.
"""

from __future__ import annotations

import json
import threading
import uuid
from datetime import timedelta
from io import BytesIO

import pytest

pytest.importorskip("wagtail.api.v3", reason="API v3 needs Wagtail 8")

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client, override_settings
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import (
    APIToken,
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageViewRestriction,
)

from tests.factories import (
    LiveBlogPageFactory,
    assert_says_nothing,
    editor,
    make_image,
    post,
    publish,
)
from wagtail_liveblog.models import LiveBlogIdempotencyKey, LiveBlogUpdate

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.urls_v3")]

V3 = "/api/v3/liveblogs"


# -- people and tokens --------------------------------------------------------------


def person(name: str, page=None, *page_perms: str, image_perms=()):
    """A user in a group with these page permissions on ``page`` (and its
    subtree) and these image permissions on the root collection."""
    user = get_user_model().objects.create_user(
        username=name, password="x", first_name=name.title(), last_name="Reporter"
    )
    group = Group.objects.create(name=f"{name} group")
    for codename in page_perms:
        GroupPagePermission.objects.create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    for codename in image_perms:
        GroupCollectionPermission.objects.create(
            group=group,
            collection=Collection.get_first_root_node(),
            permission=Permission.objects.get(
                content_type__app_label="wagtailimages", codename=codename
            ),
        )
    user.groups.add(group)
    return user


def token_for(user) -> str:
    return APIToken.create_token(user=user, name="desk script")[1]


def bearer(token: str, **headers) -> dict:
    return {"Authorization": f"Bearer {token}", **headers}


@pytest.fixture
def live_blog(blog):
    return publish(blog)


@pytest.fixture
def publisher(home):
    return person(
        "pat",
        home,
        "add_page",
        "change_page",
        "publish_page",
        image_perms=("add_image", "choose_image"),
    )


@pytest.fixture
def drafter(home):
    return person("dana", home, "add_page", "change_page")


@pytest.fixture
def outsider(db):
    return person("olly")


def post_json(client, blog, data, token=None, **headers):
    return client.post(
        f"{V3}/{blog.pk}/updates/",
        data=json.dumps(data),
        content_type="application/json",
        headers=bearer(token, **headers) if token else headers,
    )


def patch_json(client, blog, update_id, data, token):
    return client.patch(
        f"{V3}/{blog.pk}/updates/{update_id}/",
        data=json.dumps(data),
        content_type="application/json",
        headers=bearer(token),
    )


def errors_at(response) -> dict:
    """The 422's messages by location."""
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    return {tuple(e["loc"]): e["msg"] for e in response.json()["errors"]}


def count(blog) -> int:
    return LiveBlogUpdate.objects.filter(blog_id=blog.pk).count()


TEXT = [{"type": "text", "value": "<p>The river is over the levee.</p>"}]


# -- posting ----------------------------------------------------------------------


def test_a_publisher_posts_an_update_that_readers_see(client, live_blog, publisher):
    token = token_for(publisher)
    since = client.get(f"/api/v2/liveblogs/{live_blog.pk}/").json()["version"]
    response = post_json(
        client,
        live_blog,
        {"headline": "Levee breached", "body": TEXT, "key_event": True},
        token,
    )
    assert response.status_code == 201, response.content
    data = response.json()
    assert list(data) == [
        "id",
        "url",
        "headline",
        "posted_at",
        "updated_at",
        "pinned",
        "key_event",
        "author",
        "authors",
        "body",
        "meta",
    ]
    assert data["headline"] == "Levee breached"
    assert data["author"] == "Pat Reporter"
    assert data["authors"] == [{"name": "Pat Reporter"}]
    assert data["key_event"] is True
    assert data["body"] == [
        {
            "type": "text",
            "id": data["body"][0]["id"],
            "value": "<p>The river is over the levee.</p>",
        }
    ]
    update_url = f"http://testserver{V3}/{live_blog.pk}/updates/{data['id']}/"
    assert data["meta"] == {
        "type": "wagtail_liveblog.LiveBlogUpdate",
        "blog_id": live_blog.pk,
        "status": "live",
        "live": True,
        "has_unpublished_changes": False,
        "go_live_at": None,
        "detail_url": update_url,
    }
    assert response["Location"] == update_url

    # On the page, in API v2's change feed and through API v3's read route.
    assert "Levee breached" in client.get(live_blog.url).content.decode()
    changes = client.get(
        f"/api/v2/liveblogs/{live_blog.pk}/updates/?since={since}"
    ).json()
    assert [item["id"] for item in changes["items"]] == [data["id"]]
    v2_item = changes["items"][0]
    assert {k: v for k, v in data.items() if k != "meta"} == v2_item
    assert client.get(update_url).json() == v2_item


def test_no_token_is_401_and_posts_nothing(client, live_blog):
    for headers in (
        {},
        {"Authorization": "Bearer wagtail_notarealtoken"},
        {"Authorization": "Token abc"},
    ):
        response = post_json(client, live_blog, {"headline": "Hi"}, **headers)
        assert response.status_code == 401
        assert response["Content-Type"] == "application/problem+json"
    assert count(live_blog) == 0


def test_a_session_login_is_not_a_token(client, live_blog):
    client.force_login(editor())
    assert post_json(client, live_blog, {"headline": "Hi"}).status_code == 401
    assert count(live_blog) == 0


def test_revoked_tokens_and_inactive_users_are_401(client, live_blog, publisher):
    revoked, plaintext = APIToken.create_token(user=publisher, name="old")
    revoked.revoke()
    assert post_json(client, live_blog, {"headline": "A"}, plaintext).status_code == 401
    token = token_for(publisher)
    publisher.is_active = False
    publisher.save()
    assert post_json(client, live_blog, {"headline": "B"}, token).status_code == 401
    assert count(live_blog) == 0


def test_a_user_without_permission_gets_403_on_a_public_blog(
    client, live_blog, outsider
):
    response = post_json(client, live_blog, {"headline": "Hi"}, token_for(outsider))
    assert response.status_code == 403
    assert "permission" in response.json()["detail"]
    assert count(live_blog) == 0


def test_blogs_a_user_cannot_see_are_404(client, home, outsider):
    unpublished = LiveBlogPageFactory(parent=home, live=False)
    restricted = publish(LiveBlogPageFactory(parent=home))
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type="groups"
    )
    restriction.groups.set([Group.objects.create(name="Subscribers")])
    token = token_for(outsider)
    for blog in (unpublished, restricted):
        response = post_json(client, blog, {"headline": "Hi"}, token)
        assert response.status_code == 404
        assert count(blog) == 0


def test_unknown_pages_and_pages_that_are_not_blogs_are_404(client, home, publisher):
    token = token_for(publisher)
    other = home.add_child(instance=Page(title="About", slug="about"))
    for page_id in (other.pk, 999_999, 2**40):
        response = client.post(
            f"{V3}/{page_id}/updates/",
            data=json.dumps({"headline": "Hi"}),
            content_type="application/json",
            headers=bearer(token),
        )
        assert response.status_code == 404


def test_edit_permission_posts_drafts_only(client, live_blog, drafter):
    token = token_for(drafter)
    refused = post_json(client, live_blog, {"headline": "Live?"}, token)
    assert refused.status_code == 403
    scheduled = post_json(
        client,
        live_blog,
        {
            "headline": "Later?",
            "publish": False,
            "go_live_at": (timezone.now() + timedelta(hours=1)).isoformat(),
        },
        token,
    )
    assert scheduled.status_code == 403
    assert count(live_blog) == 0

    draft = post_json(
        client, live_blog, {"headline": "For the editor", "publish": False}, token
    )
    assert draft.status_code == 201
    assert draft.json()["meta"]["status"] == "draft"
    assert draft.json()["meta"]["detail_url"] is None
    assert "Location" not in draft
    assert (
        client.get(f"/api/v2/liveblogs/{live_blog.pk}/updates/").json()["items"] == []
    )


def test_a_publisher_schedules_an_update(client, live_blog, publisher):
    when = timezone.now() + timedelta(hours=2)
    response = post_json(
        client,
        live_blog,
        {"headline": "At noon", "go_live_at": when.isoformat()},
        token_for(publisher),
    )
    assert response.status_code == 201
    meta = response.json()["meta"]
    assert meta["status"] == "scheduled"
    assert meta["live"] is False
    assert meta["go_live_at"].startswith(when.strftime("%Y-%m-%dT%H:%M"))
    update = LiveBlogUpdate.objects.get(pk=response.json()["id"])
    assert update.go_live_at == when.replace(microsecond=when.microsecond)


# -- editing and removing ----------------------------------------------------------


def test_patch_changes_the_headline(client, live_blog, publisher):
    token = token_for(publisher)
    update_id = post(live_blog, "Water rising", user=publisher)
    version = client.get(f"/api/v2/liveblogs/{live_blog.pk}/").json()["version"]
    response = patch_json(
        client, live_blog, update_id, {"headline": "Water rising fast"}, token
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["headline"] == "Water rising fast"
    assert data["updated_at"] is not None
    assert data["body"][0]["value"] == "<p>Water rising</p>"  # untouched
    changes = client.get(
        f"/api/v2/liveblogs/{live_blog.pk}/updates/?since={version}"
    ).json()
    assert [i["headline"] for i in changes["items"]] == ["Water rising fast"]


def test_patch_saves_a_draft_of_a_published_update(client, live_blog, publisher):
    token = token_for(publisher)
    update_id = post(live_blog, "First words", user=publisher)
    draft = patch_json(
        client,
        live_blog,
        update_id,
        {"headline": "Better words", "publish": False},
        token,
    )
    assert draft.status_code == 200
    assert draft.json()["headline"] == "Better words"
    assert draft.json()["meta"]["status"] == "live"
    assert draft.json()["meta"]["has_unpublished_changes"] is True
    readers = client.get(f"{V3}/{live_blog.pk}/updates/{update_id}/").json()
    assert readers["headline"] == "First words"


def test_patch_publishes_a_draft(client, live_blog, publisher):
    token = token_for(publisher)
    draft = post_json(client, live_blog, {"headline": "Held", "publish": False}, token)
    update_id = draft.json()["id"]
    edited = patch_json(client, live_blog, update_id, {"headline": "Held back"}, token)
    assert edited.json()["meta"]["status"] == "draft"
    published = patch_json(client, live_blog, update_id, {"publish": True}, token)
    assert published.status_code == 200
    assert published.json()["headline"] == "Held back"
    assert published.json()["meta"]["status"] == "live"
    assert published.json()["meta"]["has_unpublished_changes"] is False
    readers = client.get(f"{V3}/{live_blog.pk}/updates/{update_id}/").json()
    assert readers["headline"] == "Held back"


def test_patch_needs_publish_permission_for_a_published_update(
    client, live_blog, drafter, outsider
):
    update_id = post(live_blog, "Published")
    response = patch_json(
        client, live_blog, update_id, {"headline": "Changed"}, token_for(drafter)
    )
    assert response.status_code == 403
    response = patch_json(
        client, live_blog, update_id, {"headline": "Changed"}, token_for(outsider)
    )
    assert response.status_code == 403
    assert LiveBlogUpdate.objects.get(pk=update_id).headline == "Published"


def test_patch_and_delete_unknown_updates_are_404(client, live_blog, publisher):
    token = token_for(publisher)
    other_blog = publish(LiveBlogPageFactory(parent=live_blog.get_parent()))
    elsewhere = post(other_blog, "Elsewhere")
    for update_id in (uuid.uuid4(), "not-a-uuid", elsewhere):
        assert (
            patch_json(
                client, live_blog, update_id, {"headline": "X"}, token
            ).status_code
            == 404
        )
        response = client.delete(
            f"{V3}/{live_blog.pk}/updates/{update_id}/", headers=bearer(token)
        )
        assert response.status_code == 404


def test_delete_puts_the_id_in_deleted(client, live_blog, publisher):
    update_id = post(live_blog, "Mistake")
    version = client.get(f"/api/v2/liveblogs/{live_blog.pk}/").json()["version"]
    response = client.delete(
        f"{V3}/{live_blog.pk}/updates/{update_id}/",
        headers=bearer(token_for(publisher)),
    )
    assert response.status_code == 204
    assert response.content == b""
    changes = client.get(
        f"/api/v2/liveblogs/{live_blog.pk}/updates/?since={version}"
    ).json()
    assert changes["deleted"] == [update_id]
    assert changes["items"] == []
    assert not LiveBlogUpdate.objects.filter(pk=update_id).exists()


def test_delete_permissions_follow_the_desk(client, live_blog, drafter):
    token = token_for(drafter)
    published = post(live_blog, "Out")
    response = client.delete(
        f"{V3}/{live_blog.pk}/updates/{published}/", headers=bearer(token)
    )
    assert response.status_code == 403
    draft = post_json(client, live_blog, {"headline": "Mine", "publish": False}, token)
    response = client.delete(
        f"{V3}/{live_blog.pk}/updates/{draft.json()['id']}/", headers=bearer(token)
    )
    assert response.status_code == 204
    assert count(live_blog) == 1


def test_a_locked_update_is_423(client, live_blog, publisher):
    update_id = post(live_blog, "Being corrected")
    update = LiveBlogUpdate.objects.get(pk=update_id)
    update.locked, update.locked_by, update.locked_at = True, editor(), timezone.now()
    update.save(update_fields=["locked", "locked_by", "locked_at"])
    response = patch_json(
        client, live_blog, update_id, {"headline": "Mine now"}, token_for(publisher)
    )
    assert response.status_code == 423
    assert response["Content-Type"] == "application/problem+json"


# -- idempotency ------------------------------------------------------------------


def test_the_same_key_returns_the_first_answer(client, live_blog, publisher):
    token = token_for(publisher)
    data = {"headline": "Bridge closed", "body": TEXT}
    first = post_json(client, live_blog, data, token, **{"Idempotency-Key": "k-1"})
    again = post_json(client, live_blog, data, token, **{"Idempotency-Key": "k-1"})
    assert first.status_code == again.status_code == 201
    assert again.content == first.content  # byte for byte
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert count(live_blog) == 1
    other = post_json(client, live_blog, data, token, **{"Idempotency-Key": "k-2"})
    assert other.json()["id"] != first.json()["id"]
    assert count(live_blog) == 2


def test_a_key_reused_for_another_request_is_refused(client, live_blog, publisher):
    token = token_for(publisher)
    key = {"Idempotency-Key": "reused"}
    post_json(client, live_blog, {"headline": "One"}, token, **key)
    response = post_json(client, live_blog, {"headline": "Two"}, token, **key)
    assert errors_at(response) == {
        ("header", "Idempotency-Key"): (
            "This Idempotency-Key was used for a different request. "
            "Send a new key with each new update."
        )
    }
    other_blog = publish(LiveBlogPageFactory(parent=live_blog.get_parent()))
    assert (
        post_json(client, other_blog, {"headline": "One"}, token, **key).status_code
        == 422
    )
    assert count(live_blog) == 1
    assert count(other_blog) == 0


def test_keys_belong_to_their_user(client, live_blog, publisher, home):
    colleague = person("cam", home, "add_page", "change_page", "publish_page")
    key = {"Idempotency-Key": "same-key"}
    a = post_json(client, live_blog, {"headline": "One"}, token_for(publisher), **key)
    b = post_json(client, live_blog, {"headline": "One"}, token_for(colleague), **key)
    assert a.json()["id"] != b.json()["id"]
    assert count(live_blog) == 2


def test_a_failed_post_leaves_the_key_free(client, live_blog, publisher):
    token = token_for(publisher)
    key = {"Idempotency-Key": "retry-me"}
    bad = post_json(client, live_blog, {"headline": "x" * 300}, token, **key)
    assert bad.status_code == 422
    assert not LiveBlogIdempotencyKey.objects.exists()
    good = post_json(client, live_blog, {"headline": "x" * 30}, token, **key)
    assert good.status_code == 201
    assert count(live_blog) == 1


def test_expired_keys_are_forgotten(client, live_blog, publisher):
    token = token_for(publisher)
    key = {"Idempotency-Key": "yesterday"}
    post_json(client, live_blog, {"headline": "One"}, token, **key)
    LiveBlogIdempotencyKey.objects.update(created=timezone.now() - timedelta(days=2))
    again = post_json(client, live_blog, {"headline": "One"}, token, **key)
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again
    assert count(live_blog) == 2
    assert LiveBlogIdempotencyKey.objects.count() == 1


def test_two_identical_posts_racing_post_once(
    client, live_blog, publisher, monkeypatch
):
    """The loser of a race (the key committed between its check and its
    commit) rolls its post back and answers as a retry."""
    from wagtail_liveblog.api.v3 import idempotency

    token = token_for(publisher)
    key = {"Idempotency-Key": "race"}
    first = post_json(client, live_blog, {"headline": "Race"}, token, **key)
    real_previous = idempotency.previous
    calls = []

    def not_yet(user, key):
        calls.append(key)
        return None if len(calls) == 1 else real_previous(user, key)

    monkeypatch.setattr(idempotency, "previous", not_yet)
    second = post_json(client, live_blog, {"headline": "Race"}, token, **key)
    assert second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert count(live_blog) == 1


@pytest.mark.parametrize("bad_key", ["", "x" * 256, "two words", "tab\there"])
def test_a_malformed_key_is_422_naming_the_header(
    client, live_blog, publisher, bad_key
):
    response = post_json(
        client,
        live_blog,
        {"headline": "Hi"},
        token_for(publisher),
        **{"Idempotency-Key": bad_key},
    )
    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [
        ["header", "Idempotency-Key"]
    ]
    assert count(live_blog) == 0


# -- validation -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "where", "words"),
    [
        ({"headline": 5}, ("body", "data", "headline"), "valid string"),
        (
            {"headline": "Hi", "colour": "red"},
            ("body", "data", "colour"),
            "not permitted",
        ),
        ({"headline": "x" * 300}, ("body", "data", "headline"), "headline"),
        (
            {"authors": [{"name": "x"}] * 21},
            ("body", "data", "authors"),
            "at most 20",
        ),
        (
            {"authors": [{"user": 0}]},
            ("body", "data", "authors", 0, "user"),
            "greater",
        ),
        (
            {"authors": [{"user": 1, "name": "Ana"}]},
            ("body", "data", "authors", 0),
            "one of the two",
        ),
        (
            {"headline": "Hi", "authors": [{"name": "x" * 300}]},
            ("body", "data", "authors", 0, "name"),
            "the limit is 255",
        ),
        (
            {"body": [{"type": "text", "value": "<p>x</p>"}] * 300},
            ("body", "data", "body"),
            "blocks",
        ),
        # About the update as a whole: located at the request body.
        ({}, ("body", "data"), "headline or some body"),
        (
            {"pinned": "perhaps", "headline": "Hi"},
            ("body", "data", "pinned"),
            "boolean",
        ),
        (
            {"headline": "Hi", "posted_at": "yesterday"},
            ("body", "data", "posted_at"),
            "datetime",
        ),
        (
            {"body": [{"type": "video", "value": "x"}]},
            ("body", "data", "body", 0),
            "tag",
        ),
        (
            {"body": [{"type": "text", "value": "<script>x</script>"}]},
            ("body", "data", "body", 0),
            "",
        ),
        (
            {"body": [{"type": "image", "value": {"image": 999_999, "credit": "AP"}}]},
            ("body", "data", "body"),
            "You cannot use image 999999.",
        ),
        (
            {"body": [{"type": "quote", "value": {"text": "Go", "who": "Me"}}]},
            ("body", "data", "body", 0, "quote", "value", "who"),
            "not permitted",
        ),
        (
            {"headline": "Hi", "posted_at": "1066-10-14T09:00:00Z"},
            ("body", "data", "posted_at"),
            "1900",
        ),
    ],
)
def test_bad_input_is_422_naming_the_field(
    client, live_blog, publisher, data, where, words
):
    response = post_json(client, live_blog, data, token_for(publisher))
    errors = errors_at(response)
    assert any(loc[: len(where)] == where for loc in errors), errors
    assert any(words in message for message in errors.values()), errors
    assert count(live_blog) == 0


def test_an_image_without_a_credit_names_its_item(client, live_blog, publisher):
    picture = make_image()
    response = post_json(
        client,
        live_blog,
        {"body": [TEXT[0], {"type": "image", "value": {"image": picture.pk}}]},
        token_for(publisher),
    )
    assert response.status_code == 422
    # Where the editing API's own check (the block's clean) found it: the
    # path of the value in the request, as Ninja names its schema errors.
    assert response.json()["errors"] == [
        {
            "type": "required",
            "loc": ["body", "data", "body", 1, "value", "credit"],
            "msg": "This field is required.",
        }
    ]


def test_a_body_that_is_not_json_is_400(client, live_blog, publisher):
    response = client.post(
        f"{V3}/{live_blog.pk}/updates/",
        data="{not json",
        content_type="application/json",
        headers=bearer(token_for(publisher)),
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_images_by_id_need_choose_permission(client, live_blog, home):
    picture = make_image()
    user = person("ivy", home, "add_page", "change_page", "publish_page")
    body = [{"type": "image", "value": {"image": picture.pk, "credit": "AP"}}]
    errors = errors_at(post_json(client, live_blog, {"body": body}, token_for(user)))
    assert f"You cannot use image {picture.pk}." in errors.values()


def test_an_image_by_id(client, live_blog, publisher):
    picture = make_image(title="Levee")
    body = [
        {
            "type": "image",
            "value": {"image": picture.pk, "credit": "AP", "caption": "At dawn"},
        }
    ]
    response = post_json(client, live_blog, {"body": body}, token_for(publisher))
    assert response.status_code == 201
    value = response.json()["body"][0]["value"]
    assert (value["id"], value["credit"], value["caption"]) == (
        picture.pk,
        "AP",
        "At dawn",
    )


# -- pictures in the same request ----------------------------------------------------


def png(width=64, height=48, colour=(200, 40, 40)) -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return buffer.getvalue()


def post_multipart(client, blog, update, token, files=None, **headers):
    data = {"update": json.dumps(update)}
    for name, (filename, content, kind) in (files or {}).items():
        data[name] = SimpleUploadedFile(filename, content, kind)
    return client.post(
        f"{V3}/{blog.pk}/updates/", data=data, headers=bearer(token, **headers)
    )


PHOTO_UPDATE = {
    "headline": "Flooded street",
    "body": [
        {
            "type": "image",
            "value": {
                "file": "photo",
                "caption": "Elm Street at noon",
                "credit": "Ana Reyes/Daily Planet",
                "alt": "Cars in brown water",
            },
        }
    ],
}


def test_a_picture_uploaded_with_the_update(client, live_blog, publisher):
    response = post_multipart(
        client,
        live_blog,
        PHOTO_UPDATE,
        token_for(publisher),
        files={"photo": ("elm.png", png(), "image/png")},
    )
    assert response.status_code == 201, response.content
    [item] = response.json()["body"]
    image = get_image_model().objects.get(pk=item["value"]["id"])
    assert_says_nothing(image, "Elm Street", "elm.png")
    assert (image.width, image.height) == (64, 48)
    assert image.uploaded_by_user == publisher
    assert image.collection == Collection.get_first_root_node()
    assert item["value"]["credit"] == "Ana Reyes/Daily Planet"
    assert item["value"]["caption"] == "Elm Street at noon"
    assert item["value"]["alt"] == "Cars in brown water"
    assert item["value"]["renditions"]


def test_a_drafts_picture_gets_renditions_only_when_published(
    client, live_blog, publisher
):
    from wagtail_liveblog import editing

    response = post_multipart(
        client,
        live_blog,
        {**PHOTO_UPDATE, "publish": False},
        token_for(publisher),
        files={"photo": ("elm.png", png(), "image/png")},
    )
    assert response.status_code == 201, response.content
    [item] = response.json()["body"]
    assert item["value"]["renditions"] == []
    image = get_image_model().objects.get(pk=item["value"]["id"])
    assert not image.renditions.exists()
    editing.edit_update(live_blog, response.json()["id"], user=publisher, publish=True)
    assert image.renditions.count() == 3  # IMAGE_RENDITIONS


def test_a_picture_claiming_too_many_pixels_is_a_422(client, live_blog, publisher):
    from tests.test_uploads import claimed_png

    response = post_multipart(
        client,
        live_blog,
        PHOTO_UPDATE,
        token_for(publisher),
        files={"photo": ("bomb.png", claimed_png(10_000, 10_000), "image/png")},
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["loc"] == ["body", "data", "body", 0, "value", "file"]
    assert "MAX_IMAGE_PIXELS" in error["msg"]
    assert not get_image_model().objects.exists()
    assert not LiveBlogUpdate.objects.filter(blog=live_blog).exists()


def test_a_replayed_upload_adds_no_second_image(client, live_blog, publisher):
    token = token_for(publisher)
    files = {"photo": ("elm.png", png(), "image/png")}
    key = {"Idempotency-Key": "photo-1"}
    first = post_multipart(client, live_blog, PHOTO_UPDATE, token, files, **key)
    again = post_multipart(client, live_blog, PHOTO_UPDATE, token, files, **key)
    assert again.json() == first.json()
    assert get_image_model().objects.count() == 1
    other_picture = {"photo": ("elm.png", png(colour=(0, 0, 0)), "image/png")}
    changed = post_multipart(
        client, live_blog, PHOTO_UPDATE, token, other_picture, **key
    )
    assert changed.status_code == 422
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize(
    ("files", "where"),
    [
        ({}, ("body", "data", "body", 0, "value", "file")),
        (
            {"photo": ("notes.txt", b"not a picture", "text/plain")},
            ("body", "data", "body", 0, "value", "file"),
        ),
    ],
)
def test_bad_uploads_name_the_file(client, live_blog, publisher, files, where):
    response = post_multipart(
        client, live_blog, PHOTO_UPDATE, token_for(publisher), files
    )
    assert where in errors_at(response)
    assert count(live_blog) == 0
    assert get_image_model().objects.count() == 0


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=200)
def test_uploads_meet_wagtails_size_limit(client, live_blog, publisher):
    response = post_multipart(
        client,
        live_blog,
        PHOTO_UPDATE,
        token_for(publisher),
        {"photo": ("big.png", png(400, 400), "image/png")},
    )
    message = errors_at(response)[("body", "data", "body", 0, "value", "file")]
    assert "too big" in message
    assert get_image_model().objects.count() == 0


def test_an_image_item_needs_an_id_or_a_file(client, live_blog, publisher):
    both = {
        "body": [
            {"type": "image", "value": {"image": 1, "file": "photo", "credit": "A"}}
        ]
    }
    response = post_multipart(
        client,
        live_blog,
        both,
        token_for(publisher),
        {"photo": ("a.png", png(), "image/png")},
    )
    assert ("body", "data", "body", 0, "value") in errors_at(response)


def test_uploading_needs_image_permission(client, live_blog, drafter):
    update = {**PHOTO_UPDATE, "publish": False}
    response = post_multipart(
        client,
        live_blog,
        update,
        token_for(drafter),
        {"photo": ("elm.png", png(), "image/png")},
    )
    assert response.status_code == 403
    assert get_image_model().objects.count() == 0
    assert count(live_blog) == 0


def test_a_multipart_request_needs_the_update_part(client, live_blog, publisher):
    response = client.post(
        f"{V3}/{live_blog.pk}/updates/",
        data={"photo": SimpleUploadedFile("a.png", png(), "image/png")},
        headers=bearer(token_for(publisher)),
    )
    assert response.status_code == 400
    assert '"update"' in response.json()["detail"]


def test_patch_replaces_the_body_with_an_uploaded_picture(client, live_blog, publisher):
    update_id = post(live_blog, "Before the photo")
    boundary = "liveblogboundary"
    from django.test.client import encode_multipart

    payload = encode_multipart(
        boundary,
        {
            "update": json.dumps(PHOTO_UPDATE),
            "photo": SimpleUploadedFile("elm.png", png(), "image/png"),
        },
    )
    response = client.patch(
        f"{V3}/{live_blog.pk}/updates/{update_id}/",
        data=payload,
        content_type=f"multipart/form-data; boundary={boundary}",
        headers=bearer(token_for(publisher)),
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["headline"] == "Flooded street"
    assert [item["type"] for item in data["body"]] == ["image"]


# -- the OpenAPI document -------------------------------------------------------------


def test_the_routes_are_in_wagtails_openapi_document(client):
    document = client.get("/api/v3/openapi.json").json()
    updates = document["paths"]["/api/v3/liveblogs/{page_id}/updates/"]
    one = document["paths"]["/api/v3/liveblogs/{page_id}/updates/{update_id}/"]
    assert set(updates) == {"get", "post"}
    assert set(one) == {"get", "patch", "delete"}
    assert "/api/v3/liveblogs/{page_id}/" in document["paths"]
    assert "/api/v3/liveblogs/" in document["paths"]

    create = updates["post"]
    content = create["requestBody"]["content"]
    assert content["application/json"]["schema"] == {
        "$ref": "#/components/schemas/LiveBlogUpdateCreateSchema"
    }
    multipart = content["multipart/form-data"]
    assert multipart["schema"]["properties"]["update"] == {
        "$ref": "#/components/schemas/LiveBlogUpdateCreateSchema"
    }
    assert multipart["encoding"]["update"]["contentType"] == "application/json"
    assert create["responses"]["201"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/LiveBlogWrittenUpdate"
    }
    assert {"in": "header", "name": "Idempotency-Key"}.items() <= next(
        p for p in create["parameters"] if p["name"] == "Idempotency-Key"
    ).items()
    assert create["security"] == [{"BearerTokenAuth": []}]
    assert one["patch"]["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/LiveBlogUpdatePatchSchema"
    }
    assert "204" in one["delete"]["responses"]

    schemas = document["components"]["schemas"]
    created = schemas["LiveBlogUpdateCreateSchema"]["properties"]
    assert set(created) == {
        "headline",
        "body",
        "pinned",
        "key_event",
        "authors",
        "posted_at",
        "publish",
        "go_live_at",
    }
    written = schemas["LiveBlogWrittenUpdate"]["properties"]
    assert {"id", "url", "headline", "body", "meta"} <= set(written)
    assert "LiveBlogImageValueInput" in schemas
    assert "file" in schemas["LiveBlogImageValueInput"]["properties"]


@pytest.mark.parametrize(
    "raw",
    [
        b"[]",
        b'"text"',
        b"5",
        b"null",
        b'{"body": "x"}',
        b'{"body": [1]}',
        b'{"body": [{"type": "text"}]}',
        b'{"body": [{"type": "text", "value": 5}]}',
        b'{"body": [{"type": "image", "value": {"image": "abc", "credit": "x"}}]}',
        b'{"body": [{"type": "image", "value": {"image": 1180591620717411303424, "credit": "x"}}]}',
        b'{"body": [{"type": "image", "value": {"file": "p", "collection": 99, "credit": "x"}}]}',
        b'{"headline": "\\u0000\\u0001"}',
        b'{"headline": "x", "go_live_at": "2026-13-45T99:00"}',
        b'{"headline": "x", "posted_at": 1e300}',
        b'{"headline": "x", "posted_at": "9999-12-31T23:59:59+14:00"}',
        b'{"headline": {"nested": ["deep"]}}',
        b'{"body": [{"type": "text", "value": "' + b"<b>" * 2000 + b'x"}]}',
        b"\xff\xfe not utf-8",
    ],
)
def test_junk_is_never_a_500(client, live_blog, publisher, raw):
    response = client.post(
        f"{V3}/{live_blog.pk}/updates/",
        data=raw,
        content_type="application/json",
        headers=bearer(token_for(publisher)),
    )
    # Unreadable JSON is a 400; JSON that is not a valid update, a 422.
    assert response.status_code == (400 if raw.startswith(b"\xff") else 422), raw
    assert response["Content-Type"] == "application/problem+json"
    assert count(live_blog) == 0


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_body_too_large_is_413(client, live_blog, publisher):
    response = post_json(
        client,
        live_blog,
        {"headline": "x", "body": [TEXT[0]] * 50},
        token_for(publisher),
    )
    assert response.status_code == 413
    assert count(live_blog) == 0


def run_at_once(count: int, work) -> list:
    """``work()`` in ``count`` threads released at the same moment."""
    barrier = threading.Barrier(count)
    results: list = []

    def worker() -> None:
        try:
            barrier.wait(timeout=30)
            results.append(work())
        except BaseException as error:
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_post_sent_at_once_posts_once(home):
    if connection.vendor == "sqlite" and connection.creation.is_in_memory_db(
        connection.settings_dict["NAME"]
    ):
        pytest.skip("needs a database in a file (the default) or PostgreSQL")
    blog = publish(LiveBlogPageFactory(parent=home))
    token = token_for(person("pat", home, "add_page", "change_page", "publish_page"))

    def send():
        return post_json(
            Client(),
            blog,
            {"headline": "Once", "body": TEXT},
            token,
            **{"Idempotency-Key": "all-at-once"},
        )

    responses = run_at_once(6, send)
    assert [getattr(r, "status_code", r) for r in responses] == [201] * 6
    assert len({r.content for r in responses}) == 1
    assert count(blog) == 1
    assert LiveBlogIdempotencyKey.objects.count() == 1


def test_the_body_schema_takes_every_type_the_editing_api_takes(client):
    from wagtail_liveblog.editing.body import body_block

    document = client.get("/api/v3/openapi.json").json()
    schema = document["components"]["schemas"]["LiveBlogUpdateCreateSchema"]
    mapping = schema["properties"]["body"]["items"]["discriminator"]["mapping"]
    assert set(mapping) == set(body_block().child_blocks)


def test_an_embed_by_its_link(client, live_blog, publisher):
    """(Embeds come from the test suite's local oEmbed finder.)"""
    token = token_for(publisher)
    body = [
        {"type": "embed", "value": "https://video.example/watch/levee"},
        {"type": "embed", "value": {"url": "https://social.example/mayor/status/1"}},
    ]
    response = post_json(client, live_blog, {"body": body}, token)
    assert response.status_code == 201, response.content
    assert [item["type"] for item in response.json()["body"]] == ["embed", "embed"]
    bad = [{"type": "embed", "value": {"link": "https://video.example/x"}}]
    errors = errors_at(post_json(client, live_blog, {"body": bad}, token))
    assert ("body", "data", "body", 0, "embed", "value", "str") in errors


# -- answers that tell nothing ----------------------------------------------------------


@pytest.mark.parametrize("flag", ["pinned", "key_event", "publish"])
@pytest.mark.parametrize("value", ["yes", "true", 1, 0, "1", None])
def test_flags_are_strictly_true_or_false(client, live_blog, publisher, flag, value):
    response = post_json(
        client, live_blog, {"headline": "Flag", flag: value}, token_for(publisher)
    )
    assert response.status_code == 422
    assert ("body", "data", flag) in errors_at(response)
    assert count(live_blog) == 0


def test_an_image_that_does_not_exist_answers_like_one_the_user_may_not_use(
    client, live_blog, home
):
    # A private image: in a collection the poster may not choose from.
    secret = Collection.get_first_root_node().add_child(name="Private pictures")
    hidden = make_image(title="Hidden")
    hidden.collection = secret
    hidden.save()
    poster = person("pat", live_blog, "add_page", "change_page", "publish_page")
    token = token_for(poster)

    def message(image_id: int) -> str:
        body = [{"type": "image", "value": {"image": image_id, "credit": "AP"}}]
        response = post_json(client, live_blog, {"body": body}, token)
        assert response.status_code == 422
        [error] = response.json()["errors"]
        return error["msg"].replace(str(image_id), "N")

    assert message(hidden.pk) == message(hidden.pk + 1000) == "You cannot use image N."
    assert count(live_blog) == 0
