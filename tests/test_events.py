"""The event stream, ``<page url>events/``: each change readers can see as
a Server-Sent Event whose id is the blog's version and whose data is the
poll's JSON; ``Last-Event-ID``/``since`` replay what was missed; heartbeats,
retry advice and no caching; the page's privacy; the embedded engine under
ASGI and the GRIP engine behind a proxy (``django_grip``)."""

from __future__ import annotations

import asyncio
import json

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.test import AsyncClient, override_settings
from wagtail.models import PageViewRestriction

from tests.factories import editor, post, publish
from wagtail_liveblog import editing
from wagtail_liveblog.models.timeline import current_version

pytestmark = pytest.mark.django_db

EMBEDDED = {"EVENT_STREAM": "embedded", "EVENTS_HEARTBEAT": 0.3}


def parse(chunk: bytes) -> dict:
    """One SSE message: its fields, ``data`` as JSON."""
    fields = {}
    for line in chunk.decode().strip("\n").split("\n"):
        name, _, value = line.partition(": ")
        fields[name] = value
    if "data" in fields:
        fields["data"] = json.loads(fields["data"])
    return fields


@pytest.fixture
def live_blog(blog):
    return publish(blog)


def stream(url: str, scenario, **headers):
    """Open ``url`` with Django's ASGI test client and run ``scenario``
    (an async function of the response's message iterator)."""

    async def run():
        response = await AsyncClient().get(url, headers=headers)
        if not response.streaming:
            return response, None
        messages = response.streaming_content.__aiter__()
        try:
            return response, await scenario(messages)
        finally:
            await messages.aclose()

    return async_to_sync(run)()


async def next_message(messages, timeout=2.0) -> bytes:
    return await asyncio.wait_for(messages.__anext__(), timeout)


async def next_event(messages, timeout=2.0) -> bytes:
    """The next message with an id (heartbeats skipped)."""
    while True:
        chunk = await next_message(messages, timeout)
        if chunk.startswith(b"id: "):
            return chunk


def test_without_an_engine_there_is_no_stream(client, live_blog):
    assert client.get(f"{live_blog.url}events/").status_code == 404
    detail = client.get(f"/api/v2/liveblogs/{live_blog.pk}/").json()
    assert detail["meta"] == {"events_url": None}


@override_settings(WAGTAIL_LIVEBLOG=EMBEDDED)
def test_each_change_arrives_with_the_version_as_its_id(
    live_blog, django_capture_on_commit_callbacks
):
    first = post(live_blog, "First")
    version = current_version(live_blog.pk)

    def committed(write):
        def run():
            with django_capture_on_commit_callbacks(execute=True):
                write()

        return sync_to_async(run)

    async def scenario(messages):
        seen = [await next_message(messages)]  # retry advice
        for write in (
            lambda: post(live_blog, "Second"),
            lambda: editing.edit_update(
                live_blog, first, user=editor(), headline="First, corrected"
            ),
            lambda: editing.remove_update(live_blog, first, user=editor()),
        ):
            await committed(write)()
            seen.append(await next_event(messages))
        return seen

    response, seen = stream(f"{live_blog.url}events/?since={version}", scenario)
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache"
    assert response["X-Accel-Buffering"] == "no"
    assert seen[0] == b"retry: 3000\n\n"
    messages = [parse(chunk) for chunk in seen[1:]]
    assert [int(m["id"]) for m in messages] == [version + 1, version + 2, version + 3]
    # The data is the poll's JSON for the versions each message covers.
    added, edited, removed = (m["data"] for m in messages)
    assert [item["headline"] for item in added["items"]] == ["Second"]
    assert "html" in added["items"][0] and added["meta"]["version"] == version + 1
    assert [item["headline"] for item in edited["items"]] == ["First, corrected"]
    assert removed["items"] == [] and removed["deleted"] == [first]


@override_settings(WAGTAIL_LIVEBLOG=EMBEDDED)
def test_reconnecting_replays_exactly_what_was_missed(live_blog):
    post(live_blog, "Before")
    seen = current_version(live_blog.pk)
    missed = [post(live_blog, "Missed 1"), post(live_blog, "Missed 2")]

    async def scenario(messages):
        return [await next_message(messages), await next_message(messages)]

    for headers, query in (({"Last-Event-ID": str(seen)}, ""), ({}, f"?since={seen}")):
        _response, chunks = stream(
            f"{live_blog.url}events/{query}", scenario, **headers
        )
        message = parse(chunks[1])
        assert int(message["id"]) == current_version(live_blog.pk)
        assert {item["id"] for item in message["data"]["items"]} == set(missed)


@override_settings(WAGTAIL_LIVEBLOG=EMBEDDED)
def test_a_quiet_stream_sends_heartbeats(live_blog):
    async def scenario(messages):
        return [await next_message(messages), await next_message(messages, 1)]

    _response, chunks = stream(f"{live_blog.url}events/", scenario)
    assert chunks == [b"retry: 3000\n\n", b":\n\n"]


