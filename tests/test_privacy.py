"""Privacy of the ``liveblogs`` endpoint: Wagtail's pages-endpoint rules.

Unpublished, restricted (any kind, on the page or an ancestor), deleted,
other sites' and non-liveblog pages are "not found" on every route, and
draft content (a draft page, draft or scheduled updates, unpublished
corrections) never leaves the server.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from tests.api_support import API, headlines
from tests.factories import (
    LiveBlogPageFactory,
    editor,
    numbered_updates,
    post,
    publish,
    published_updates,
)
from wagtail_liveblog import editing

pytestmark = pytest.mark.django_db

NOT_FOUND = {"message": "Not found."}


def directives(header: str) -> set[str]:
    return {part.strip() for part in header.split(",")}


def routes(page_id: int, update_id: str) -> list[str]:
    return [
        f"{API}/{page_id}/",
        f"{API}/{page_id}/updates/",
        f"{API}/{page_id}/updates/?since=0",
        f"{API}/{page_id}/updates/?before={update_id}",
        f"{API}/{page_id}/updates/{update_id}/",
    ]


def assert_hidden(client, page_id: int, update_id: str) -> None:
    for url in routes(page_id, update_id):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == NOT_FOUND
        assert response["Cache-Control"] == "no-store"
    listed = [item["id"] for item in client.get(f"{API}/").json()["items"]]
    assert page_id not in listed


def assert_shown_privately(client, page_id: int, update_id: str) -> None:
    for url in routes(page_id, update_id):
        response = client.get(url)
        assert response.status_code == 200, url
        assert directives(response["Cache-Control"]) == {"private", "no-store"}
    listing = client.get(f"{API}/")
    assert page_id in [item["id"] for item in listing.json()["items"]]
    assert directives(listing["Cache-Control"]) == {"private", "no-store"}


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(3))


@pytest.fixture
def update_id(live_blog):
    return str(published_updates(live_blog)[0].id)


def test_public_blog_is_shown(live_blog, update_id, client):
    for url in routes(live_blog.pk, update_id):
        assert client.get(url).status_code == 200, url


def test_never_published_blog(home, client):
    draft = LiveBlogPageFactory(parent=home, live=False)
    assert_hidden(client, draft.pk, "0b3c1b7e-0000-4000-8000-000000000000")


def test_unpublished_blog(live_blog, update_id, client):
    live_blog.unpublish()
    assert_hidden(client, live_blog.pk, update_id)


def test_deleted_blog(live_blog, update_id, client):
    page_id = live_blog.pk
    Page.objects.get(pk=page_id).delete()
    assert_hidden(client, page_id, update_id)


def test_non_liveblog_page(home, client):
    assert client.get(f"{API}/{home.pk}/").status_code == 404
    assert client.get(f"{API}/{home.pk}/updates/").json() == NOT_FOUND


def test_password_restriction(live_blog, update_id, client):
    restriction = PageViewRestriction.objects.create(
        page=live_blog, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )
    assert_hidden(client, live_blog.pk, update_id)
    session = client.session
    session[PageViewRestriction.passed_view_restrictions_session_key] = [restriction.pk]
    session.save()
    assert_shown_privately(client, live_blog.pk, update_id)


def test_login_restriction(live_blog, update_id, client, django_user_model):
    PageViewRestriction.objects.create(
        page=live_blog, restriction_type=PageViewRestriction.LOGIN
    )
    assert_hidden(client, live_blog.pk, update_id)
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    assert_shown_privately(client, live_blog.pk, update_id)


def test_group_restriction(live_blog, update_id, client, django_user_model):
    editors = Group.objects.create(name="Subscribers")
    restriction = PageViewRestriction.objects.create(
        page=live_blog, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([editors])
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    client.force_login(outsider)
    assert_hidden(client, live_blog.pk, update_id)
    member = django_user_model.objects.create_user("member", password="pw")
    member.groups.add(editors)
    client.force_login(member)
    assert_shown_privately(client, live_blog.pk, update_id)


def test_restriction_on_an_ancestor(home, client):
    section = home.add_child(instance=Page(title="Members", slug="members"))
    blog = publish(LiveBlogPageFactory(parent=section), numbered_updates(2))
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    assert_hidden(client, blog.pk, str(published_updates(blog)[0].id))


def test_blog_of_another_site(root_page, client):
    other_root = root_page.add_child(instance=Page(title="Other", slug="other"))
    Site.objects.create(hostname="other.example", root_page=other_root)
    blog = publish(LiveBlogPageFactory(parent=other_root), numbered_updates(2))
    assert client.get(f"{API}/{blog.pk}/").status_code == 404
    response = client.get(f"{API}/{blog.pk}/", headers={"host": "other.example"})
    assert response.status_code == 200
    assert response.json()["url"] == "http://other.example/" + blog.slug + "/"


def test_drafts_never_leak(live_blog, client):
    """Publish, then save a draft update, schedule one, save an unpublished
    correction of a published one and a draft of the page itself."""
    published_ids = [str(u.id) for u in published_updates(live_blog)]
    draft_id = post(live_blog, "DRAFT update", publish=False)
    scheduled_id = post(
        live_blog, "DRAFT scheduled", go_live_at=timezone.now() + timedelta(hours=1)
    )
    editing.edit_update(
        live_blog,
        published_ids[0],
        user=editor(),
        headline="DRAFT headline",
        publish=False,
    )
    page = type(live_blog).objects.get(pk=live_blog.pk)
    page.title = "DRAFT title"
    page.save_revision()

    detail = client.get(f"{API}/{live_blog.pk}/").json()
    assert detail["title"] == live_blog.title
    assert headlines(detail["updates"]) == ["Update 3", "Update 2", "Update 1"]
    listed = client.get(f"{API}/{live_blog.pk}/updates/").json()["items"]
    assert [item["id"] for item in listed] == published_ids
    changes = client.get(f"{API}/{live_blog.pk}/updates/?since=0").json()
    assert "DRAFT" not in str(changes)
    for hidden in (draft_id, scheduled_id):
        response = client.get(f"{API}/{live_blog.pk}/updates/{hidden}/")
        assert response.status_code == 404
        assert response.json() == NOT_FOUND
    single = client.get(f"{API}/{live_blog.pk}/updates/{published_ids[0]}/").json()
    assert single["headline"] == "Update 3"
    pages = client.get(f"/api/v2/pages/{live_blog.pk}/").content.decode()
    assert "DRAFT" not in pages
    assert "DRAFT" not in client.get(f"{API}/").content.decode()


@pytest.mark.parametrize("restricted", ["source", "alias's section"])
def test_an_alias_of_a_blog_is_as_private_as_its_source_and_place(
    live_blog, update_id, home, client, restricted
):
    """An alias shows its source's updates: a restriction on the source, or
    on where the alias lives, hides the alias's routes too."""
    section = home.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    alias = live_blog.create_alias(parent=section, update_slug="storm-copy")
    for url in routes(alias.pk, update_id):
        assert client.get(url).status_code == 200, url
    PageViewRestriction.objects.create(
        page=live_blog if restricted == "source" else section,
        restriction_type=PageViewRestriction.LOGIN,
    )
    assert_hidden(client, alias.pk, update_id)


