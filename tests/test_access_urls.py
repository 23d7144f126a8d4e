"""Every admin and API URL that the package and Wagtail register for
updates, chat connections and images, tried as anonymous, as an admin user
with no page permissions, as an editor of another blog and as a
contributor: none answers 500, none shows what the person may not read (a
draft's text or photo caption, a private blog's text, another blog's
chat connection), and none changes anything for those who may not.

The URLs are found by walking the URLconf of a site set up as the docs say
(tests/urls_everything.py), so a view added by the package or by Wagtail
is tried without this test changing."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from tests.factories import LiveBlogPageFactory, editor, post, publish
from tests.ingest_support import png
from tests.roles import cast
from wagtail_liveblog.editing.images import create_image
from wagtail_liveblog.ingest.models import ChatConnection
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.webhooks.models import WebhookDelivery, WebhookEndpoint

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.urls_everything")]

A_DRAFT = "Quokka draft headline"
A_CAPTION = "Quokka draft caption"
B_DRAFT = "Wombat draft headline"
PRIVATE = "Numbat private headline"
CONNECTION = "Bilby connection"
ENDPOINT = "Quoll webhook endpoint"

#: URL names and namespaces about updates, chat connections and images.
RELATED = re.compile(r"liveblog|image|snippet|bulk_action", re.IGNORECASE)
#: Routes about other things that only share a word with those.
UNRELATED = re.compile(r"document|site|pages?_|list_pages|schema", re.IGNORECASE)


def routes(urlconf: str):
    """``(full name, parameter names)`` of every related named URL."""

    def walk(resolver, namespaces):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = namespaces + ((pattern.namespace,) if pattern.namespace else ())
                yield from walk(pattern, inner)
            elif isinstance(pattern, URLPattern) and pattern.name:
                name = ":".join((*namespaces, pattern.name))
                regex = pattern.pattern.regex
                yield name, tuple(regex.groupindex)

    for name, params in walk(get_resolver(urlconf), ()):
        if RELATED.search(name) and not UNRELATED.search(name.rsplit(":", 1)[-1]):
            yield name, params


@pytest.fixture
def world(home):
    a = publish(LiveBlogPageFactory(parent=home, title="Blog A"))
    b = publish(LiveBlogPageFactory(parent=home, title="Blog B"))
    private = publish(LiveBlogPageFactory(parent=home, title="Private blog"))
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    people = cast(a, b)
    boss = editor()
    post(a, "A public headline")
    photo = create_image(
        boss, SimpleUploadedFile("IMG_0042.png", png(), content_type="image/png")
    )
    draft = post(
        a,
        A_DRAFT,
        body=[
            {
                "type": "image",
                "value": {"image": photo.pk, "caption": A_CAPTION, "credit": "AP"},
            }
        ],
        publish=False,
    )
    post(b, B_DRAFT, publish=False)
    post(private, PRIVATE)
    connection = ChatConnection.objects.create(
        name=CONNECTION, service="telegram", channel="-100", blog=a, user=boss
    )
    endpoint = WebhookEndpoint.objects.create(
        url="https://hooks.example.com/liveblog", description=ENDPOINT
    )
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id="msg_1",
        event_type="blog.status",
        blog=a,
        body='{"type":"blog.status"}',
        status="failed",
        attempts=1,
        created_at="2026-03-14T09:00:00Z",
    )
    return {
        "a": a,
        "private": private,
        "draft": LiveBlogUpdate.objects.get(pk=draft),
        "photo": photo,
        "connection": connection,
        "endpoint": endpoint,
        "delivery": delivery,
        "people": people,
    }


def urls(world) -> list[str]:
    """Every related URL, its parameters filled with the world's objects."""
    draft = world["draft"]
    values = {
        "page_id": [world["a"].pk, world["private"].pk],
        "update_id": [draft.pk],
        "image_id": [world["photo"].pk],
        "revision_id": [draft.latest_revision_id],
        "revision_id_a": ["earliest"],
        "revision_id_b": ["latest"],
        "toggle": ["pin"],
        "filter_spec": ["original"],
        "action_name": ["approve"],
        "action": ["publish"],
        "task_state_id": [1],
        "task_id": [1],
        "workflow_state_id": [1],
        "uploaded_file_id": [1],
        "type": ["wagtail_liveblog.LiveBlogUpdate", "wagtailimages.Image"],
    }
    found = []
    for name, params in routes("tests.urls_everything"):
        if name.endswith("wagtail_bulk_action"):
            for app, model, action in (
                ("wagtail_liveblog", "liveblogupdate", "delete"),
                ("wagtailimages", "image", "delete"),
                ("wagtailimages", "image", "add_to_collection"),
            ):
                url = reverse(name, args=(app, model, action))
                found += [
                    f"{url}?id=all",
                    f"{url}?id={draft.pk if app != 'wagtailimages' else world['photo'].pk}",
                ]
            continue
        options = dict(values)
        if "pk" in params:
            if "chat" in name:
                options["pk"] = [world["connection"].pk]
            elif "webhook_deliveries" in name:
                options["pk"] = [world["delivery"].pk]
            elif "webhooks" in name:
                options["pk"] = [world["endpoint"].pk]
            elif "image" in name:
                options["pk"] = [world["photo"].pk]
            elif "liveblogs" in name and "api" in name:
                options["pk"] = [world["a"].pk, world["private"].pk]
            else:
                options["pk"] = [draft.pk]
        combos = [{}]
        for param in params:
            combos = [
                {**combo, param: value} for combo in combos for value in options[param]
            ]
        for kwargs in combos:
            url = reverse(name, kwargs=kwargs)
            if name.endswith(("liveblogs:updates", "liveblogs_updates")):
                found += [url, f"{url}?{urlencode({'since': 0})}"]
            else:
                found.append(url)
    # The private blog's own reader routes.
    page_url = world["private"].url
    found += [page_url, f"{page_url}poll/?since=0", f"{page_url}feed/"]
    return sorted(set(found))


