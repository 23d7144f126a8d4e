"""Settings → Live blog webhooks: endpoints (the secret shown once), their
deliveries with filters, each delivery's attempts and "Retry now"."""

from __future__ import annotations

import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from tests.factories import LiveBlogPageFactory, editor, publish
from tests.webhooks_support import fake_dns, make_endpoint
from wagtail_liveblog.webhooks.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
)

pytestmark = pytest.mark.django_db

INDEX = "/admin/wagtail_liveblog_webhooks/"
ADD = f"{INDEX}new/"
DELIVERIES = "/admin/wagtail_liveblog_webhook_deliveries/"
HOOK = "https://hooks.example.com/liveblog"


@pytest.fixture(autouse=True)
def _dns(monkeypatch):
    fake_dns(monkeypatch, {"hooks.example.com": ["93.184.216.34"]})


@pytest.fixture
def admin_client(client):
    client.force_login(editor())
    return client


def form_data(**changes) -> dict:
    data = {
        "url": HOOK,
        "description": "Newsletter",
        "events": ["update.published", "blog.status"],
        "all_blogs": "on",
        "enabled": "on",
        "blog_links-TOTAL_FORMS": "0",
        "blog_links-INITIAL_FORMS": "0",
        "blog_links-MIN_NUM_FORMS": "0",
        "blog_links-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def field_errors(response) -> str:
    """The text of the form's error messages."""
    html = response.content.decode()
    found = re.findall(r'class="error-message"[^>]*>\s*(?:<[^>]+>\s*)*([^<]+)', html)
    return " | ".join(" ".join(text.split()) for text in found)


def secret_shown(response) -> str | None:
    match = re.search(
        r'data-webhook-secret[^>]*|value="(whsec_[^"]+)"', response.content.decode()
    )
    found = re.search(r'value="(whsec_[^"]+)"', response.content.decode())
    return found.group(1) if found and match else None


# -- endpoints and their secret ------------------------------------------------------


def test_a_new_endpoint_offers_every_event(admin_client):
    html = admin_client.get(ADD).content.decode()
    checked = re.findall(
        r'<input type="checkbox" name="events" value="([^"]+)"[^>]* checked', html
    )
    assert checked == [
        "update.published",
        "update.changed",
        "update.removed",
        "blog.status",
        "blog.key_points",
    ]


def test_a_new_endpoint_shows_its_secret_once(admin_client):
    response = admin_client.post(ADD, form_data())
    endpoint = WebhookEndpoint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{INDEX}secret/{endpoint.pk}/"
    assert (
        endpoint.url,
        endpoint.description,
        endpoint.events,
        endpoint.all_blogs,
    ) == (
        HOOK,
        "Newsletter",
        ["update.published", "blog.status"],
        True,
    )
    assert endpoint.secret.startswith("whsec_")

    shown = admin_client.get(response["Location"])
    assert shown.status_code == 200
    assert "no-store" in shown["Cache-Control"]  # the admin's never_cache
    assert secret_shown(shown) == endpoint.secret

    again = admin_client.get(response["Location"])
    assert secret_shown(again) is None
    assert endpoint.secret not in again.content.decode()
    assert "this page has shown it already" in again.content.decode()
    for page in (INDEX, f"{INDEX}edit/{endpoint.pk}/"):
        body = admin_client.get(page).content.decode()
        assert endpoint.secret not in body
    assert (
        "Regenerate secret"
        in admin_client.get(f"{INDEX}edit/{endpoint.pk}/").content.decode()
    )


def test_regenerating_the_secret_shows_the_new_one_once(admin_client):
    endpoint = make_endpoint(HOOK)
    old = endpoint.secret
    confirm = admin_client.get(f"{INDEX}regenerate/{endpoint.pk}/")
    assert confirm.status_code == 200
    assert "Yes, regenerate the secret" in confirm.content.decode()
    WebhookEndpoint.objects.get(pk=endpoint.pk).secret == old  # noqa: B015 - a GET changes nothing

    response = admin_client.post(f"{INDEX}regenerate/{endpoint.pk}/")
    assert response.status_code == 302
    endpoint.refresh_from_db()
    assert endpoint.secret != old
    assert secret_shown(admin_client.get(response["Location"])) == endpoint.secret
    assert secret_shown(admin_client.get(response["Location"])) is None


def test_an_endpoint_on_this_machine_is_refused(admin_client):
    response = admin_client.post(ADD, form_data(url="https://127.0.0.1:8000/hook"))
    assert response.status_code == 200
    assert field_errors(response) == (
        "Webhooks only go to addresses on the public internet: 127.0.0.1 is a "
        "private, local or reserved address (127.0.0.1)."
    )
    assert not WebhookEndpoint.objects.exists()


def test_the_setting_allows_an_endpoint_on_this_machine(admin_client, settings):
    settings.WAGTAIL_LIVEBLOG = {"WEBHOOK_ALLOW_PRIVATE_TARGETS": True}
    response = admin_client.post(ADD, form_data(url="http://127.0.0.1:8000/hook"))
    assert response.status_code == 302
    assert WebhookEndpoint.objects.get().url == "http://127.0.0.1:8000/hook"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"url": "http://hooks.example.com/"},
            "Use an https:// address: webhooks are only sent over HTTPS.",
        ),
        (
            {"url": "https://no-such-host.invalid/"},
            "The host no-such-host.invalid could not be found.",
        ),
        ({"events": None}, "Choose at least one event."),
        (
            {"events": ["update.deleted"]},
            "Select a valid choice. update.deleted is not one of the available choices.",
        ),
        (
            {"all_blogs": None},
            "Choose some live blogs below, or send the events of all.",
        ),
    ],
)
def test_bad_input_is_a_form_error(admin_client, changes, message):
    response = admin_client.post(ADD, form_data(**changes))
    assert response.status_code == 200
    assert field_errors(response) == message
    assert not WebhookEndpoint.objects.exists()


