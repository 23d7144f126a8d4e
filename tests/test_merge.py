"""Stale-form merge: unit tests of ``merge_updates`` and the real admin edit view."""

from __future__ import annotations

import copy
import re

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from tests.factories import numbered_updates, publish, raw_updates, update
from wagtail_liveblog import editing
from wagtail_liveblog.merge import merge_updates


def ids(items):
    return [item["id"] for item in items]


def edited(item, **changes):
    item = copy.deepcopy(item)
    item["value"].update(changes)
    return item


@pytest.fixture
def stream():
    """Three updates, newest first: c, b, a."""
    return numbered_updates(3)


# -- merge_updates ---------------------------------------------------------------


def test_up_to_date_form_is_taken_as_submitted(stream):
    c, a = stream[0], stream[2]
    submitted = [edited(c, headline="C fixed"), a]
    result = merge_updates(stream, stream, submitted)
    assert ids(result) == [c["id"], a["id"]]
    assert result[0]["value"]["headline"] == "C fixed"


def test_colleagues_new_update_is_kept_at_the_top(stream):
    new = update("Colleague's news")
    latest = [new, *stream]
    result = merge_updates(stream, latest, list(stream))
    assert ids(result) == ids(latest)


def test_colleagues_update_keeps_its_place_between_neighbours(stream):
    c, b, a = stream
    middle = update("Back-dated by a colleague")
    latest = [c, middle, b, a]
    result = merge_updates(stream, latest, [c, b, a])
    assert ids(result) == [c["id"], middle["id"], b["id"], a["id"]]


def test_deliberate_removal_applies_even_if_others_kept_it(stream):
    c, b, a = stream
    new = update("Colleague's news")
    result = merge_updates(stream, [new, c, b, a], [c, a])
    assert ids(result) == [new["id"], c["id"], a["id"]]


def test_own_edit_wins_over_stale_copy(stream):
    c, b, a = stream
    result = merge_updates(stream, stream, [c, edited(b, headline="B corrected"), a])
    assert result[1]["value"]["headline"] == "B corrected"


def test_colleagues_edit_survives_an_untouched_stale_copy(stream):
    c, b, a = stream
    latest = [c, edited(b, headline="B corrected on the desk", pinned=True), a]
    result = merge_updates(stream, latest, list(stream))
    assert result[1]["value"]["headline"] == "B corrected on the desk"
    assert result[1]["value"]["pinned"] is True


def test_both_edited_the_saving_editor_wins(stream):
    c, b, a = stream
    latest = [c, edited(b, headline="Desk version"), a]
    submitted = [c, edited(b, headline="Editor version"), a]
    result = merge_updates(stream, latest, submitted)
    assert result[1]["value"]["headline"] == "Editor version"


def test_colleagues_removal_of_untouched_update_stays(stream):
    c, b, a = stream
    result = merge_updates(stream, [c, a], list(stream))
    assert ids(result) == [c["id"], a["id"]]


def test_editors_change_keeps_an_update_a_colleague_removed(stream):
    c, b, a = stream
    result = merge_updates(stream, [c, a], [c, edited(b, headline="Still news"), a])
    assert ids(result) == [c["id"], b["id"], a["id"]]


def test_editors_own_new_update_is_kept(stream):
    mine = update("Mine")
    theirs = update("Theirs")
    result = merge_updates(stream, [theirs, *stream], [mine, *stream])
    assert set(ids(result)) == {mine["id"], theirs["id"], *ids(stream)}
    assert len(result) == 5


def test_unknown_base_keeps_everything_in_latest(stream):
    c, b, a = stream
    new = update("Colleague's news")
    result = merge_updates(None, [new, c, b, a], [c, a])
    assert ids(result) == [new["id"], c["id"], b["id"], a["id"]]


def test_form_round_trip_noise_is_not_an_edit(stream):
    """The admin widget keeps minutes only; that alone is not an edit."""
    c, b, a = stream
    posted = b["value"]["posted_at"]
    noisy = edited(b, posted_at=posted.replace("+00:00", ".000000+00:00"))
    latest = [c, edited(b, headline="Desk version"), a]
    result = merge_updates(stream, latest, [c, noisy, a])
    assert result[1]["value"]["headline"] == "Desk version"


def test_no_duplicates_when_an_id_is_everywhere(stream):
    result = merge_updates(stream, stream + [], stream + [])
    assert ids(result) == ids(stream)


# -- through the real admin edit view ------------------------------------------------


def _form_fields(html: str) -> dict[str, str]:
    """The hidden inputs Wagtail's edit form posts for concurrency checks."""
    fields = {}
    for name in ("loaded_revision_id", "loaded_revision_created_at"):
        match = re.search(rf'name="{name}" value="([^"]*)"', html)
        fields[name] = match.group(1) if match else ""
    return fields


