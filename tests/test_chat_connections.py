"""Chat connections follow the blog's permissions: who may connect a chat
to which blog, as whom it posts, what each user sees in Settings → Live
blog chat, and a connection refused once its user loses the right."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from tests.factories import LiveBlogPageFactory, editor, publish
from tests.ingest_support import CLIENT, FakeClient
from tests.roles import cast
from wagtail_liveblog.ingest import telegram
from wagtail_liveblog.ingest.models import ChatConnection
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.urls_ingest")]

ADMIN = "/admin/wagtail_liveblog_chat/"
PAYLOADS = Path(__file__).with_name("ingest_payloads")
SECRET = "d2a1b7c4-telegram-webhook-secret"
CHAT_ID = "-1001234567890"  # the chat of telegram_message.json


@pytest.fixture(autouse=True)
def ingest_settings(settings):
    settings.WAGTAIL_LIVEBLOG = {
        "TELEGRAM_BOT_TOKEN": "1:token",
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "INGEST_CLIENT": CLIENT,
    }
    FakeClient.reset(answers={}, downloads={})


@pytest.fixture
def blogs(home):
    a = publish(LiveBlogPageFactory(parent=home, title="Blog A"))
    b = publish(LiveBlogPageFactory(parent=home, title="Blog B"))
    return a, b


@pytest.fixture
def people(blogs):
    people = cast(*blogs)
    # The docs suggest giving a desk's group the chat connection permissions.
    chat_permissions = Permission.objects.filter(
        content_type__app_label="wagtail_liveblog_ingest",
        codename__endswith="chatconnection",
    )
    for person in people.values():
        person.user_permissions.add(*chat_permissions)
    return people


def form(blog, **fields) -> dict:
    data = {
        "name": "Storm desk",
        "service": "telegram",
        "channel": CHAT_ID,
        "blog": blog.pk,
        "publish": "on",
        "enabled": "on",
    }
    data.update(fields)
    return {key: value for key, value in data.items() if value is not None}


def send_telegram(client):
    return client.post(
        "/liveblog-ingest/telegram/",
        data=(PAYLOADS / "telegram_message.json").read_bytes(),
        content_type="application/json",
        headers={telegram.SECRET_HEADER: SECRET},
    )


def test_an_editor_cannot_connect_another_blog_or_post_as_someone_else(
    client, people, blogs
):
    a, b = blogs
    boss = editor()  # a superuser
    client.force_login(people["editor_a"])
    # The repro: blog B, posting as a superuser, published at once.
    response = client.post(f"{ADMIN}new/", form(b, user=boss.pk))
    assert response.status_code == 200
    assert "You may not publish on this live blog." in response.content.decode()
    assert not ChatConnection.objects.exists()
    # On blog A the "post as" choice is not theirs: it posts as them.
    response = client.post(f"{ADMIN}new/", form(a, user=boss.pk))
    assert response.status_code == 302
    connection = ChatConnection.objects.get()
    assert connection.blog_id == a.pk and connection.user == people["editor_a"]
    # A message from the chat is live on A, made by the editor, not the boss.
    assert send_telegram(client).json()["result"] == "posted"
    update = LiveBlogUpdate.objects.get()
    assert update.blog_id == a.pk and update.live
    assert update.latest_revision.user == people["editor_a"]
    assert not LiveBlogUpdate.objects.filter(blog=b).exists()


def test_a_contributor_connects_drafts_only(client, people, blogs):
    a, _b = blogs
    client.force_login(people["contributor_a"])
    response = client.post(f"{ADMIN}new/", form(a))
    assert "You may not publish on this live blog." in response.content.decode()
    response = client.post(f"{ADMIN}new/", form(a, publish=None))
    assert response.status_code == 302
    connection = ChatConnection.objects.get()
    assert connection.user == people["contributor_a"] and not connection.publish


def test_a_superuser_chooses_among_active_users_who_may_edit(client, people, blogs):
    a, b = blogs
    people["editor_b"].is_active = False
    people["editor_b"].save()
    client.force_login(editor())
    html = client.get(f"{ADMIN}new/").content.decode()
    assert ">edna<" in html and ">carl<" in html
    assert ">bea<" not in html  # inactive
    assert ">otto<" not in html  # may edit no blog
    # A choice that may not edit the chosen blog is a form error.
    response = client.post(f"{ADMIN}new/", form(b, user=people["editor_a"].pk))
    assert response.status_code == 200
    assert not ChatConnection.objects.exists()
    response = client.post(f"{ADMIN}new/", form(a, user=people["editor_a"].pk))
    assert response.status_code == 302
    assert ChatConnection.objects.get().user == people["editor_a"]


def test_each_user_sees_only_their_blogs_connections(client, people, blogs):
    a, _b = blogs
    connection = ChatConnection.objects.create(
        name="A's secret desk",
        service="telegram",
        channel="1",
        blog=a,
        user=people["editor_a"],
    )
    client.force_login(people["editor_b"])
    assert "A&#x27;s secret desk" not in client.get(ADMIN).content.decode()
    assert "secret desk" not in client.get(ADMIN).content.decode()
    for path in (
        f"edit/{connection.pk}/",
        f"delete/{connection.pk}/",
        f"history/{connection.pk}/",
        f"usage/{connection.pk}/",
    ):
        assert client.get(f"{ADMIN}{path}").status_code == 404, path
    client.post(f"{ADMIN}delete/{connection.pk}/")
    assert ChatConnection.objects.filter(pk=connection.pk).exists()
    client.force_login(people["editor_a"])
    assert "secret desk" in client.get(ADMIN).content.decode()


def test_a_connection_is_refused_once_its_user_loses_the_right(client, people, blogs):
    a, _b = blogs
    ChatConnection.objects.create(
        name="Storm desk",
        service="telegram",
        channel=CHAT_ID,
        blog=a,
        user=people["editor_a"],
    )
    people["editor_a"].groups.clear()
    assert send_telegram(client).json() == {"ok": True, "result": "refused"}
    assert not LiveBlogUpdate.objects.exists()