def test_an_endpoint_for_chosen_blogs(admin_client, home):
    blog = publish(LiveBlogPageFactory(parent=home))
    response = admin_client.post(
        ADD,
        form_data(
            all_blogs=None,
            **{
                "blog_links-TOTAL_FORMS": "1",
                "blog_links-0-blog": str(blog.pk),
                "blog_links-0-id": "",
                "blog_links-0-ORDER": "1",
                "blog_links-0-DELETE": "",
            },
        ),
    )
    assert response.status_code == 302, field_errors(response)
    endpoint = WebhookEndpoint.objects.get()
    assert not endpoint.all_blogs
    assert [link.blog_id for link in endpoint.blog_links.all()] == [blog.pk]


def test_only_live_blogs_can_be_chosen(admin_client, home):
    response = admin_client.post(
        ADD,
        form_data(
            all_blogs=None,
            **{
                "blog_links-TOTAL_FORMS": "1",
                "blog_links-0-blog": str(home.pk),
                "blog_links-0-id": "",
                "blog_links-0-ORDER": "1",
                "blog_links-0-DELETE": "",
            },
        ),
    )
    assert response.status_code == 200
    assert "Choose a live blog page." in field_errors(response)


def test_the_settings_menu_and_the_listing(admin_client):
    make_endpoint(HOOK, description="Newsletter")
    assert "Live blog webhooks" in admin_client.get("/admin/").content.decode()
    listing = admin_client.get(INDEX).content.decode()
    assert "Newsletter" in listing
    assert HOOK in listing
    assert f'href="{DELIVERIES}"' in listing


# -- deliveries -----------------------------------------------------------------------


def ours(results) -> list:
    """The package's queued tasks (Wagtail queues its own too)."""
    return [r for r in results if r.task.module_path.startswith("wagtail_liveblog.")]


def make_delivery(endpoint, event_type="blog.status", status="succeeded", codes=(200,)):
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        message_id=f"msg_{WebhookDelivery.objects.count()}",
        event_type=event_type,
        body=json.dumps(
            {"type": event_type, "timestamp": "2026-03-14T09:00:00Z", "data": {}}
        ),
        status=status,
        attempts=len(codes),
        created_at="2026-03-14T09:00:00Z",
    )
    for number, code in enumerate(codes, start=1):
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=number,
            at="2026-03-14T09:00:00Z",
            duration_ms=12,
            status_code=code,
            error="" if code == 200 else f"The receiver answered {code}.",
        )
    return delivery


