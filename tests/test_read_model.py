"""The read model kept on the update rows: whatever Wagtail machinery
publishes, unpublishes or deletes an update, readers get its stored HTML
and data, and the change feed reports it once, in version order."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import BASE_TIME, editor, numbered_updates, post, publish, update
from wagtail_liveblog.models import (
    LiveBlogPage,
    LiveBlogTimeline,
    LiveBlogUpdate,
    LiveBlogUpdateAuthor,
)
from wagtail_liveblog.models.timeline import current_version
from wagtail_liveblog.reading import changes, queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog3(blog):
    return publish(blog, numbered_updates(3))


def newest(page) -> LiveBlogUpdate:
    return LiveBlogUpdate.objects.get(pk=queries.latest(page.pk, 1)[0].id)


def feed(page, since):
    return changes.changes_after(page.pk, since, None, 100)


def test_wagtails_own_publish_fills_the_read_model(blog3):
    """An update created and published the way Wagtail's admin does it."""
    created = LiveBlogUpdate(blog_id=blog3.pk, headline="From the admin", live=False)
    created.save()
    revision = created.save_revision(user=editor())
    version = current_version(blog3.pk)
    assert created.posted_at is None and not created.html
    revision.publish(user=editor())
    created.refresh_from_db()
    assert created.live and created.posted_at is not None
    assert "From the admin" in created.html
    assert created.data["headline"] == "From the admin"
    assert created.changed_version == current_version(blog3.pk) == version + 1


def test_a_draft_of_a_published_update_changes_nothing_for_readers(blog3):
    target = newest(blog3)
    version, html = current_version(blog3.pk), target.html
    draft = target.get_latest_revision_as_object()
    draft.headline = "Not yet"
    draft.save_revision(user=editor())
    target.refresh_from_db()
    assert target.headline == "Update 3" and target.html == html
    assert target.has_unpublished_changes
    assert current_version(blog3.pk) == version


def test_revisions_hold_the_content_not_the_stored_output(blog3):
    content = newest(blog3).live_revision.content
    assert content["headline"] == "Update 3"
    assert not {"html", "data", "changed_version"} & set(content)


def test_unpublish_leaves_a_tombstone_and_republish_brings_it_back(blog3, client):
    target = newest(blog3)
    version = current_version(blog3.pk)
    target.unpublish(user=editor())
    assert feed(blog3, version).deleted == [target.id]
    assert "Update 3" not in client.get(blog3.url).content.decode()

    back = current_version(blog3.pk)
    target.refresh_from_db()
    target.save_revision(user=editor()).publish(user=editor())
    found = feed(blog3, back)
    assert [u.id for u in found.items] == [target.id] and found.deleted == []
    # A client that missed both sees only the update, as it is now.
    found = feed(blog3, version)
    assert [u.id for u in found.items] == [target.id] and found.deleted == []
    assert "Update 3" in client.get(blog3.url).content.decode()


def test_deleting_a_published_update_leaves_a_tombstone(blog3):
    target = newest(blog3)
    target_id, posted_at = target.id, target.posted_at
    version = current_version(blog3.pk)
    target.delete()
    assert feed(blog3, version).deleted == [target_id]
    # "Load more" from a page that still shows it keeps working.
    assert queries.find_cursor(blog3.pk, target_id).posted_at == posted_at


def test_a_queryset_delete_leaves_tombstones_too(blog3):
    version = current_version(blog3.pk)
    LiveBlogUpdate.objects.filter(blog_id=blog3.pk, headline="Update 1").delete()
    assert len(feed(blog3, version).deleted) == 1


def test_deleting_a_draft_changes_nothing_for_readers(blog3):
    draft_id = post(blog3, "Draft", publish=False)
    version = current_version(blog3.pk)
    LiveBlogUpdate.objects.get(pk=draft_id).delete()
    assert current_version(blog3.pk) == version


def test_deleting_the_blog_deletes_its_updates_and_timeline(blog3):
    blog3.delete()
    assert not LiveBlogUpdate.objects.exists()
    assert not LiveBlogTimeline.objects.exists()


def test_saving_a_published_update_unchanged_is_no_change(blog3):
    target = newest(blog3)
    version = current_version(blog3.pk)
    target.save()
    assert current_version(blog3.pk) == version


def test_correcting_posted_at_moves_the_update(blog3):
    target = newest(blog3)
    target.posted_at = BASE_TIME  # before update 1
    target.save_revision(user=editor()).publish(user=editor())
    assert [u.headline for u in queries.latest(blog3.pk, 3)] == [
        "Update 2",
        "Update 1",
        "Update 3",
    ]