def content(response) -> str:
    body = b"".join(response) if response.streaming else response.content
    return body.decode(errors="replace")


ROLES = ("anonymous", "outsider", "editor_b", "contributor_a")


def secrets_for(role: str) -> list[str]:
    if role == "contributor_a":  # blog A's drafts are theirs to see
        return [B_DRAFT, PRIVATE, ENDPOINT]
    hidden = [A_DRAFT, A_CAPTION, CONNECTION, ENDPOINT, PRIVATE]
    return hidden if role == "editor_b" else [*hidden, B_DRAFT]


def log_in(client, world, role: str) -> dict:
    """Log ``client`` in as ``role``; the headers for API v3 (a token)."""
    if role == "anonymous":
        return {}
    person = world["people"][role]
    client.force_login(person)
    try:
        from wagtail.models import APIToken
    except ImportError:  # Wagtail 7.4: no API tokens
        return {}
    return {
        "Authorization": f"Bearer {APIToken.create_token(user=person, name='x')[1]}"
    }


def fingerprint(world) -> list:
    """What an unauthorised request must not change: everything of blog A
    and the private blog (blog B is editor_b's own)."""
    blogs = [world["a"].pk, world["private"].pk]
    return [
        sorted(
            LiveBlogUpdate.objects.filter(blog__in=blogs).values_list(
                "pk", "live", "headline", "pinned", "key_event", "locked"
            )
        ),
        sorted(ChatConnection.objects.values_list("pk", "name", "blog_id", "user_id")),
        sorted(get_image_model().objects.values_list("pk", "title", "collection_id")),
        sorted(WebhookEndpoint.objects.values_list("pk", "url", "secret", "enabled")),
        sorted(WebhookDelivery.objects.values_list("pk", "status", "attempts")),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_no_url_shows_what_the_role_may_not_read(client, world, role):
    headers = log_in(client, world, role)
    tried = urls(world)
    assert len(tried) > 80  # the walk found the views
    leaks, errors = [], []
    for url in tried:
        response = client.get(url, headers=headers)
        if response.status_code >= 500:
            errors.append(url)
        text = content(response)
        leaks += [(url, secret) for secret in secrets_for(role) if secret in text]
    assert errors == []
    assert leaks == []


@pytest.mark.parametrize("role", ["anonymous", "outsider", "editor_b"])
def test_no_url_changes_anything_for_those_who_may_not(client, world, role):
    headers = log_in(client, world, role)
    before = fingerprint(world)
    errors = []
    for url in urls(world):
        for method in ("post", "patch", "delete"):
            response = getattr(client, method)(url, headers=headers)
            if response.status_code >= 500:
                errors.append((method, url))
    assert errors == []
    assert fingerprint(world) == before


def test_the_secrets_are_there_to_find(client, world):
    """The control: the same walk, as a superuser, finds every secret, so
    their absence above means something."""
    client.force_login(editor())
    everything = (A_DRAFT, A_CAPTION, B_DRAFT, PRIVATE, CONNECTION, ENDPOINT)
    seen = set()
    for url in urls(world):
        text = content(client.get(url))
        seen |= {secret for secret in everything if secret in text}
        # A webhook's signing secret is shown once, when it is made: never here.
        assert world["endpoint"].secret not in text, url
    assert seen == set(everything)
