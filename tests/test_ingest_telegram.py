"""Telegram ingest: recorded bot webhook updates.

The webhook's secret header is checked; photos come through a fake client
(getFile, then the file); a guard makes any real network call fail.
"""

from __future__ import annotations

import json
import logging
import urllib.error
from pathlib import Path

import pytest
from wagtail.images import get_image_model

from tests.factories import assert_says_nothing, editor, publish
from tests.ingest_support import CLIENT, FakeClient, png
from wagtail_liveblog.ingest import telegram
from wagtail_liveblog.ingest.client import HTTPClient, ServiceError
from wagtail_liveblog.ingest.formatting import inline_html
from wagtail_liveblog.ingest.models import ChatConnection, IngestedMessage
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.urls_ingest"),
    pytest.mark.usefixtures("no_network"),
]

PAYLOADS = Path(__file__).with_name("ingest_payloads")
WEBHOOK = "/liveblog-ingest/telegram/"
SECRET = "d2a1b7c4-telegram-webhook-secret"
BOT_TOKEN = "110201543:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"
GET_FILE = f"https://api.telegram.org/bot{BOT_TOKEN}/getFile"
FILE_URL = f"https://api.telegram.org/file/bot{BOT_TOKEN}/photos/file_17.png"


@pytest.fixture(autouse=True)
def ingest_settings(settings):
    settings.WAGTAIL_LIVEBLOG = {
        "TELEGRAM_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
        "INGEST_CLIENT": CLIENT,
    }
    FakeClient.reset(
        downloads={FILE_URL: (png((20, 80, 160)), "image/png")},
        answers={
            GET_FILE: json.loads((PAYLOADS / "telegram_get_file.json").read_text())
        },
    )


@pytest.fixture
def live_blog(blog):
    return publish(blog)


@pytest.fixture
def connection(live_blog):
    return ChatConnection.objects.create(
        name="Storm desk",
        service="telegram",
        channel="-1001234567890",
        blog=live_blog,
        user=editor(),
    )