# -- the listing's Cache-Control and its cost --------------------------------


def _restricted_sections(home, count: int, group, prefix: str) -> None:
    """``count`` pages (no live blog under them) only ``group`` may see."""
    for number in range(count):
        section = home.add_child(
            instance=Page(title=f"{prefix} {number}", slug=f"{prefix}-{number}")
        )
        restriction = PageViewRestriction.objects.create(
            page=section, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([group])


def test_listing_stays_public_when_only_other_pages_are_restricted(
    live_blog, home, client, django_user_model
):
    section = home.add_child(instance=Page(title="Members", slug="members"))
    PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.LOGIN
    )
    listing = client.get(f"{API}/")
    assert [item["id"] for item in listing.json()["items"]] == [live_blog.pk]
    # No live blog lies under the restriction: everyone gets the same list,
    # so a CDN may keep it.
    assert directives(listing["Cache-Control"]) == {"public", "max-age=5"}
    # The same list answered to a logged-in user is never kept by a CDN.
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    listing = client.get(f"{API}/")
    assert [item["id"] for item in listing.json()["items"]] == [live_blog.pk]
    assert directives(listing["Cache-Control"]) == {"private", "no-store"}


def test_listing_reads_only_the_restrictions_over_live_blogs(
    live_blog, home, client, django_user_model
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    subscribers = Group.objects.create(name="Subscribers")
    member = django_user_model.objects.create_user("member", password="pw")
    member.groups.add(subscribers)
    client.force_login(member)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"{API}/").status_code == 200
        return len(captured)

    _restricted_sections(home, 1, subscribers, prefix="one")
    with_one = queries()
    _restricted_sections(home, 8, subscribers, prefix="many")
    assert queries() == with_one


def test_listing_of_a_restricted_blog_the_reader_may_see_is_private(
    home, client, django_user_model
):
    subscribers = Group.objects.create(name="Subscribers")
    section = home.add_child(instance=Page(title="Members", slug="members"))
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([subscribers])
    hidden = publish(LiveBlogPageFactory(parent=section), numbered_updates(1))
    shown = publish(LiveBlogPageFactory(parent=home), numbered_updates(1))

    listing = client.get(f"{API}/")
    assert [item["id"] for item in listing.json()["items"]] == [shown.pk]
    assert directives(listing["Cache-Control"]) == {"public", "max-age=5"}
    outsider = django_user_model.objects.create_user("outsider", password="pw")
    client.force_login(outsider)
    listing = client.get(f"{API}/")
    assert [item["id"] for item in listing.json()["items"]] == [shown.pk]
    assert listing.json()["meta"]["total_count"] == 1
    # Logged in: never publicly cacheable, whatever the list holds.
    assert directives(listing["Cache-Control"]) == {"private", "no-store"}

    member = django_user_model.objects.create_user("member", password="pw")
    member.groups.add(subscribers)
    client.force_login(member)
    listing = client.get(f"{API}/")
    assert {item["id"] for item in listing.json()["items"]} == {shown.pk, hidden.pk}
    assert directives(listing["Cache-Control"]) == {"private", "no-store"}
