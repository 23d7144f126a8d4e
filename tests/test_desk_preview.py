"""Preview from the desk's composer: the update as readers will see it, in
its blog's page, with nothing saved."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.desk_support import admin_only_user, client_for, composer, make_user, para
from tests.factories import numbered_updates, publish
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(2))


def preview_url(blog) -> str:
    return reverse("wagtail_liveblog:composer_preview", args=[blog.pk])


def test_preview_shows_the_update_in_the_blogs_page_and_saves_nothing(
    live_blog, client
):
    reporter = make_user("ana", "Editors", first_name="Ana", last_name="Reyes")
    client_for(client, reporter)
    before = LiveBlogUpdate.objects.count()
    desk = client.get(reverse("wagtail_liveblog:desk", args=[live_blog.pk]))
    assert f'formaction="{preview_url(live_blog)}"' in desk.content.decode()
    response = client.post(
        preview_url(live_blog),
        composer("Bridge reopens", [para("Traffic is moving again.")], action=None),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bridge reopens" in html and "Traffic is moving again." in html
    assert "Ana Reyes" in html  # the byline readers will see
    assert live_blog.title in html  # in the blog's own page
    assert LiveBlogUpdate.objects.count() == before


def test_an_update_that_cannot_be_shown_says_why(live_blog, admin_client):
    data = composer("", [("quote", {"text": "", "attribution": "Mayor"})])
    response = admin_client.post(preview_url(live_blog), data)
    assert response.status_code == 400
    assert "cannot be previewed yet" in response.content.decode()


def test_outsiders_get_404(live_blog, client):
    client_for(client, admin_only_user())
    response = client.post(preview_url(live_blog), composer("X", [para("Y")]))
    assert response.status_code == 404
    assert client.get(preview_url(live_blog)).status_code in (404, 405)
