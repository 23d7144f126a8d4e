"""Live desks: the sidebar item and the listing of the live blogs a user may
edit, with their status and a link to each desk."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import LiveBlogPageFactory, publish
from tests.roles import cast

pytestmark = pytest.mark.django_db

URL = reverse("wagtail_liveblog:live_desks")


@pytest.fixture
def blogs(home):
    a = publish(LiveBlogPageFactory(parent=home, title="Blog A"))
    b = LiveBlogPageFactory(parent=home, title="Blog B")
    b.unpublish()
    b.refresh_from_db()
    return a, b


@pytest.fixture
def people(blogs):
    return cast(*blogs)


def listed(response) -> list[str]:
    return [page.title for page in response.context["object_list"]]


def test_an_editor_sees_the_blogs_they_may_edit_with_status_and_desk(
    client, people, blogs
):
    a, b = blogs
    client.force_login(people["editor_a"])
    response = client.get(URL)
    assert response.status_code == 200
    assert listed(response) == ["Blog A"]
    html = response.content.decode()
    assert reverse("wagtail_liveblog:desk", args=[a.pk]) in html
    assert reverse("wagtail_liveblog:desk", args=[b.pk]) not in html
    assert "Live" in html
    # The sidebar leads there.
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Live desks" in home and URL in home


def test_the_status_says_when_a_blog_is_not_published(admin_client, blogs, home):
    a, b = blogs
    alias = a.create_alias(parent=home, update_slug="blog-a-alias")
    response = admin_client.get(URL)
    assert sorted(listed(response)) == ["Blog A", "Blog B"]  # no alias
    assert alias.pk not in [page.pk for page in response.context["object_list"]]
    assert "Live, not published" in response.content.decode()


def test_a_user_with_no_blog_sees_none_and_no_menu_item(client, people):
    client.force_login(people["outsider"])
    response = client.get(URL)
    assert response.status_code == 200
    assert listed(response) == []
    assert "Live desks" not in client.get(reverse("wagtailadmin_home")).content.decode()