@override_settings(WAGTAIL_LIVEBLOG=EMBEDDED)
def test_changes_from_another_process_arrive_through_the_watcher(live_blog):
    """No publisher in this process hears them: the blog's watcher does."""
    version = current_version(live_blog.pk)

    async def scenario(messages):
        await next_message(messages)
        await sync_to_async(post)(live_blog, "From cron")  # never committed: no signal
        return await next_message(messages)

    _response, chunk = stream(f"{live_blog.url}events/?since={version}", scenario)
    assert int(parse(chunk)["id"]) == version + 1


@override_settings(WAGTAIL_LIVEBLOG=EMBEDDED)
def test_making_the_blog_private_ends_its_streams(
    live_blog, django_capture_on_commit_callbacks
):
    async def scenario(messages):
        await next_message(messages)

        def restrict():
            with django_capture_on_commit_callbacks(execute=True):
                PageViewRestriction.objects.create(
                    page=live_blog, restriction_type=PageViewRestriction.LOGIN
                )

        await sync_to_async(restrict)()
        rest = []
        async for chunk in messages:  # ends: no heartbeat keeps it open
            rest.append(chunk)
        return rest

    _response, rest = stream(f"{live_blog.url}events/", scenario)
    assert rest == []


@override_settings(WAGTAIL_LIVEBLOG=EMBEDDED)
@pytest.mark.parametrize("restriction", ["login", "password"])
def test_a_reader_who_may_not_read_the_blog_gets_no_stream(
    client, live_blog, restriction
):
    PageViewRestriction.objects.create(
        page=live_blog, restriction_type=restriction, password="x"
    )
    response = client.get(f"{live_blog.url}events/")
    assert response.get("Content-Type") != "text/event-stream"
    unpublished = publish(live_blog)
    unpublished.unpublish()
    assert client.get(f"{live_blog.url}events/").status_code == 404


@override_settings(WAGTAIL_LIVEBLOG=EMBEDDED)
@pytest.mark.parametrize("bad", ["x", "-1", "1.5"])
def test_a_bad_since_is_a_400_naming_it(client, live_blog, bad):
    response = client.get(f"{live_blog.url}events/?since={bad}")
    assert response.status_code == 400
    assert response.json()["parameter"] == "since"
    response = client.get(f"{live_blog.url}events/", HTTP_LAST_EVENT_ID=bad)
    assert response.json()["parameter"] == "Last-Event-ID"


@override_settings(WAGTAIL_LIVEBLOG=EMBEDDED)
def test_under_wsgi_the_embedded_engine_replays_and_ends(client, live_blog):
    """No async streaming under WSGI: what was missed, then the stream ends
    (the browser retries; the reader script falls back to polling)."""
    post(live_blog, "Missed")
    response = client.get(f"{live_blog.url}events/?since=0")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.startswith("retry: 3000\n\n")
    assert f"id: {current_version(live_blog.pk)}\n" in body


@override_settings(WAGTAIL_LIVEBLOG=EMBEDDED)
def test_the_apis_name_the_stream(client, live_blog):
    url = f"{live_blog.get_full_url()}events/"
    detail = client.get(f"/api/v2/liveblogs/{live_blog.pk}/").json()
    assert detail["meta"] == {"events_url": url}
    updates = client.get(f"/api/v2/liveblogs/{live_blog.pk}/updates/").json()
    assert updates["meta"]["events_url"] == url


# -- GRIP: a proxy holds the stream ---------------------------------------------------

GRIP = {"EVENT_STREAM": "grip", "EVENTS_HEARTBEAT": 20}
GRIP_MIDDLEWARE = "django_grip.GripMiddleware"


@pytest.fixture
def grip_site(settings):
    pytest.importorskip("django_grip", reason="the push extra: django-grip")
    settings.WAGTAIL_LIVEBLOG = GRIP
    settings.MIDDLEWARE = [GRIP_MIDDLEWARE, *settings.MIDDLEWARE]
    # A proxy without a key: django_grip trusts its Grip-Sig header.
    settings.GRIP_URL = "http://127.0.0.1:5561"


@pytest.fixture
def published(monkeypatch):
    import django_grip

    calls = []

    def record(channel, formats, id=None, prev_id=None, **kwargs):
        calls.append((channel, formats, id, prev_id))

    monkeypatch.setattr(django_grip, "publish", record)
    return calls


def test_through_the_proxy_the_stream_is_held_on_the_pages_channel(
    client, live_blog, grip_site
):
    post(live_blog, "Missed")
    version = current_version(live_blog.pk)
    response = client.get(
        f"{live_blog.url}events/?since=0", HTTP_GRIP_SIG="from-the-proxy"
    )
    assert response.status_code == 200
    assert response["Grip-Hold"] == "stream"
    assert response["Grip-Channel"] == f"liveblog-{live_blog.pk}; prev-id={version}"
    assert response["Grip-Keep-Alive"].startswith(":\\n\\n; format=cstring; timeout=20")
    # Where the proxy recovers a gap: this path, relative, so it asks the
    # origin it came through whatever hostname the site is configured with.
    assert (
        response["Grip-Link"] == f"<{live_blog.url}events/?since={version}>; rel=next"
    )
    assert f"id: {version}\n" in response.content.decode()