def payload(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


def send(client, body: bytes, secret: str | None = SECRET):
    headers = {} if secret is None else {telegram.SECRET_HEADER: secret}
    return client.post(
        WEBHOOK, data=body, content_type="application/json", headers=headers
    )


def updates(blog) -> list[LiveBlogUpdate]:
    return list(LiveBlogUpdate.objects.filter(blog_id=blog.pk))


def v2_item(client, blog, update_id) -> dict:
    return client.get(f"/api/v2/liveblogs/{blog.pk}/updates/{update_id}/").json()


# -- the secret header ---------------------------------------------------------------


def test_the_secret_header_is_required(client, live_blog, connection):
    body = payload("telegram_message.json")
    for secret in (None, "", "wrong", SECRET + "x"):
        response = send(client, body, secret)
        assert response.status_code == 403
        assert response.json()["ok"] is False
    assert updates(live_blog) == []
    assert send(client, body).json() == {"ok": True, "result": "posted"}
    assert len(updates(live_blog)) == 1


def test_without_a_webhook_secret_the_receiver_is_off(client, settings, db):
    settings.WAGTAIL_LIVEBLOG = {"TELEGRAM_BOT_TOKEN": BOT_TOKEN}
    assert send(client, payload("telegram_message.json"), "").status_code == 404


def test_bad_bodies_are_400(client, db):
    assert send(client, b"not json").status_code == 400
    assert send(client, b'"a string"').status_code == 400
    assert client.get(WEBHOOK).status_code == 405


# -- messages ---------------------------------------------------------------------


def test_a_message_posts_with_its_formatting(client, live_blog, connection):
    version = client.get(f"/api/v2/liveblogs/{live_blog.pk}/").json()["version"]
    send(client, payload("telegram_message.json"))
    [update] = updates(live_blog)
    item = v2_item(client, live_blog, update.pk)
    assert item["headline"] == "Levee breached 🌊"
    assert item["author"] == "Ana Reyes"
    assert item["body"][0]["value"] == (
        "<p>Water is pouring into the <i>old town</i>. Map: "
        '<a href="http://example.com/map">example.com/map</a><br/>'
        'More at our <a href="https://example.com/live">live page</a>.</p>'
    )
    changes = client.get(
        f"/api/v2/liveblogs/{live_blog.pk}/updates/?since={version}"
    ).json()
    assert [i["id"] for i in changes["items"]] == [str(update.pk)]


def test_a_message_delivered_twice_posts_once(client, live_blog, connection):
    body = payload("telegram_message.json")
    assert send(client, body).json()["result"] == "posted"
    assert send(client, body).json()["result"] == "duplicate"
    assert len(updates(live_blog)) == 1


def test_an_edited_message_edits_the_update(client, live_blog, connection):
    send(client, payload("telegram_message.json"))
    assert (
        send(client, payload("telegram_edited_message.json")).json()["result"]
        == "edited"
    )
    [update] = updates(live_blog)
    item = v2_item(client, live_blog, update.pk)
    assert item["headline"] == "Levee breached in two places"
    assert item["body"][0]["value"] == "<p>Water is pouring into the old town.</p>"
    assert item["updated_at"] is not None


def test_a_reply_delete_removes_the_update(client, live_blog, connection):
    send(client, payload("telegram_message.json"))
    [update] = updates(live_blog)
    version = client.get(f"/api/v2/liveblogs/{live_blog.pk}/").json()["version"]
    assert (
        send(client, payload("telegram_delete_command.json")).json()["result"]
        == "removed"
    )
    assert updates(live_blog) == []
    changes = client.get(
        f"/api/v2/liveblogs/{live_blog.pk}/updates/?since={version}"
    ).json()
    assert changes["deleted"] == [str(update.pk)]


def test_deleted_business_messages_are_followed(client, live_blog, connection):
    send(client, payload("telegram_message.json"))
    response = send(client, payload("telegram_deleted_business_messages.json"))
    assert response.json()["result"] == "removed"
    assert updates(live_blog) == []
    assert IngestedMessage.objects.count() == 0


def test_a_photo_becomes_an_image_with_its_caption(client, live_blog, connection):
    assert send(client, payload("telegram_photo.json")).json()["result"] == "posted"
    [update] = updates(live_blog)
    [block] = v2_item(client, live_blog, update.pk)["body"]
    assert block["type"] == "image"
    assert block["value"]["caption"] == "Cars under water on Elm Street"
    assert block["value"]["credit"] == "Ana Reyes"  # the sender
    image = get_image_model().objects.get(pk=block["value"]["id"])
    assert_says_nothing(image, "Cars under water", "file_17")
    # The largest size, through getFile and the file URL.
    assert FakeClient.calls == [
        ("get_json", GET_FILE, {"file_id": "AgACAgQAAxkBAAIBLarge"}, None),
        ("download", FILE_URL, None, None),
    ]


def test_an_edited_caption_keeps_the_image(client, live_blog, connection):
    send(client, payload("telegram_photo.json"))
    FakeClient.calls = []
    assert (
        send(client, payload("telegram_edited_photo.json")).json()["result"] == "edited"
    )
    [update] = updates(live_blog)
    [block] = v2_item(client, live_blog, update.pk)["body"]
    assert block["value"]["caption"] == "Cars under water on Elm Street at noon"
    assert block["value"]["credit"] == "Reuters"  # "Credit: Reuters"
    assert FakeClient.calls == []  # not downloaded again
    assert get_image_model().objects.count() == 1


def test_the_post_command_posts_the_rest(client, live_blog, connection):
    assert (
        send(client, payload("telegram_post_command.json")).json()["result"] == "posted"
    )
    [update] = updates(live_blog)
    item = v2_item(client, live_blog, update.pk)
    assert item["body"][0]["value"] == "<p>Power is back in the north of the city</p>"


def test_a_channel_post_is_signed_by_its_author(client, live_blog, connection):
    connection.channel = "-1009876543210"
    connection.save()
    send(client, payload("telegram_channel_post.json"))
    [update] = updates(live_blog)
    assert update.byline == "Lois Lane"


def test_chats_nobody_connected_are_refused(client, live_blog, connection):
    connection.channel = "-100999"
    connection.save()
    response = send(client, payload("telegram_message.json"))
    assert response.status_code == 200  # so that Telegram does not retry
    assert response.json()["result"] == "ignored"
    assert updates(live_blog) == []


def test_bots_and_other_commands_are_ignored(client, live_blog, connection):
    message = json.loads(payload("telegram_message.json"))
    message["message"]["from"]["is_bot"] = True
    assert send(client, json.dumps(message).encode()).json()["result"] == "ignored"
    start = json.loads(payload("telegram_post_command.json"))
    start["message"]["text"] = "/start"
    start["message"]["entities"][0]["length"] = 6
    assert send(client, json.dumps(start).encode()).json()["result"] == "ignored"
    assert updates(live_blog) == []


def test_a_drafts_connection_posts_drafts(client, live_blog, connection):
    connection.publish = False
    connection.save()
    assert send(client, payload("telegram_message.json")).json()["result"] == (
        "drafted"
    )
    [update] = updates(live_blog)
    assert not update.live


def test_edits_of_drafts_stay_drafts(client, live_blog, connection):
    connection.publish = False
    connection.save()
    send(client, payload("telegram_message.json"))
    send(client, payload("telegram_edited_message.json"))
    [update] = updates(live_blog)
    assert not update.live
    latest = update.get_latest_revision_as_object()
    assert latest.headline == "Levee breached in two places"


# -- Telegram's formatting entities ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "entities", "html"),
    [
        ("plain", [], "plain"),
        ("😀 bold", [{"type": "bold", "offset": 3, "length": 4}], "😀 <b>bold</b>"),
        (
            "👍🏽 link",
            [{"type": "text_link", "offset": 5, "length": 4, "url": "https://x.org"}],
            '👍🏽 <a href="https://x.org">link</a>',
        ),
        (
            "go",
            [{"type": "text_link", "offset": 0, "length": 2, "url": "javascript:x"}],
            "go",
        ),
        (
            "a@b.org",
            [{"type": "email", "offset": 0, "length": 7}],
            '<a href="mailto:a@b.org">a@b.org</a>',
        ),
        (
            "both",
            [
                {"type": "bold", "offset": 0, "length": 4},
                {"type": "italic", "offset": 2, "length": 2},
            ],
            "<b>bo</b><b><i>th</i></b>",
        ),
        ("<script>", [{"type": "bold", "offset": 99, "length": 3}], "&lt;script&gt;"),
    ],
)
def test_entities_to_html(text, entities, html):
    assert inline_html(telegram.entity_spans(text, entities)) == html


