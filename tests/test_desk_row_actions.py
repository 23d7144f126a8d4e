"""Publish, unpublish, approve and request changes from a desk row: one POST
each, permissions from the blog, locks holding as everywhere else, every
refusal a message (never a 500)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from tests.desk_support import make_user
from tests.factories import LiveBlogPageFactory, numbered_updates, post, publish
from tests.roles import cast
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json", "HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def blog(home):
    return publish(
        LiveBlogPageFactory(parent=home, title="Blog A"), numbered_updates(2)
    )


@pytest.fixture
def people(blog, home):
    return cast(blog, publish(LiveBlogPageFactory(parent=home, title="Blog B")))


def action_url(update, action: str) -> str:
    return reverse("wagtail_liveblog:row_action", args=[update.pk, action])


def desk(client, blog) -> str:
    return client.get(reverse("wagtail_liveblog:desk", args=[blog.pk])).content.decode()


def draft(blog, headline="A draft") -> LiveBlogUpdate:
    return LiveBlogUpdate.objects.get(pk=post(blog, headline, publish=False))


def in_moderation(blog, by) -> LiveBlogUpdate:
    update = draft(blog, "Needs a look")
    update.get_workflow().start(update, by)
    update.refresh_from_db()
    assert update.workflow_in_progress
    return update


# -- publish -------------------------------------------------------------------


def test_an_editor_publishes_a_draft_from_its_row(client, people, blog):
    update = draft(blog)
    client.force_login(people["editor_a"])
    assert action_url(update, "publish") in desk(client, blog)
    response = client.post(action_url(update, "publish"), **JSON)
    assert response.status_code == 200
    assert response.json() == {"ok": True, "message": "'A draft' is published."}
    update.refresh_from_db()
    assert update.live and update.posted_at is not None
    assert "A draft" in client.get(blog.url).content.decode()


def test_without_javascript_the_desk_comes_back_with_a_message(client, people, blog):
    update = draft(blog)
    client.force_login(people["editor_a"])
    response = client.post(action_url(update, "publish"), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "wagtail_liveblog:desk", args=[blog.pk]
    )
    assert "&#x27;A draft&#x27; is published." in response.content.decode()


def test_a_contributor_gets_no_publish_and_a_refusal(client, people, blog):
    update = draft(blog)
    client.force_login(people["contributor_a"])
    assert action_url(update, "publish") not in desk(client, blog)
    response = client.post(action_url(update, "publish"), **JSON)
    assert response.status_code == 403
    assert response.json()["ok"] is False
    assert "permission" in response.json()["message"]
    update.refresh_from_db()
    assert not update.live


def test_a_colleagues_lock_stops_publish_and_unpublish(client, people, blog):
    update = draft(blog)
    live = LiveBlogUpdate.objects.get(headline="Update 1")
    for row in (update, live):
        row.locked, row.locked_by = True, people["contributor_a"]
        row.save(update_fields=["locked", "locked_by"])
    client.force_login(people["editor_a"])
    html = desk(client, blog)
    assert action_url(update, "publish") not in html
    assert action_url(live, "unpublish") not in html
    for row, action in ((update, "publish"), (live, "unpublish")):
        response = client.post(action_url(row, action), **JSON)
        assert response.status_code == 403
        assert "locked" in response.json()["message"].lower()
    update.refresh_from_db()
    live.refresh_from_db()
    assert not update.live and live.live


def test_nothing_to_publish_is_a_message(client, people, blog):
    live = LiveBlogUpdate.objects.get(headline="Update 1")
    client.force_login(people["editor_a"])
    response = client.post(action_url(live, "publish"), **JSON)
    assert response.status_code == 400
    assert response.json() == {
        "ok": False,
        "message": "'Update 1' has no draft to publish.",
    }


def test_other_blogs_editors_and_unknown_actions_get_404(client, people, blog):
    update = draft(blog)
    client.force_login(people["editor_b"])
    assert client.post(action_url(update, "publish")).status_code == 404
    client.force_login(people["editor_a"])
    assert client.post(action_url(update, "explode")).status_code == 404
    assert client.get(action_url(update, "publish")).status_code == 405


# -- unpublish -----------------------------------------------------------------


def test_unpublish_in_place(client, people, blog):
    live = LiveBlogUpdate.objects.get(headline="Update 1")
    client.force_login(people["contributor_a"])
    assert action_url(live, "unpublish") not in desk(client, blog)
    assert client.post(action_url(live, "unpublish"), **JSON).status_code == 403
    client.force_login(people["editor_a"])
    assert action_url(live, "unpublish") in desk(client, blog)
    response = client.post(action_url(live, "unpublish"), **JSON)
    assert response.status_code == 200
    live.refresh_from_db()
    assert not live.live
    assert "Update 1" not in client.get(blog.url).content.decode()
    # Now it has a draft to publish again, from the same row.
    assert action_url(live, "publish") in desk(client, blog)


# -- approve and request changes --------------------------------------------------


@pytest.fixture
def moderator(db):
    return make_user("moe", "Moderators")


@pytest.fixture
def writer(db):
    return make_user("wendy", "Editors")


def test_the_reviewer_approves_from_the_row(client, blog, moderator, writer):
    update = in_moderation(blog, writer)
    client.force_login(writer)
    html = desk(client, blog)
    assert action_url(update, "approve") not in html
    assert client.post(action_url(update, "approve"), **JSON).status_code == 403

    client.force_login(moderator)
    html = desk(client, blog)
    assert action_url(update, "approve") in html
    assert action_url(update, "reject") in html
    # In moderation: approving is the way, not Publish.
    assert action_url(update, "publish") not in html
    response = client.post(action_url(update, "approve"), **JSON)
    assert response.status_code == 200
    assert response.json()["message"] == "'Needs a look' is approved."
    update.refresh_from_db()
    assert update.live and not update.workflow_in_progress
    assert "Needs a look" in client.get(blog.url).content.decode()


def test_the_reviewer_requests_changes_with_a_comment(client, blog, moderator, writer):
    update = in_moderation(blog, writer)
    client.force_login(moderator)
    response = client.post(action_url(update, "reject"), {"comment": "Source?"}, **JSON)
    assert response.status_code == 200
    update.refresh_from_db()
    assert not update.live
    state = WorkflowState.objects.for_instance(update).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Source?"
    # Approving what is no longer awaiting review is a message.
    response = client.post(action_url(update, "approve"), **JSON)
    assert response.status_code == 400
    assert "not awaiting moderation" in response.json()["message"]


def test_a_lock_stops_the_reviewer(client, blog, moderator, writer):
    update = in_moderation(blog, writer)
    update.locked, update.locked_by = True, writer
    update.save(update_fields=["locked", "locked_by"])
    client.force_login(moderator)
    assert action_url(update, "approve") not in desk(client, blog)
    response = client.post(action_url(update, "approve"), **JSON)
    assert response.status_code == 403
    assert "locked" in response.json()["message"].lower()
    update.refresh_from_db()
    assert not update.live and update.workflow_in_progress
