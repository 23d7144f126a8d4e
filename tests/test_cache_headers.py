"""Issue 11, item 6: a response is publicly cacheable only when it is the
same for everyone.

A public blog's routes are ``Cache-Control: public`` for anonymous readers.
The same routes answered to a logged-in user, to a request carrying an
``Authorization`` header (API tokens), or on a site where Django's
``LoginRequiredMiddleware`` guards the views are ``private, no-store``: a
CDN must never keep them.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.api_support import API
from tests.factories import numbered_updates, publish, published_updates

pytestmark = pytest.mark.django_db

PUBLIC = {"public", "max-age=5"}
PRIVATE = {"private", "no-store"}


def directives(response) -> set[str]:
    return {part.strip() for part in response["Cache-Control"].split(",")}


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(3))


def cacheable_routes(page) -> list[str]:
    oldest = str(published_updates(page)[-1].id)
    newest = str(published_updates(page)[0].id)
    return [
        f"{page.url}poll/?since=0",
        f"{page.url}feed/",
        f"{page.url}updates/?before={newest}",
        f"{API}/",
        f"{API}/openapi.json",
        f"{API}/{page.pk}/",
        f"{API}/{page.pk}/updates/",
        f"{API}/{page.pk}/updates/?since=0",
        f"{API}/{page.pk}/updates/{oldest}/",
    ]


def answers(client, page, **headers) -> dict[str, set[str]]:
    found = {}
    for url in cacheable_routes(page):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
        found[url] = directives(response)
    return found


def test_anonymous_readers_get_public_answers(live_blog, client):
    assert set(map(frozenset, answers(client, live_blog).values())) == {
        frozenset(PUBLIC)
    }


def test_logged_in_users_get_private_answers(live_blog, client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    for url, found in answers(client, live_blog).items():
        assert found == PRIVATE, url


def test_requests_with_credentials_get_private_answers(live_blog, client):
    for url, found in answers(
        client, live_blog, authorization="Bearer not-a-real-token"
    ).items():
        assert found == PRIVATE, url


def test_a_login_required_site_never_answers_publicly(
    live_blog, settings, django_user_model
):
    settings.MIDDLEWARE = [
        *settings.MIDDLEWARE,
        "django.contrib.auth.middleware.LoginRequiredMiddleware",
    ]
    settings.LOGIN_URL = "/login/"
    client = Client()
    for url in cacheable_routes(live_blog):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "public" not in response.get("Cache-Control", ""), url
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    for url, found in answers(client, live_blog).items():
        assert found == PRIVATE, url


def test_anonymous_public_answers_do_not_vary_on_cookies(live_blog, client):
    """Deciding "is anyone logged in?" must not open the session of a
    request that has none: that would add ``Vary: Cookie`` and split a CDN's
    copy by every reader's cookies."""
    client.cookies["_ga"] = "GA1.1.123"  # an analytics cookie, no session
    for url in cacheable_routes(live_blog):
        response = client.get(url)
        assert directives(response) == PUBLIC, url
        assert "Cookie" not in response.get("Vary", ""), url


def test_api_v3_reads_with_a_token_are_private(live_blog, client, settings):
    pytest.importorskip("wagtail.api.v3", reason="API v3 needs Wagtail 8")
    from wagtail.models import APIToken

    from tests.factories import editor

    settings.ROOT_URLCONF = "tests.urls_v3"
    url = f"/api/v3/liveblogs/{live_blog.pk}/"
    assert directives(client.get(url)) == PUBLIC
    secret = APIToken.create_token(user=editor(), name="reader")[1]
    response = client.get(url, headers={"authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert directives(response) == PRIVATE