def _stream_post_data(items: list[dict], prefix: str = "updates") -> dict[str, str]:
    """POST data of the updates StreamField as Wagtail's block widgets send it."""
    data = {f"{prefix}-count": str(len(items))}
    for index, item in enumerate(items):
        key = f"{prefix}-{index}"
        value = item["value"]
        data.update(
            {
                f"{key}-type": "update",
                f"{key}-id": item["id"],
                f"{key}-deleted": "",
                f"{key}-order": str(index),
                f"{key}-value-headline": value.get("headline") or "",
                f"{key}-value-author": value.get("author") or "",
                f"{key}-value-posted_at": (value.get("posted_at") or "")[:16].replace(
                    "T", " "
                ),
                f"{key}-value-updated_at": (value.get("updated_at") or "")[:16].replace(
                    "T", " "
                ),
            }
        )
        if value.get("pinned"):
            data[f"{key}-value-pinned"] = "on"
        if value.get("key_event"):
            data[f"{key}-value-key_event"] = "on"
        body = value.get("body") or []
        data[f"{key}-value-body-count"] = str(len(body))
        for b_index, child in enumerate(body):
            b_key = f"{key}-value-body-{b_index}"
            data.update(
                {
                    f"{b_key}-type": child["type"],
                    f"{b_key}-id": child["id"],
                    f"{b_key}-deleted": "",
                    f"{b_key}-order": str(b_index),
                }
            )
            assert child["type"] == "text", "the helper only fills in text blocks"
            data[f"{b_key}-value"] = _draftail_json(child["value"])
    return data


def _draftail_json(html: str) -> str:
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    return ContentstateConverter(
        ["bold", "italic", "link", "ol", "ul"]
    ).from_database_format(html)


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("chief", "chief@example.com", "pw")


@override_settings(WAGTAIL_LIVEBLOG={"INLINE_EDITING": True})
def test_stale_admin_save_keeps_a_colleagues_update(blog, superuser, client):
    blog = publish(blog, numbered_updates(3), user=superuser)
    loaded = raw_updates(blog)  # what the editor's form shows: Update 3, 2, 1
    client.force_login(superuser)
    edit_url = reverse("wagtailadmin_pages:edit", args=[blog.pk])
    response = client.get(edit_url)
    assert response.status_code == 200
    hidden = _form_fields(response.content.decode())
    assert hidden["loaded_revision_id"] == str(blog.latest_revision_id)

    # Meanwhile a colleague posts from the desk.
    colleague_id = editing.post_update(
        blog,
        user=superuser,
        headline="Colleague: bridge closed",
        body=[{"type": "text", "value": "<p>Police closed the bridge.</p>"}],
    )

    # The stale form: Update 2's headline corrected, Update 1 removed.
    submitted = [loaded[0], edited(loaded[1], headline="Update 2 (corrected)")]
    data = {
        "title": blog.title,
        "slug": blog.slug,
        "intro": _draftail_json("<p>Follow the storm as it happens.</p>"),
        "coverage_start": "",
        "coverage_end": "",
        "action-publish": "action-publish",
        **hidden,
        **_stream_post_data(submitted),
    }
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    published = {item["id"]: item["value"] for item in raw_updates(blog)}
    assert colleague_id in published
    assert published[loaded[1]["id"]]["headline"] == "Update 2 (corrected)"
    assert loaded[2]["id"] not in published
    assert loaded[0]["id"] in published
    assert len(published) == 3


def test_publishing_an_older_revision_keeps_updates_posted_since(blog, superuser):
    """A workflow approval or a scheduled publish of a revision saved before
    colleagues posted must not take their updates down."""
    from wagtail_liveblog.models import LiveBlogPage

    blog = publish(blog, numbered_updates(3), user=superuser)
    draft = LiveBlogPage.objects.get(pk=blog.pk).get_latest_revision_as_object()
    removed = raw_updates(blog)[2]
    draft.intro = "<p>Reviewed intro</p>"
    draft.updates = [item for item in raw_updates(blog) if item["id"] != removed["id"]]
    under_review = draft.save_revision(user=superuser)

    posted = editing.post_update(blog, user=superuser, headline="Posted during review")

    under_review.refresh_from_db()
    under_review.publish(user=superuser)  # what approving the review does

    page = LiveBlogPage.objects.get(pk=blog.pk)
    live_ids = [item["id"] for item in page.updates.raw_data]
    assert posted in live_ids
    assert removed["id"] not in live_ids  # the reviewed removal applies
    assert "Reviewed intro" in page.intro
    assert len(live_ids) == 3


# -- a base pruned by retention -------------------------------------------------------