# -- secrets stay secret -------------------------------------------------------------


def test_the_real_client_never_logs_the_token(
    client, settings, live_blog, connection, monkeypatch, caplog
):
    """The bot token is in Telegram's URLs: a failed download must not show
    it, in the error or in the log."""
    settings.WAGTAIL_LIVEBLOG = {
        "TELEGRAM_BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_WEBHOOK_SECRET": SECRET,
    }
    seen = []

    def fail(opener, request, data=None, timeout=None):
        seen.append(request.full_url)
        raise urllib.error.HTTPError(request.full_url, 404, "Not Found", {}, None)

    monkeypatch.setattr("urllib.request.OpenerDirector.open", fail)
    with caplog.at_level(logging.DEBUG):
        response = send(client, payload("telegram_photo.json"))
    assert response.json()["result"] == "posted"  # the caption, as text
    assert seen == [f"{GET_FILE}?file_id=AgACAgQAAxkBAAIBLarge"]
    assert "Chat photo AQADLarge not fetched" in caplog.text
    assert BOT_TOKEN not in caplog.text
    assert SECRET not in caplog.text
    [update] = updates(live_blog)
    assert [b["type"] for b in v2_item(client, live_blog, update.pk)["body"]] == [
        "text"
    ]


def test_the_real_client_fetches_over_https_only():
    with pytest.raises(ServiceError, match="Only HTTPS"):
        HTTPClient().download("http://api.telegram.org/file/x", max_bytes=10)


def test_redirects_never_carry_credentials_to_another_host():
    import urllib.request

    from wagtail_liveblog.ingest.client import CredentialSafeRedirects

    def follow(to: str) -> urllib.request.Request:
        request = urllib.request.Request(
            "https://files.slack.com/files-pri/T1-F1/photo.png",
            headers={"Authorization": "Bearer xoxb-secret", "Accept": "image/*"},
        )
        return CredentialSafeRedirects().redirect_request(
            request, None, 302, "Found", {}, to
        )

    elsewhere = follow("https://attacker.example/steal")
    assert elsewhere.full_url == "https://attacker.example/steal"
    assert "xoxb-secret" not in str(elsewhere.header_items())
    assert elsewhere.get_header("Accept") == "image/*"
    same_host = follow("https://files.slack.com/files-pri/T1-F1/download/photo.png")
    assert same_host.get_header("Authorization") == "Bearer xoxb-secret"
    with pytest.raises(ServiceError, match="not HTTPS"):
        follow("http://files.slack.com/plain")
