"""The timeline read model follows Wagtail's page lifecycle, and
``rebuild_liveblog_timeline`` rebuilds it from the published pages."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

from tests.factories import (
    ElectionNightPageFactory,
    LiveBlogPageFactory,
    image,
    make_image,
    numbered_updates,
    publish,
    quote,
    text,
)
from wagtail_liveblog import timeline
from wagtail_liveblog.models import LiveBlogTimeline, TimelineEntry

pytestmark = pytest.mark.django_db


def version(page) -> int:
    return timeline.current_version(page.pk)


def entries(page) -> dict[str, TimelineEntry]:
    return {
        str(e.update_id): e for e in TimelineEntry.objects.filter(timeline_id=page.pk)
    }


def live_snapshot(page) -> list[tuple]:
    """What readers get: ids in order, with html and API data."""
    return [
        (
            str(e.update_id),
            e.posted_at,
            e.updated_at,
            e.pinned,
            e.key_event,
            e.html,
            e.data,
        )
        for e in timeline.live_entries(page.pk)
    ]


def republish(page, mutate):
    draft = page.get_latest_revision_as_object()
    items = list(draft.updates.raw_data)
    items = mutate(items) or items
    return publish(draft, items)


@pytest.fixture
def items():
    return numbered_updates(5)


@pytest.fixture
def blog5(blog, items):
    return publish(blog, items)


def test_create(blog5, items):
    assert version(blog5) == 1
    rows = entries(blog5)
    assert set(rows) == {i["id"] for i in items}
    newest = rows[items[0]["id"]]
    assert newest.headline == "Update 5"
    assert newest.changed_version == 1 and newest.deleted_version is None
    assert "Update 5" in newest.html
    assert newest.data["id"] == items[0]["id"]
    assert [str(e.update_id) for e in timeline.live_entries(blog5.pk)] == [
        i["id"] for i in items
    ]
    timeline_row = LiveBlogTimeline.objects.get(page=blog5)
    assert timeline_row.revision_id == blog5.live_revision_id


def test_edit_only_changes_the_edited_entry(blog5, items):
    def edit(raw):
        raw[2]["value"]["headline"] = "Update 3, corrected"

    page = republish(blog5, edit)
    assert version(page) == 2
    rows = entries(page)
    assert rows[items[2]["id"]].changed_version == 2
    assert rows[items[2]["id"]].headline == "Update 3, corrected"
    assert "Update 3, corrected" in rows[items[2]["id"]].html
    assert rows[items[2]["id"]].updated_at is not None
    others = [r.changed_version for k, r in rows.items() if k != items[2]["id"]]
    assert others == [1, 1, 1, 1]


def test_flag_change_is_a_change_of_that_entry_only(blog5, items):
    def pin(raw):
        raw[4]["value"]["pinned"] = True

    page = republish(blog5, pin)
    rows = entries(page)
    assert rows[items[4]["id"]].pinned is True
    assert rows[items[4]["id"]].changed_version == 2
    assert sorted(r.changed_version for r in rows.values()) == [1, 1, 1, 1, 2]


def test_reorder_changes_no_entry(blog5, items):
    before = live_snapshot(blog5)
    page = republish(blog5, lambda raw: list(reversed(raw)))
    assert [r.changed_version for r in entries(page).values()] == [1] * 5
    assert live_snapshot(page) == before


def test_remove_leaves_a_tombstone_and_leaves_the_page(blog5, items, client):
    removed = items[1]["id"]
    page = republish(blog5, lambda raw: [i for i in raw if i["id"] != removed])
    assert version(page) == 2
    row = entries(page)[removed]
    assert row.deleted_version == 2
    assert row.html == "" and row.data == {}
    html = client.get(page.url).content.decode()
    assert f'id="update-{removed}"' not in html
    assert f'id="update-{items[0]["id"]}"' in html
    assert timeline.count(page.pk) == 4


def test_unpublish_tombstones_everything_and_404s(blog5, items, client):
    url = blog5.url
    blog5.unpublish()
    assert version(blog5) == 2
    rows = entries(blog5)
    assert {r.deleted_version for r in rows.values()} == {2}
    assert timeline.count(blog5.pk) == 0
    assert client.get(url).status_code == 404
    assert client.get(f"{url}updates/?before={items[0]['id']}").status_code == 404


def test_republish_brings_entries_back(blog5, items, client):
    url = blog5.url
    blog5.unpublish()
    page = republish(type(blog5).objects.get(pk=blog5.pk), lambda raw: None)
    assert version(page) == 3
    rows = entries(page)
    assert all(r.deleted_version is None for r in rows.values())
    assert {r.changed_version for r in rows.values()} == {3}
    html = client.get(url).content.decode()
    assert all(f'id="update-{i["id"]}"' in html for i in items)


def test_move_bumps_version_and_reports_every_entry(blog5, home, items, client):
    section = home.add_child(instance=Page(title="World", slug="world"))
    blog5.move(section, pos="last-child")
    moved = type(blog5).objects.get(pk=blog5.pk)
    assert version(moved) == 2
    assert {r.changed_version for r in entries(moved).values()} == {2}
    assert moved.url.startswith("/world/")
    html = client.get(moved.url).content.decode()
    assert f'id="update-{items[0]["id"]}"' in html


def test_delete_removes_the_read_model(blog5):
    pk = blog5.pk
    blog5.delete()
    assert not LiveBlogTimeline.objects.filter(page_id=pk).exists()
    assert not TimelineEntry.objects.filter(timeline_id=pk).exists()


def test_version_is_monotonic(blog, home):
    versions = []
    items = numbered_updates(3)
    page = publish(blog, items)
    versions.append(version(page))
    page = republish(page, lambda raw: raw[0]["value"].update(headline="Edited"))
    versions.append(version(page))
    page = republish(page, lambda raw: raw[1:])
    versions.append(version(page))
    page.unpublish()
    versions.append(version(page))
    page = republish(type(page).objects.get(pk=page.pk), lambda raw: None)
    versions.append(version(page))
    section = home.add_child(instance=Page(title="Local", slug="local"))
    page.move(section, pos="last-child")
    versions.append(version(page))
    page = type(page).objects.get(pk=page.pk)
    page = republish(page, lambda raw: None)
    versions.append(version(page))
    assert versions == sorted(versions)
    assert len(set(versions)) == len(versions)


def test_publishing_the_same_revision_twice_is_a_no_op(blog5):
    before = version(blog5)
    timeline.sync_page(blog5)
    assert version(blog5) == before


# -- rebuild -------------------------------------------------------------------


@pytest.fixture
def eventful_blog(blog):
    """A blog that went through edits, removals, flags and rich bodies."""
    items = numbered_updates(8)
    items[0]["value"]["body"] = [
        text("<p>Water over the bridge.</p>"),
        image(make_image(), credit="Reuters", caption="Millbrook bridge"),
    ]
    items[1]["value"]["body"] = [quote("It is holding.", "Chief engineer")]
    page = publish(blog, items)
    page = republish(page, lambda raw: raw[2]["value"].update(headline="Corrected"))
    page = republish(page, lambda raw: raw[3]["value"].update(pinned=True))
    page = republish(page, lambda raw: raw[4]["value"].update(key_event=True))
    page = republish(page, lambda raw: [i for i in raw if i["id"] != items[5]["id"]])
    return page


def test_rebuild_equals_incremental(eventful_blog):
    incremental = live_snapshot(eventful_blog)
    assert len(incremental) == 7
    LiveBlogTimeline.objects.filter(page=eventful_blog).delete()
    assert live_snapshot(eventful_blog) == []

    timeline.rebuild([eventful_blog])
    assert live_snapshot(eventful_blog) == incremental


def test_forced_rebuild_equals_incremental(eventful_blog):
    incremental = live_snapshot(eventful_blog)
    before = version(eventful_blog)
    timeline.rebuild([eventful_blog], force=True)
    assert version(eventful_blog) == before + 1
    assert live_snapshot(eventful_blog) == incremental


def test_command_rebuilds_every_liveblog_type(home):
    blog = publish(LiveBlogPageFactory(parent=home), numbered_updates(4))
    election = publish(ElectionNightPageFactory(parent=home), numbered_updates(3))
    expected = {p.pk: live_snapshot(p) for p in (blog, election)}
    LiveBlogTimeline.objects.all().delete()

    out = StringIO()
    call_command("rebuild_liveblog_timeline", stdout=out)
    assert {p.pk: live_snapshot(p) for p in (blog, election)} == expected
    assert "2 live blog(s): 2 rebuilt, 0 unchanged" in out.getvalue()


def test_command_is_idempotent(home):
    blog = publish(LiveBlogPageFactory(parent=home), numbered_updates(4))
    election = publish(ElectionNightPageFactory(parent=home), numbered_updates(3))
    draft_only = LiveBlogPageFactory(parent=home, live=False)
    pages = (blog, election)
    versions = {p.pk: version(p) for p in pages}
    snapshot = {p.pk: live_snapshot(p) for p in pages}
    changed = {
        p.pk: sorted(r.changed_version for r in entries(p).values()) for p in pages
    }

    for _ in range(2):
        out = StringIO()
        call_command("rebuild_liveblog_timeline", stdout=out)
        assert {p.pk: version(p) for p in pages} == versions
        assert {p.pk: live_snapshot(p) for p in pages} == snapshot
        assert {
            p.pk: sorted(r.changed_version for r in entries(p).values()) for p in pages
        } == changed
        assert "0 rebuilt, 2 unchanged, 1 not published" in out.getvalue()
    assert not LiveBlogTimeline.objects.filter(page_id=draft_only.pk).exists()


def test_command_tombstones_a_blog_unpublished_behind_its_back(blog5):
    Page.objects.filter(pk=blog5.pk).update(live=False, live_revision=None)
    call_command("rebuild_liveblog_timeline", stdout=StringIO())
    assert timeline.count(blog5.pk) == 0
    v = version(blog5)
    call_command("rebuild_liveblog_timeline", stdout=StringIO())
    assert version(blog5) == v


def test_command_force_rerenders_after_template_override(
    blog5, items, settings, tmp_path
):
    override = tmp_path / "wagtail_liveblog" / "includes"
    override.mkdir(parents=True)
    (override / "update.html").write_text(
        '<p class="site-update">Site layout: {{ update.headline }}</p>'
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [str(tmp_path)]}]
    before = version(blog5)

    call_command("rebuild_liveblog_timeline", stdout=StringIO())
    assert version(blog5) == before
    assert "Site layout" not in entries(blog5)[items[0]["id"]].html

    out = StringIO()
    call_command("rebuild_liveblog_timeline", "--force", stdout=out)
    assert version(blog5) == before + 1
    rows = entries(blog5)
    assert (
        rows[items[0]["id"]].html == '<p class="site-update">Site layout: Update 5</p>'
    )
    assert {r.changed_version for r in rows.values()} == {before + 1}
    assert "1 rebuilt" in out.getvalue()


def test_command_limited_to_page_ids(home):
    one = publish(LiveBlogPageFactory(parent=home), numbered_updates(2))
    two = publish(LiveBlogPageFactory(parent=home), numbered_updates(2))
    v1, v2 = version(one), version(two)
    out = StringIO()
    call_command("rebuild_liveblog_timeline", str(one.pk), "--force", stdout=out)
    assert (version(one), version(two)) == (v1 + 1, v2)
    assert re.search(r"1 live blog\(s\): 1 rebuilt", out.getvalue())


def test_command_rejects_ids_that_are_not_liveblogs(blog5, home):
    with pytest.raises(CommandError, match=str(home.pk)):
        call_command("rebuild_liveblog_timeline", str(home.pk), stdout=StringIO())


def test_correcting_posted_at_moves_the_update(blog5, items):
    from tests.factories import BASE_TIME

    oldest = items[-1]["id"]

    def backdate_newest(raw):
        raw[0]["value"]["posted_at"] = (BASE_TIME.replace(hour=8)).isoformat()

    page = republish(blog5, backdate_newest)
    order = [str(e.update_id) for e in timeline.live_entries(page.pk)]
    assert order == [i["id"] for i in items[1:]] + [items[0]["id"]]
    assert order[-2] == oldest
    rows = entries(page)
    assert rows[items[0]["id"]].changed_version == 2
    assert rows[items[0]["id"]].updated_at is None
    assert sorted(r.changed_version for r in rows.values()) == [1, 1, 1, 1, 2]


def test_copied_blog_gets_its_own_timeline(blog5, home, items, client):
    section = home.add_child(instance=Page(title="Archive", slug="archive"))
    copy = blog5.copy(
        to=section,
        update_attrs={"slug": "storm-copy", "title": "Storm (copy)"},
        keep_live=True,
    )
    assert [str(e.update_id) for e in timeline.live_entries(copy.pk)] == [
        i["id"] for i in items
    ]
    assert timeline.count(blog5.pk) == 5
    html = client.get(copy.url).content.decode()
    assert f'id="update-{items[0]["id"]}"' in html


def test_alias_shows_the_updates_at_once(blog5, home, items, client):
    section = home.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    alias = blog5.create_alias(parent=section, update_slug="storm-alias")
    html = client.get(alias.url).content.decode()
    assert f'id="update-{items[0]["id"]}"' in html


def test_alias_follows_the_original_after_its_next_publish(blog5, home, items, client):
    section = home.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    alias = blog5.create_alias(parent=section, update_slug="storm-alias")
    republish(blog5, lambda raw: raw[0]["value"].update(headline="Landfall"))
    html = client.get(alias.url).content.decode()
    assert "Landfall" in html
    assert all(f'id="update-{i["id"]}"' in html for i in items)


def test_command_rebuilds_an_alias_from_its_own_content(blog5, home, items):
    """An alias's ``live_revision`` belongs to the original (and lags one
    publish behind): rebuilding must not sync anything from it."""
    section = home.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    alias = blog5.create_alias(parent=section, update_slug="storm-alias")
    removed = items[4]["id"]
    page = republish(blog5, lambda raw: [i for i in raw if i["id"] != removed])
    page = republish(page, lambda raw: raw[0]["value"].update(headline="Landfall"))
    expected = live_snapshot(page)
    assert len(expected) == 4

    call_command("rebuild_liveblog_timeline", stdout=StringIO())
    assert live_snapshot(page) == expected

    LiveBlogTimeline.objects.all().delete()
    call_command("rebuild_liveblog_timeline", stdout=StringIO())
    assert live_snapshot(page) == expected
    assert [row[0] for row in live_snapshot(alias)] == [row[0] for row in expected]
    assert "Landfall" in entries(alias)[items[0]["id"]].html


def test_stored_html_uses_the_site_time_zone_not_the_publishers(blog, settings):
    """Publishing from the admin runs in the reporter's own time zone; the
    stored HTML is for every reader, so it uses the site's (UTC here)."""
    from django.utils import timezone as tz

    from tests.factories import BASE_TIME, publish, update
    from wagtail_liveblog import timeline

    item = update("Landfall", posted_at=BASE_TIME)
    with tz.override("Asia/Tokyo"):
        publish(blog, [item])
    html = timeline.find_entry(blog.pk, item["id"]).html
    assert 'datetime="2026-03-14T09:00:00+00:00"' in html
    assert "+09:00" not in html