def test_unknown_base_keeps_a_colleagues_removal(stream):
    c, b, a = stream
    # The form had c, b, a; a colleague removed b; the base revision is gone.
    history = [list(stream), [c, a]]
    result = merge_updates(None, [c, a], list(stream), history)
    assert ids(result) == [c["id"], a["id"]]


def test_unknown_base_a_stale_copy_does_not_overwrite_a_correction(stream):
    c, b, a = stream
    corrected = edited(b, headline="B corrected on the desk")
    history = [list(stream), [c, corrected, a]]
    result = merge_updates(None, [c, corrected, a], list(stream), history)
    assert result[1]["value"]["headline"] == "B corrected on the desk"


def test_unknown_base_keeps_the_editors_own_edit_and_new_update(stream):
    c, b, a = stream
    mine = update("Mine")
    theirs = update("Theirs")
    latest = [theirs, c, b, a]
    submitted = [mine, c, edited(b, headline="B fixed by the editor"), a]
    result = merge_updates(None, latest, submitted, [list(stream), latest])
    assert set(ids(result)) == {mine["id"], theirs["id"], *ids(stream)}
    assert [i for i in result if i["id"] == b["id"]][0]["value"]["headline"] == (
        "B fixed by the editor"
    )


@override_settings(WAGTAIL_LIVEBLOG={"INLINE_EDITING": True, "KEEP_REVISIONS": 50})
def test_pruned_base_revision_does_not_resurrect_a_removed_update(blog, superuser):
    from wagtail.models import Revision

    from wagtail_liveblog.merge import merge_into_latest
    from wagtail_liveblog.models import LiveBlogPage

    blog = publish(blog, numbered_updates(3), user=superuser)
    stale = LiveBlogPage.objects.get(pk=blog.pk)  # the editor's form
    stale.updates = raw_updates(blog)
    base_id = stale.latest_revision_id
    removed = raw_updates(blog)[1]
    editing.remove_update(blog, removed["id"], user=superuser)
    Revision.objects.filter(pk=base_id).delete()  # pruned by retention
    merge_into_latest(stale, base_id)
    assert removed["id"] not in [item["id"] for item in stale.updates.raw_data]


# -- times cut to the minute by the form widget ------------------------------------


def test_times_cut_to_the_minute_keep_their_exact_value(stream):
    c, b, a = stream
    exact = edited(b, posted_at="2026-03-14T09:02:41.500000+00:00")
    exact["value"]["updated_at"] = "2026-03-14T09:05:07+00:00"
    latest = [c, exact, a]
    cut = edited(
        exact,
        headline="B edited in the page editor",
        posted_at="2026-03-14T09:02:00+00:00",
        updated_at="2026-03-14T09:05:00+00:00",
    )
    for base in (latest, None):
        result = merge_updates(base, latest, [c, cut, a], [latest])
        value = result[1]["value"]
        assert value["headline"] == "B edited in the page editor"
        assert value["posted_at"] == "2026-03-14T09:02:41.500000+00:00"
        assert value["updated_at"] == "2026-03-14T09:05:07+00:00"


def test_a_real_time_correction_is_kept(stream):
    c, b, a = stream
    exact = edited(b, posted_at="2026-03-14T09:02:41+00:00")
    moved = edited(exact, posted_at="2026-03-14T08:30:00+00:00")
    result = merge_updates([c, exact, a], [c, exact, a], [c, moved, a])
    assert result[1]["value"]["posted_at"] == "2026-03-14T08:30:00+00:00"


@override_settings(WAGTAIL_LIVEBLOG={"INLINE_EDITING": True})
def test_an_up_to_date_page_editor_save_keeps_exact_times(blog, superuser, client):
    from datetime import UTC, datetime

    items = [
        update(
            f"At {second}s", posted_at=datetime(2026, 3, 14, 9, 2, second, tzinfo=UTC)
        )
        for second in (50, 30, 10)
    ]
    blog = publish(blog, items, user=superuser)
    loaded = raw_updates(blog)
    client.force_login(superuser)
    edit_url = reverse("wagtailadmin_pages:edit", args=[blog.pk])
    hidden = _form_fields(client.get(edit_url).content.decode())
    data = {
        "title": blog.title,
        "slug": blog.slug,
        "intro": _draftail_json("<p>Follow the storm as it happens.</p>"),
        "coverage_start": "",
        "coverage_end": "",
        "action-publish": "action-publish",
        **hidden,
        **_stream_post_data(loaded),
    }
    assert client.post(edit_url, data).status_code == 302
    after = raw_updates(blog)
    assert [i["id"] for i in after] == [i["id"] for i in loaded]
    assert [i["value"]["posted_at"] for i in after] == [
        i["value"]["posted_at"] for i in loaded
    ]
    assert all(i["value"].get("updated_at") is None for i in after)