def test_a_proxy_recovering_a_gap_gets_what_its_reader_missed(
    client, live_blog, grip_site
):
    """The next link's ``since`` is where the stream began; the proxy's
    ``Grip-Last`` is how far its reader got, and wins."""
    post(live_blog, "Seen")
    seen = current_version(live_blog.pk)
    missed = post(live_blog, "Missed")
    response = client.get(
        f"{live_blog.url}events/?since=0",
        HTTP_GRIP_SIG="from-the-proxy",
        HTTP_GRIP_LAST=f"liveblog-{live_blog.pk}; last-id={seen}",
    )
    [message] = [m for m in response.content.split(b"\n\n") if m.startswith(b"id:")]
    assert [item["id"] for item in parse(message)["data"]["items"]] == [missed]
    # Without the proxy's signature the header is the client's own: ignored.
    response = client.get(
        f"{live_blog.url}events/?since=0",
        HTTP_GRIP_LAST=f"liveblog-{live_blog.pk}; last-id={seen}",
    )
    [message] = [m for m in response.content.split(b"\n\n") if m.startswith(b"id:")]
    assert len(parse(message)["data"]["items"]) == 2


@pytest.mark.parametrize("engine", [EMBEDDED, GRIP])
def test_the_stream_is_never_compressed(client, live_blog, settings, engine):
    """A proxy appends each message to the held body as it is, and a
    reader must read each one as it arrives: GZipMiddleware stays off."""
    pytest.importorskip("django_grip", reason="the push extra: django-grip")
    settings.WAGTAIL_LIVEBLOG = engine
    settings.MIDDLEWARE = [
        "django.middleware.gzip.GZipMiddleware",
        GRIP_MIDDLEWARE,
        *settings.MIDDLEWARE,
    ]
    settings.GRIP_URL = "http://127.0.0.1:5561"
    for n in range(5):
        post(live_blog, f"Long enough to be worth compressing {n}")
    response = client.get(
        f"{live_blog.url}events/?since=0",
        HTTP_ACCEPT_ENCODING="gzip",
        HTTP_GRIP_SIG="from-the-proxy",
    )
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert response.content.startswith(b"retry: ")


def test_each_change_is_published_to_the_proxy_after_commit(
    live_blog, grip_site, published, django_capture_on_commit_callbacks
):
    before = current_version(live_blog.pk)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(live_blog, "Pushed")
    assert published == []  # never inside the write transaction
    for callback in callbacks:
        callback()
    [(channel, formats, message_id, prev_id)] = published
    assert (channel, message_id, prev_id) == (
        f"liveblog-{live_blog.pk}",
        str(before + 1),
        str(before),
    )
    message = parse(formats.content.encode())
    assert [item["headline"] for item in message["data"]["items"]] == ["Pushed"]


def test_drafts_publish_nothing_and_privacy_closes(
    live_blog, grip_site, published, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post(live_blog, "Draft", publish=False)
    assert published == []
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(
            page=live_blog, restriction_type=PageViewRestriction.LOGIN
        )
    [(channel, formats, message_id, prev_id)] = published
    assert channel == f"liveblog-{live_blog.pk}" and formats.close is True
    # It follows the last message the streams got (else the proxy takes it
    # for a gap), and has no id of its own (else it is a duplicate).
    assert (message_id, prev_id) == (None, str(current_version(live_blog.pk)))


def test_unpublishing_sends_no_content_and_ends_the_streams(
    live_blog, grip_site, published, django_capture_on_commit_callbacks
):
    """The unpublish moves the version on: its streams get an empty message
    carrying the ids along, so the close is the next message they expect
    (a gap would send the proxy to the stream's link, now a 404)."""
    post(live_blog, "Before")
    before = current_version(live_blog.pk)
    with django_capture_on_commit_callbacks(execute=True):
        live_blog.unpublish()
    channel = f"liveblog-{live_blog.pk}"
    (step, ids_1), (end, ids_2) = [
        (formats, (message_id, prev_id))
        for name, formats, message_id, prev_id in published
        if name == channel
    ]
    assert step.content == "" and ids_1 == (str(before + 1), str(before))
    assert end.close is True and ids_2 == (None, str(before + 1))


def test_a_failing_proxy_never_fails_the_post(
    live_blog, grip_site, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    import django_grip

    def down(*args, **kwargs):
        raise ConnectionError("pushpin is down")

    monkeypatch.setattr(django_grip, "publish", down)
    with django_capture_on_commit_callbacks(execute=True):
        update_id = post(live_blog, "Still posted")
    assert update_id and "pushpin is down" in caplog.text


def test_a_publish_the_proxy_refuses_is_logged(
    live_blog, grip_site, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    """``django_grip`` publishes from its own thread and reports there."""
    import django_grip

    def refused(channel, formats, callback=None, **kwargs):
        callback(False, "received failed status code 403")

    monkeypatch.setattr(django_grip, "publish", refused)
    with django_capture_on_commit_callbacks(execute=True):
        post(live_blog, "Pushed")
    assert f"publishing to liveblog-{live_blog.pk} failed" in caplog.text
    assert "403" in caplog.text