def test_page_publish_bumps_the_version_but_makes_no_update_change(blog3):
    version = current_version(blog3.pk)
    page = LiveBlogPage.objects.get(pk=blog3.pk)
    page.intro = "<p>New intro</p>"
    page.save_revision().publish()
    assert current_version(blog3.pk) == version + 1
    found = feed(blog3, version)
    assert found.items == [] and found.deleted == []


def test_moving_the_blog_reports_every_update_again(blog3, home):
    section = home.add_child(instance=LiveBlogPage(title="Section", slug="section"))
    version = current_version(blog3.pk)
    LiveBlogPage.objects.get(pk=blog3.pk).move(section, pos="last-child")
    assert len(feed(blog3, version).items) == 3


def test_versions_only_go_up(blog):
    seen = [current_version(blog.pk)]
    page = publish(blog, numbered_updates(2))
    seen.append(current_version(page.pk))
    update_id = post(page, "More")
    seen.append(current_version(page.pk))
    LiveBlogUpdate.objects.get(pk=update_id).unpublish()
    seen.append(current_version(page.pk))
    newest(page).delete()
    seen.append(current_version(page.pk))
    assert seen == sorted(set(seen))


def test_stored_html_uses_the_site_time_zone_not_the_publishers(blog):
    """Publishing from the admin runs in the reporter's own time zone; the
    stored HTML is for every reader, so it uses the site's (UTC here)."""
    item = update("Landfall", posted_at=BASE_TIME)
    with timezone.override("Asia/Tokyo"):
        publish(blog, [item])
    html = LiveBlogUpdate.objects.get(pk=item["id"]).html
    assert 'datetime="2026-03-14T09:00:00+00:00"' in html
    assert "+09:00" not in html


def test_rebuild_command_rerenders_after_a_template_override(blog3, settings, tmp_path):
    out = StringIO()
    version = current_version(blog3.pk)
    call_command("rebuild_liveblog_timeline", stdout=out)
    assert current_version(blog3.pk) == version
    assert "3 published update(s): 0 re-rendered, 3 unchanged." in out.getvalue()

    override = tmp_path / "wagtail_liveblog" / "includes"
    override.mkdir(parents=True)
    (override / "update.html").write_text(
        '<p class="site-update">Site layout: {{ update.headline }}</p>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    out = StringIO()
    call_command("rebuild_liveblog_timeline", str(blog3.pk), stdout=out)
    assert "3 re-rendered" in out.getvalue()
    assert newest(blog3).html == '<p class="site-update">Site layout: Update 3</p>'
    assert len(feed(blog3, version).items) == 3
    assert newest(blog3).updated_at is None  # a new look is not an edit


def test_rebuild_command_names_pages_without_updates(blog3, home):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match=str(home.pk)):
        call_command("rebuild_liveblog_timeline", str(home.pk), stdout=StringIO())


def test_control_characters_never_reach_the_stored_output(blog3):
    """However an update was written (here: directly, as a script might),
    headline and byline lose what XML cannot carry."""
    created = LiveBlogUpdate(
        blog_id=blog3.pk,
        headline="Vertical\x0btab",
        authors=[LiveBlogUpdateAuthor(name="By\x00line")],
        live=False,
    )
    created.save()
    created.save_revision(user=editor()).publish(user=editor())
    created.refresh_from_db()
    assert created.headline == "Verticaltab" and created.byline == "Byline"
    assert created.authors.get().name == "Byline"
    assert "\x0b" not in created.html and "\x00" not in created.html


def test_body_blocks_lose_control_characters_when_cleaned(db):
    from wagtail_liveblog.editing.clean import body_block

    block = body_block()
    value = block.to_python(
        [
            {"type": "text", "value": "<p>Rich\x0btext</p>"},
            {"type": "quote", "value": {"text": "Q\x0b", "attribution": "A\x0c"}},
        ]
    )
    text, quote = block.clean(value)
    assert text.value.source == "<p>Richtext</p>"
    assert (quote.value["text"], quote.value["attribution"]) == ("Q", "A")


def test_new_renditions_are_not_an_edit(blog, settings):
    from tests.factories import image, make_image

    page = publish(blog, [update("Photo", body=[image(make_image())])])
    settings.WAGTAIL_LIVEBLOG = {"IMAGE_RENDITIONS": ["width-300", "width-600"]}
    call_command("rebuild_liveblog_timeline", stdout=StringIO())
    photo = newest(page)
    assert "width-300" in str(photo.data["body"][0]["value"]["renditions"])
    assert photo.updated_at is None and "Updated" not in photo.html
