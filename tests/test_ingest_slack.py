"""Slack ingest: recorded Events API and slash-command payloads.

Signatures are made here as Slack makes them (HMAC-SHA256 of
``v0:<timestamp>:<body>`` under the signing secret). Photos and names come
through a fake client; a guard makes any real network call fail.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.checks import run_checks
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model

from tests.factories import assert_says_nothing, editor, publish
from tests.ingest_support import CLIENT, FakeClient, png
from wagtail_liveblog.ingest import slack
from wagtail_liveblog.ingest.formatting import lines_from_spans, to_html
from wagtail_liveblog.ingest.models import ChatConnection, IngestedMessage
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.urls_ingest"),
    pytest.mark.usefixtures("no_network"),
]

PAYLOADS = Path(__file__).with_name("ingest_payloads")
SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-17653672481-19874698323-pdFZKVeTuE8sk7oOcBrzbqgy"
EVENTS = "/liveblog-ingest/slack/events/"
COMMAND = "/liveblog-ingest/slack/command/"
PHOTO_URL = (
    "https://files.slack.com/files-pri/T061EG9R6-F0PHOTO001/download/img_0042.png"
)


@pytest.fixture(autouse=True)
def ingest_settings(settings):
    settings.WAGTAIL_LIVEBLOG = {
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "INGEST_CLIENT": CLIENT,
    }
    FakeClient.reset(
        downloads={PHOTO_URL: (png(), "image/png")},
        answers={
            slack.USERS_INFO: json.loads(
                (PAYLOADS / "slack_users_info.json").read_text()
            )
        },
    )


@pytest.fixture
def live_blog(blog):
    return publish(blog)


@pytest.fixture
def connection(live_blog):
    return ChatConnection.objects.create(
        name="Storm desk",
        service="slack",
        channel="C0123LIVE",
        blog=live_blog,
        user=editor(),
    )


def payload(name: str) -> bytes:
    return (PAYLOADS / name).read_bytes()


def signed(body: bytes, timestamp: int | None = None, secret: str = SECRET) -> dict:
    timestamp = int(time.time()) if timestamp is None else timestamp
    base = f"v0:{timestamp}:".encode() + body
    signature = hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()
    return {
        "X-Slack-Request-Timestamp": str(timestamp),
        "X-Slack-Signature": f"v0={signature}",
    }


def send(client, body: bytes, headers: dict | None = None, url: str = EVENTS):
    kind = "application/json" if url == EVENTS else "application/x-www-form-urlencoded"
    return client.post(
        url,
        data=body,
        content_type=kind,
        headers=signed(body) if headers is None else headers,
    )


def updates(blog) -> list[LiveBlogUpdate]:
    return list(LiveBlogUpdate.objects.filter(blog_id=blog.pk))


def v2_item(client, blog, update_id) -> dict:
    return client.get(f"/api/v2/liveblogs/{blog.pk}/updates/{update_id}/").json()


# -- signatures -------------------------------------------------------------------


def test_a_signed_message_posts_and_a_forged_one_posts_nothing(
    client, live_blog, connection
):
    body = payload("slack_message.json")
    forged = dict(signed(body), **{"X-Slack-Signature": "v0=" + "0" * 64})
    refused = send(client, body, forged)
    assert refused.status_code == 403
    assert updates(live_blog) == []

    version = client.get(f"/api/v2/liveblogs/{live_blog.pk}/").json()["version"]
    response = send(client, body)
    assert response.status_code == 200
    assert response.json() == {"ok": True, "result": "posted"}
    [update] = updates(live_blog)
    changes = client.get(
        f"/api/v2/liveblogs/{live_blog.pk}/updates/?since={version}"
    ).json()
    assert [item["id"] for item in changes["items"]] == [str(update.pk)]
    assert "Levee breached on Elm Street" in client.get(live_blog.url).content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"X-Slack-Request-Timestamp": "now", "X-Slack-Signature": "v0=abc"},
        "wrong secret",
        "stale",
        "from the future",
        "body changed",
    ],
)
def test_bad_signatures_are_refused(client, live_blog, connection, headers):
    body = payload("slack_message.json")
    if headers == "wrong secret":
        headers = signed(body, secret="not-the-secret")
    elif headers == "stale":
        headers = signed(body, timestamp=int(time.time()) - 6 * 60)
    elif headers == "from the future":
        headers = signed(body, timestamp=int(time.time()) + 6 * 60)
    elif headers == "body changed":
        headers = signed(body.replace(b"Elm Street", b"Oak Street"))
    response = send(client, body, headers)
    assert response.status_code == 403
    assert response.json()["ok"] is False
    assert updates(live_blog) == []
    assert IngestedMessage.objects.count() == 0


def test_a_replayed_request_posts_once(client, live_blog, connection):
    body = payload("slack_message.json")
    headers = signed(body)
    assert send(client, body, headers).json()["result"] == "posted"
    assert send(client, body, headers).json()["result"] == "duplicate"
    assert len(updates(live_blog)) == 1


def test_url_verification_answers_the_challenge(client, db):
    response = send(client, payload("slack_url_verification.json"))
    assert response.json() == {
        "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    }
    forged = send(
        client,
        payload("slack_url_verification.json"),
        signed(b"something else"),
    )
    assert forged.status_code == 403


def test_without_a_signing_secret_the_receiver_is_off(client, settings, db):
    settings.WAGTAIL_LIVEBLOG = {"SLACK_BOT_TOKEN": BOT_TOKEN}
    body = payload("slack_url_verification.json")
    assert send(client, body).status_code == 404


def test_rotated_secrets_are_all_accepted(client, settings, live_blog, connection):
    settings.WAGTAIL_LIVEBLOG = {
        "SLACK_SIGNING_SECRET": ["new-secret", SECRET],
        "INGEST_CLIENT": CLIENT,
    }
    body = payload("slack_message.json")
    assert send(client, body, signed(body, secret="new-secret")).status_code == 200
    assert len(updates(live_blog)) == 1


def test_only_post_is_allowed_and_bad_json_is_400(client, db):
    assert client.get(EVENTS).status_code == 405
    assert send(client, b"{not json").status_code == 400
    assert send(client, b"[1, 2]").status_code == 400


# -- messages ---------------------------------------------------------------------


def test_text_becomes_a_text_block_with_its_formatting(client, live_blog, connection):
    send(client, payload("slack_message.json"))
    [update] = updates(live_blog)
    item = v2_item(client, live_blog, update.pk)
    assert item["headline"] == "Levee breached on Elm Street"
    assert item["author"] == "Ana Reyes"
    assert [block["type"] for block in item["body"]] == ["text"]
    assert item["body"][0]["value"] == (
        '<p>Water is <a href="https://example.com/map">pouring into</a> the '
        "<i>old town</i>. 🌊</p><ul><li>Evacuate now</li><li>Avoid the bridge</li></ul>"
    )
    assert update.live
    # The history says who posted: the connection's Wagtail user.
    assert update.latest_revision.user == connection.user


def test_an_edited_message_edits_the_update(client, live_blog, connection):
    send(client, payload("slack_message.json"))
    [update] = updates(live_blog)
    version = client.get(f"/api/v2/liveblogs/{live_blog.pk}/").json()["version"]
    response = send(client, payload("slack_message_changed.json"))
    assert response.json()["result"] == "edited"
    item = v2_item(client, live_blog, update.pk)
    assert item["headline"] == "Levee breached on Elm and Oak streets"
    assert item["body"][0]["value"] == "<p>Water is pouring into the old town.</p>"
    assert item["updated_at"] is not None
    changes = client.get(
        f"/api/v2/liveblogs/{live_blog.pk}/updates/?since={version}"
    ).json()
    assert [i["id"] for i in changes["items"]] == [str(update.pk)]


def test_a_deleted_message_removes_the_update(client, live_blog, connection):
    send(client, payload("slack_message.json"))
    [update] = updates(live_blog)
    version = client.get(f"/api/v2/liveblogs/{live_blog.pk}/").json()["version"]
    assert send(client, payload("slack_message_deleted.json")).json()["result"] == (
        "removed"
    )
    assert updates(live_blog) == []
    changes = client.get(
        f"/api/v2/liveblogs/{live_blog.pk}/updates/?since={version}"
    ).json()
    assert changes["deleted"] == [str(update.pk)]
    assert IngestedMessage.objects.count() == 0
    # Deleting again, or editing what is gone, does nothing.
    assert send(client, payload("slack_message_deleted.json")).json()["result"] == (
        "ignored"
    )
    assert send(client, payload("slack_message_changed.json")).json()["result"] == (
        "ignored"
    )
    assert updates(live_blog) == []


def test_a_photo_becomes_an_image_block_with_caption_and_credit(
    client, live_blog, connection
):
    assert send(client, payload("slack_file_share.json")).json()["result"] == "posted"
    [update] = updates(live_blog)
    [block] = v2_item(client, live_blog, update.pk)["body"]
    assert block["type"] == "image"
    value = block["value"]
    assert value["caption"] == "Cars under water on Elm Street"
    assert value["credit"] == "Ana Reyes/Daily Planet"
    assert value["alt"] == "Two cars in brown flood water"
    image = get_image_model().objects.get(pk=value["id"])
    assert_says_nothing(image, "Cars under water", "flood")
    assert (image.width, image.height) == (64, 48)
    assert FakeClient.calls == [
        ("download", PHOTO_URL, None, {"Authorization": f"Bearer {BOT_TOKEN}"})
    ]


def test_the_credit_is_the_senders_name_without_a_credit_line(
    client, live_blog, connection
):
    event = json.loads(payload("slack_file_share.json"))
    event["event"]["text"] = "Cars under water"
    send(client, json.dumps(event).encode())
    [update] = updates(live_blog)
    value = v2_item(client, live_blog, update.pk)["body"][0]["value"]
    assert value["credit"] == "Ana Reyes"
    assert value["caption"] == "Cars under water"


def test_a_photo_that_cannot_be_fetched_leaves_the_text(client, live_blog, connection):
    FakeClient.downloads = {}
    assert send(client, payload("slack_file_share.json")).json()["result"] == "posted"
    [update] = updates(live_blog)
    body = v2_item(client, live_blog, update.pk)["body"]
    assert [block["type"] for block in body] == ["text"]
    assert body[0]["value"] == "<p>Cars under water on Elm Street</p>"
    assert get_image_model().objects.count() == 0


def test_a_credit_line_without_photos_stays_text(client, live_blog, connection):
    event = json.loads(payload("slack_message.json"))
    del event["event"]["blocks"]
    event["event"]["text"] = "Quote of the day\nCredit: the mayor's office"
    send(client, json.dumps(event).encode())
    [update] = updates(live_blog)
    assert v2_item(client, live_blog, update.pk)["body"][0]["value"] == (
        "<p>Quote of the day<br/>Credit: the mayor's office</p>"
    )


def test_a_bold_first_line_too_long_for_a_headline_stays_text(
    client, live_blog, connection, settings
):
    settings.WAGTAIL_LIVEBLOG = {**settings.WAGTAIL_LIVEBLOG, "MAX_HEADLINE_LENGTH": 20}
    send(client, payload("slack_message.json"))
    [update] = updates(live_blog)
    item = v2_item(client, live_blog, update.pk)
    assert item["headline"] == ""
    assert item["body"][0]["value"].startswith(
        "<p><b>Levee breached on Elm Street</b><br/>Water is"
    )


def test_photos_are_only_fetched_from_slack(client, live_blog, connection):
    event = json.loads(payload("slack_file_share.json"))
    event["event"]["files"][0]["url_private_download"] = "https://evil.example/x.png"
    event["event"]["files"][0]["url_private"] = "https://evil.example/x.png"
    send(client, json.dumps(event).encode())
    assert FakeClient.calls == []  # the bot token never leaves for another host


def test_the_sender_is_looked_up_when_the_event_has_no_profile(
    client, live_blog, connection
):
    event = json.loads(payload("slack_message.json"))
    del event["event"]["user_profile"]
    send(client, json.dumps(event).encode())
    [update] = updates(live_blog)
    assert update.byline == "Ana Reyes"
    assert FakeClient.calls == [
        (
            "get_json",
            slack.USERS_INFO,
            {"user": "U2147483697"},
            {"Authorization": f"Bearer {BOT_TOKEN}"},
        )
    ]


@pytest.mark.parametrize("name", ["slack_thread_reply.json", "slack_bot_message.json"])
def test_thread_replies_and_bots_are_ignored(client, live_blog, connection, name):
    assert send(client, payload(name)).json() == {"ok": True, "result": "ignored"}
    assert updates(live_blog) == []


def test_channels_nobody_connected_are_refused(client, live_blog, connection):
    connection.channel = "C0OTHER"
    connection.save()
    response = send(client, payload("slack_message.json"))
    assert response.status_code == 200  # so that Slack does not retry
    assert response.json()["result"] == "ignored"
    assert updates(live_blog) == []
    connection.channel, connection.enabled = "C0123LIVE", False
    connection.save()
    assert send(client, payload("slack_message.json")).json()["result"] == "ignored"


def test_a_drafts_connection_posts_drafts(client, live_blog, connection):
    connection.publish = False
    connection.save()
    assert send(client, payload("slack_message.json")).json()["result"] == "drafted"
    [update] = updates(live_blog)
    assert not update.live
    assert (
        client.get(f"/api/v2/liveblogs/{live_blog.pk}/updates/").json()["items"] == []
    )


def test_a_user_who_may_not_publish_posts_nothing(client, live_blog, connection):
    connection.user = get_user_model().objects.create_user(username="nobody")
    connection.save()
    response = send(client, payload("slack_message.json"))
    assert response.status_code == 200
    assert response.json()["result"] == "refused"
    assert updates(live_blog) == []
    assert IngestedMessage.objects.count() == 0


# -- the slash command ---------------------------------------------------------------


def test_the_slash_command_posts(client, live_blog, connection):
    body = payload("slack_command.txt").strip()
    response = send(client, body, url=COMMAND)
    assert response.json() == {
        "response_type": "ephemeral",
        "text": f"Posted to “{live_blog.title}”.",
    }
    [update] = updates(live_blog)
    assert update.byline == "Ana Reyes"
    item = v2_item(client, live_blog, update.pk)
    assert (
        item["body"][0]["value"]
        == "<p><b>Power is back</b> in the north of the city</p>"
    )
    again = send(client, body, url=COMMAND)
    assert again.json()["text"] == f"Already posted to “{live_blog.title}”."
    assert len(updates(live_blog)) == 1


def test_the_slash_command_is_signed_too(client, live_blog, connection):
    body = payload("slack_command.txt").strip()
    response = send(client, body, signed(body, secret="nope"), url=COMMAND)
    assert response.status_code == 403
    assert updates(live_blog) == []


def test_the_slash_command_in_a_channel_not_connected(client, live_blog, connection):
    body = payload("slack_command.txt").strip().replace(b"C0123LIVE", b"C0NOBLOG")
    response = send(client, body, url=COMMAND)
    assert response.json()["text"] == "This channel is not connected to a live blog."
    assert updates(live_blog) == []


# -- reading Slack's formats ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Plain &amp; simple", "<p>Plain &amp; simple</p>"),
        (
            "*bold* and _italic_ and ~gone~",
            "<p><b>bold</b> and <i>italic</i> and gone</p>",
        ),
        (
            "<https://example.com|the map> &lt;3",
            '<p><a href="https://example.com">the map</a> &lt;3</p>',
        ),
        (
            "<mailto:desk@example.com|desk@example.com>",
            '<p><a href="mailto:desk@example.com">desk@example.com</a></p>',
        ),
        ("<javascript:alert(1)|click>", "<p>click</p>"),
        ("ask <@U0NOTOKEN> or <!here>", "<p>ask @someone or @here</p>"),
        ("one\ntwo\n\nthree", "<p>one<br/>two</p><p>three</p>"),
        (
            "- first\n- second\n1. a\n2) b",
            "<ul><li>first</li><li>second</li></ul><ol><li>a</li><li>b</li></ol>",
        ),
        ("a*b*c snake_case_name", "<p>a*b*c snake_case_name</p>"),
    ],
)
def test_mrkdwn_to_html(text, html):
    assert to_html(lines_from_spans(slack.mrkdwn_spans(text))) == html


# -- the connection and the settings ---------------------------------------------------


def test_a_connection_checks_its_user_and_blog(live_blog, home):
    nobody = get_user_model().objects.create_user(username="nobody")
    connection = ChatConnection(
        name="Desk", service="slack", channel=" C1 ", blog=live_blog, user=nobody
    )
    with pytest.raises(ValidationError) as raised:
        connection.full_clean()
    assert "user" in raised.value.message_dict
    connection.user = editor()
    connection.blog = home
    with pytest.raises(ValidationError) as raised:
        connection.full_clean()
    assert "blog" in raised.value.message_dict
    connection.blog = live_blog
    connection.full_clean()
    assert connection.channel == "C1"


def test_the_admin_lists_and_adds_connections(client, live_blog, connection):
    client.force_login(editor())
    index = client.get("/admin/wagtail_liveblog_chat/")
    assert index.status_code == 200
    assert "Storm desk" in index.content.decode()
    form = client.get("/admin/wagtail_liveblog_chat/new/")
    assert form.status_code == 200
    response = client.post(
        "/admin/wagtail_liveblog_chat/new/",
        {
            "name": "Telegram desk",
            "service": "telegram",
            "channel": "-1001234567890",
            "blog": live_blog.pk,
            "user": editor().pk,
            "publish": "on",
            "enabled": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert ChatConnection.objects.filter(service="telegram").exists()
    settings_menu = client.get("/admin/").content.decode()
    assert "Live blog chat" in settings_menu


def test_settings_are_checked(settings):
    settings.WAGTAIL_LIVEBLOG = {
        "SLACK_SECRET": "x",
        "SLACK_BOT_TOKEN": 5,
        "INGEST_TIMEOUT": 0,
        "INGEST_CLIENT": "no.such.Client",
    }
    ids = {message.id for message in run_checks()}
    assert {
        "wagtail_liveblog.E002",
        "wagtail_liveblog.E012",
        "wagtail_liveblog.E013",
        "wagtail_liveblog.E014",
    } <= ids
    settings.WAGTAIL_LIVEBLOG = {"TELEGRAM_BOT_TOKEN": "123:abc"}
    assert "wagtail_liveblog.W001" in {message.id for message in run_checks()}