def test_deliveries_are_listed_and_filtered(admin_client):
    newsletter = make_endpoint(HOOK, description="Newsletter")
    apps = make_endpoint("https://hooks.example.com/apps", description="Apps")
    ok = make_delivery(newsletter, "update.published")
    failed = make_delivery(newsletter, "blog.status", "failed", codes=(500, 502))
    other = make_delivery(apps, "blog.key_points")

    def listed(query=""):
        html = admin_client.get(f"{DELIVERIES}{query}").content.decode()
        return {
            pk
            for pk in (ok.pk, failed.pk, other.pk)
            if f'href="{DELIVERIES}{pk}/"' in html
        }

    assert listed() == {ok.pk, failed.pk, other.pk}
    assert listed("?status=failed") == {failed.pk}
    assert listed(f"?endpoint={apps.pk}") == {other.pk}
    assert listed("?event_type=update.published") == {ok.pk}


def test_an_endpoints_page_shows_its_recent_deliveries(admin_client):
    endpoint = make_endpoint(HOOK)
    delivery = make_delivery(endpoint, "update.published", "failed", codes=(500,))
    html = admin_client.get(f"{INDEX}edit/{endpoint.pk}/").content.decode()
    assert "Recent deliveries" in html
    assert f'href="{DELIVERIES}{delivery.pk}/"' in html
    assert f'href="{DELIVERIES}?endpoint={endpoint.pk}"' in html


def test_a_delivery_shows_its_attempts_and_retries_now(admin_client, queued_tasks):
    endpoint = make_endpoint(HOOK)
    delivery = make_delivery(endpoint, "blog.status", "failed", codes=(500, 503))
    page = admin_client.get(f"{DELIVERIES}{delivery.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "The receiver answered 500." in html
    assert "The receiver answered 503." in html
    assert "&quot;type&quot;: &quot;blog.status&quot;" in html  # the body, indented
    assert "Retry now" in html

    response = admin_client.post(f"{DELIVERIES}{delivery.pk}/retry/")
    assert response.status_code == 302
    assert response["Location"] == f"{DELIVERIES}{delivery.pk}/"
    delivery.refresh_from_db()
    assert delivery.status == "pending"
    [queued] = ours(queued_tasks.results)
    assert (queued.task.name, queued.args) == ("deliver", [delivery.pk, 3])
    after = admin_client.get(f"{DELIVERIES}{delivery.pk}/").content.decode()
    assert "The delivery is being sent again." in after
    assert "Retry now" not in after  # on its way


def test_a_succeeded_delivery_has_no_retry(admin_client, queued_tasks):
    delivery = make_delivery(make_endpoint(HOOK))
    assert (
        "Retry now"
        not in admin_client.get(f"{DELIVERIES}{delivery.pk}/").content.decode()
    )
    admin_client.post(f"{DELIVERIES}{delivery.pk}/retry/")
    assert ours(queued_tasks.results) == []


def test_deliveries_need_the_endpoint_permissions(client, queued_tasks):
    delivery = make_delivery(make_endpoint(HOOK), status="failed", codes=(500,))
    outsider = get_user_model().objects.create_user("outsider", password="pw")
    outsider.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(outsider)
    # Wagtail answers a permission refused by leading to the dashboard.
    for response in (
        client.get(DELIVERIES),
        client.get(INDEX),
        client.get(f"{DELIVERIES}{delivery.pk}/"),
        client.post(f"{DELIVERIES}{delivery.pk}/retry/"),
    ):
        assert (response.status_code, response["Location"]) == (302, "/admin/")

    adders = Group.objects.create(name="Webhook adders")
    adders.permissions.add(Permission.objects.get(codename="add_webhookendpoint"))
    outsider.groups.add(adders)
    outsider = get_user_model().objects.get(pk=outsider.pk)
    client.force_login(outsider)
    assert client.get(DELIVERIES).status_code == 200
    assert client.get(f"{DELIVERIES}{delivery.pk}/").status_code == 200
    refused = client.post(f"{DELIVERIES}{delivery.pk}/retry/")  # needs "change"
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert ours(queued_tasks.results) == []
    delivery.refresh_from_db()
    assert delivery.status == "failed"
