"""Every way Wagtail publishes stamps and rebases a live blog's updates.

The admin's edit view publishes through ``PublishPageRevisionAction``
directly, not ``page.publish()``; these tests pin that path down.
"""

from __future__ import annotations

import uuid

from wagtail.actions.publish_page_revision import PublishPageRevisionAction

from tests.factories import numbered_updates, publish, raw_updates, update
from tests.test_page_editor import open_editor
from wagtail_liveblog import editing, timeline


def _value(page, update_id):
    return next(i["value"] for i in raw_updates(page) if i["id"] == update_id)


def test_publish_action_stamps_posted_at(blog, admin_user):
    item = update("Bridge closed")
    blog.updates = [item]
    revision = blog.save_revision(user=admin_user)
    PublishPageRevisionAction(revision, user=admin_user).execute()
    value = _value(blog, item["id"])
    assert value["posted_at"]
    assert value["updated_at"] is None
    revision.refresh_from_db()
    assert '"posted_at": null' not in revision.content["updates"]
    entry = timeline.find_entry(blog.pk, item["id"])
    assert entry is not None and entry.posted_at is not None


def test_publish_action_sets_updated_at_on_an_edit(blog, admin_user):
    item = update("Bridge closed")
    blog = publish(blog, [item])
    latest = blog.get_latest_revision_as_object()
    stream = list(latest.updates.raw_data)
    stream[0]["value"]["headline"] = "Bridge closed in both directions"
    latest.updates = stream
    revision = latest.save_revision(user=admin_user)
    PublishPageRevisionAction(revision, user=admin_user).execute()
    value = _value(blog, item["id"])
    assert value["updated_at"] is not None
    assert timeline.find_entry(blog.pk, item["id"]).updated_at is not None


def test_admin_publish_stamps_an_update_saved_as_a_draft(
    blog, admin_client, admin_user
):
    item = update("Evacuation ordered")
    blog.updates = [item]
    blog.save_revision(user=admin_user)  # a draft: no stamp yet
    draft = blog.get_latest_revision_as_object()
    assert list(draft.updates.raw_data)[0]["value"].get("posted_at") in (None, "")

    form = open_editor(admin_client, blog)
    response = admin_client.post(
        f"/admin/pages/{blog.pk}/edit/", form.data(**{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert _value(blog, item["id"])["posted_at"]
    entry = timeline.find_entry(blog.pk, item["id"])
    assert entry is not None and entry.posted_at is not None
    assert f'id="update-{item["id"]}"' in admin_client.get(blog.url).content.decode()


def test_publishing_a_stale_revision_keeps_a_desk_post(blog, admin_user):
    """The editor's revision was saved before a reporter posted from the
    desk; publishing it (as the edit view does, right after saving) must not
    take the reporter's update down."""
    blog = publish(blog, numbered_updates(3))
    editor_copy = blog.get_latest_revision_as_object()
    editor_copy.title = "Storm live: day two"
    stale = editor_copy.save_revision(user=admin_user)

    posted = editing.post_update(
        blog, user=admin_user, headline="Power cut in the north"
    )

    PublishPageRevisionAction(stale, user=admin_user).execute()
    blog.refresh_from_db()
    assert blog.title == "Storm live: day two"
    ids = [i["id"] for i in raw_updates(blog)]
    assert posted in ids and len(ids) == 4
    assert timeline.find_entry(blog.pk, uuid.UUID(posted)) is not None
