"""The live desk in the Wagtail admin: posting, correcting, pinning, key
events, removing, coverage, bad input and who may do what."""

from __future__ import annotations

import json
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import Page

from tests.factories import (
    image,
    make_image,
    numbered_updates,
    publish,
    quote,
    text,
    update,
)
from wagtail_liveblog import editing, timeline
from wagtail_liveblog.models import TimelineEntry

pytestmark = pytest.mark.django_db

DRAFTAIL_EMPTY = json.dumps({"blocks": [], "entityMap": {}})


def draftail(*paragraphs: str) -> str:
    """What the Draftail widget submits for plain paragraphs."""
    return json.dumps(
        {
            "blocks": [
                {
                    "key": f"k{n}",
                    "type": "unstyled",
                    "depth": 0,
                    "text": words,
                    "inlineStyleRanges": [],
                    "entityRanges": [],
                    "data": {},
                }
                for n, words in enumerate(paragraphs)
            ],
            "entityMap": {},
        }
    )


def post_data(**overrides) -> dict:
    data = {
        "headline": "",
        "text": DRAFTAIL_EMPTY,
        "image": "",
        "credit": "",
        "caption": "",
        "quote": "",
        "attribution": "",
        "author": "Ana Reyes",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def desk_url(page) -> str:
    return reverse("wagtail_liveblog:desk", args=[page.pk])


def action_url(name: str, page, update_id, *extra) -> str:
    return reverse(f"wagtail_liveblog:{name}", args=[page.pk, update_id, *extra])


def headlines(page) -> list[str]:
    return [entry.headline for entry in timeline.latest(page.pk, 100)]


def make_user(username: str, group: str | None = None):
    user = get_user_model().objects.create_user(
        username, f"{username}@example.com", "pw", first_name=username.title()
    )
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(3))


@pytest.fixture
def newest(live_blog) -> TimelineEntry:
    return timeline.latest(live_blog.pk, 1)[0]


# -- the desk -----------------------------------------------------------------


def test_desk_shows_status_form_and_updates_newest_first(live_blog, admin_client):
    response = admin_client.get(desk_url(live_blog))
    assert response.status_code == 200
    html = response.content.decode()
    assert live_blog.title in html
    assert 'data-liveblog-status="live"' in html
    assert "End coverage" in html
    assert html.index("Update 3") < html.index("Update 2") < html.index("Update 1")
    for name in (
        "headline",
        "text",
        "image",
        "credit",
        "caption",
        "quote",
        "attribution",
        "pinned",
        "key_event",
        "author",
    ):
        assert f'name="{name}"' in html, name
    # The author defaults to the user's name.
    assert response.context["form"].initial["author"] == "admin"


def test_desk_pages_through_older_updates(blog, admin_client):
    publish(blog, numbered_updates(35))
    first = admin_client.get(desk_url(blog)).content.decode()
    assert "Update 35" in first and "Update 6<" in first and "Update 5<" not in first
    second = admin_client.get(desk_url(blog) + "?p=2").content.decode()
    assert "Update 5<" in second and "Update 1<" in second and "Update 35" not in second


def test_post_is_live_at_once(live_blog, admin_client, client):
    response = admin_client.post(
        desk_url(live_blog),
        post_data(headline="Levee breached", text=draftail("Water is rising fast.")),
        follow=True,
    )
    assert response.redirect_chain == [(desk_url(live_blog), 302)]
    assert "Update posted" in response.content.decode()
    # The fresh form is empty again.
    assert response.context["form"].data == {}

    entry = timeline.latest(live_blog.pk, 1)[0]
    assert entry.headline == "Levee breached"
    assert entry.author == "Ana Reyes"
    assert "Water is rising fast." in entry.html
    page = client.get(live_blog.url).content.decode()
    assert "Levee breached" in page and "Water is rising fast." in page


def test_post_with_image_quote_and_flags(live_blog, admin_client):
    picture = make_image()
    admin_client.post(
        desk_url(live_blog),
        post_data(
            text=draftail("Evacuation ordered."),
            image=str(picture.pk),
            credit="Reuters",
            caption="Main Street at noon",
            quote="Leave now.",
            attribution="Mayor Ana Reyes",
            pinned="on",
            key_event="on",
        ),
    )
    entry = timeline.latest(live_blog.pk, 1)[0]
    assert entry.pinned and entry.key_event
    body = entry.data["body"]
    assert [item["type"] for item in body] == ["text", "image", "quote"]
    assert body[1]["value"]["id"] == picture.pk
    assert body[1]["value"]["credit"] == "Reuters"
    assert body[1]["value"]["caption"] == "Main Street at noon"
    assert body[2]["value"] == {"text": "Leave now.", "attribution": "Mayor Ana Reyes"}
    assert timeline.pinned(live_blog.pk)[0].update_id == entry.update_id


def test_post_with_an_alt_text_override(live_blog, admin_client):
    picture = make_image(title="IMG_2041")
    admin_client.post(
        desk_url(live_blog),
        post_data(
            image=str(picture.pk),
            credit="Reuters",
            alt="Firefighters carry a child across the flooded square",
        ),
    )
    entry = timeline.latest(live_blog.pk, 1)[0]
    assert entry.data["body"][0]["value"]["alt"] == (
        "Firefighters carry a child across the flooded square"
    )
    assert 'alt="Firefighters carry a child across the flooded square"' in entry.html


def test_desk_posts_into_a_blog_never_published(blog, admin_client):
    admin_client.post(desk_url(blog), post_data(headline="First post"))
    blog.refresh_from_db()
    assert blog.live
    assert headlines(blog) == ["First post"]


# -- corrections and actions on one update ----------------------------------------


def test_edit_form_is_prefilled_and_saves_a_correction(blog, admin_client):
    picture = make_image()
    original = update(
        "Levee holds",
        [
            text("<p>Engineers say the levee holds.</p>"),
            image(picture, credit="AP"),
            quote("We are safe", "Chief"),
        ],
        author="Bo",
    )
    publish(blog, [original])
    url = action_url("edit_update", blog, original["id"])
    form = admin_client.get(url).context["form"]
    assert form.initial["headline"] == "Levee holds"
    assert form.initial["author"] == "Bo"
    assert "Engineers say the levee holds." in form.initial["text"]
    assert form.fields["credit"].initial == "AP"
    assert form.fields["quote"].initial == "We are safe"

    response = admin_client.post(
        url,
        {
            "headline": "Levee breached",
            "text": draftail("Engineers now say the levee broke."),
            "credit": "Reuters",
            "caption": "",
            "quote": "We are safe",
            "attribution": "Fire chief",
            "author": "Bo",
            "posted_at": "",
        },
    )
    assert response.status_code == 302
    entry = timeline.find_entry(blog.pk, original["id"])
    assert entry.headline == "Levee breached"
    assert entry.updated_at is not None
    body = entry.data["body"]
    assert "the levee broke" in body[0]["value"]
    assert body[1]["value"]["id"] == picture.pk  # the picture itself is kept
    assert body[1]["value"]["credit"] == "Reuters"
    assert body[2]["value"]["attribution"] == "Fire chief"


def test_edit_corrects_posted_at(live_blog, admin_client, newest):
    admin_client.post(
        action_url("edit_update", live_blog, newest.update_id),
        {
            "headline": newest.headline,
            "text": draftail("Update 3"),
            "author": "",
            "posted_at": "2026-03-14 08:30",
        },
    )
    entry = timeline.find_entry(live_blog.pk, newest.update_id)
    assert entry.posted_at.isoformat() == "2026-03-14T08:30:00+00:00"
    # Now the oldest of the four.
    assert timeline.latest(live_blog.pk, 10)[-1].update_id == newest.update_id


@pytest.mark.parametrize(
    ("action", "field", "value"),
    [("pin", "pinned", True), ("key-event", "key_event", True)],
)
def test_flags_on_and_off(live_blog, admin_client, newest, action, field, value):
    url = action_url("set_flag", live_blog, newest.update_id, action)
    assert admin_client.post(url).status_code == 302
    assert getattr(timeline.find_entry(live_blog.pk, newest.update_id), field) is value
    off = "unpin" if action == "pin" else "not-key-event"
    admin_client.post(action_url("set_flag", live_blog, newest.update_id, off))
    assert getattr(timeline.find_entry(live_blog.pk, newest.update_id), field) is False


def test_remove_asks_then_removes(live_blog, admin_client, client, newest):
    url = action_url("remove_update", live_blog, newest.update_id)
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert "Yes, remove it" in confirm.content.decode()
    assert headlines(live_blog)[0] == "Update 3"  # nothing removed by the GET

    assert admin_client.post(url).status_code == 302
    assert headlines(live_blog) == ["Update 2", "Update 1"]
    assert timeline.find_entry(
        live_blog.pk, newest.update_id, include_deleted=True
    ).is_deleted
    assert "Update 3" not in client.get(live_blog.url).content.decode()


def test_flag_buttons_need_post(live_blog, admin_client, newest):
    url = action_url("set_flag", live_blog, newest.update_id, "pin")
    assert admin_client.get(url).status_code == 405


# -- coverage ---------------------------------------------------------------------


def test_end_and_start_coverage(live_blog, admin_client, client):
    coverage = reverse("wagtail_liveblog:coverage", args=[live_blog.pk, "end"])
    assert admin_client.post(coverage).status_code == 302
    page = type(live_blog).objects.get(pk=live_blog.pk)
    assert page.status == "ended"
    poll = client.get(live_blog.url + "poll/?since=0").json()
    assert poll["meta"]["status"] == "ended"
    desk = admin_client.get(desk_url(live_blog)).content.decode()
    assert 'data-liveblog-status="ended"' in desk and "Start coverage" in desk

    admin_client.post(
        reverse("wagtail_liveblog:coverage", args=[live_blog.pk, "start"])
    )
    assert type(live_blog).objects.get(pk=live_blog.pk).status == "live"
    assert (
        client.get(live_blog.url + "poll/?since=0").json()["meta"]["status"] == "live"
    )


def test_unknown_coverage_action_is_404(live_blog, admin_client):
    url = reverse("wagtail_liveblog:coverage", args=[live_blog.pk, "pause"])
    assert admin_client.post(url).status_code == 404


# -- bad input ----------------------------------------------------------------------


def assert_form_error(response, message: str) -> None:
    assert response.status_code == 200
    assert message in response.content.decode()


def test_empty_update_is_a_form_error(live_blog, admin_client):
    response = admin_client.post(desk_url(live_blog), post_data(author=""))
    assert_form_error(response, "Write a headline or some text for the update.")
    assert len(headlines(live_blog)) == 3


def test_image_without_credit_is_a_form_error(live_blog, admin_client):
    picture = make_image()
    response = admin_client.post(
        desk_url(live_blog), post_data(headline="Photo", image=str(picture.pk))
    )
    assert_form_error(response, "Add a credit for the image.")
    assert response.context["form"].errors["credit"]
    assert len(headlines(live_blog)) == 3


def test_nonexistent_image_is_a_form_error(live_blog, admin_client):
    response = admin_client.post(
        desk_url(live_blog), post_data(headline="Photo", image="987654", credit="AP")
    )
    assert_form_error(response, "That image does not exist any more.")
    assert len(headlines(live_blog)) == 3


def test_overlong_headline_is_a_form_error(live_blog, admin_client):
    response = admin_client.post(desk_url(live_blog), post_data(headline="x" * 256))
    assert response.status_code == 200
    assert response.context["form"].errors["headline"]
    assert len(headlines(live_blog)) == 3


def test_attribution_without_quote_is_a_form_error(live_blog, admin_client):
    response = admin_client.post(
        desk_url(live_blog), post_data(headline="Said", attribution="Mayor")
    )
    assert_form_error(response, "Add the quoted words, or clear the attribution.")


def test_edit_cannot_empty_an_update(live_blog, admin_client, newest):
    response = admin_client.post(
        action_url("edit_update", live_blog, newest.update_id),
        {"headline": "", "text": DRAFTAIL_EMPTY, "author": "", "posted_at": ""},
    )
    assert_form_error(response, "Write a headline or some text for the update.")
    assert timeline.find_entry(live_blog.pk, newest.update_id).headline == "Update 3"


def test_edit_with_bad_posted_at_is_a_form_error(live_blog, admin_client, newest):
    response = admin_client.post(
        action_url("edit_update", live_blog, newest.update_id),
        {
            "headline": "x",
            "text": DRAFTAIL_EMPTY,
            "author": "",
            "posted_at": "yesterday",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["posted_at"]


@pytest.mark.parametrize("name", ["edit_update", "remove_update"])
def test_unknown_update_is_404(live_blog, admin_client, name):
    url = action_url(name, live_blog, uuid.uuid4())
    assert admin_client.get(url).status_code == 404
    assert admin_client.post(url).status_code == 404


def test_unknown_update_or_flag_action_is_404(live_blog, admin_client, newest):
    assert (
        admin_client.post(
            action_url("set_flag", live_blog, uuid.uuid4(), "pin")
        ).status_code
        == 404
    )
    assert (
        admin_client.post(
            action_url("set_flag", live_blog, newest.update_id, "feature")
        ).status_code
        == 404
    )


def test_malformed_ids_are_404(live_blog, admin_client):
    assert (
        admin_client.get(f"{desk_url(live_blog)}updates/not-a-uuid/edit/").status_code
        == 404
    )
    assert admin_client.get("/admin/liveblog/999999/desk/").status_code == 404
    # A page that is not a live blog has no desk.
    home = Page.objects.get(pk=live_blog.get_parent().pk)
    assert admin_client.get(desk_url(home)).status_code == 404


# -- who may do what ------------------------------------------------------------------


def test_anonymous_is_sent_to_login(live_blog, client):
    response = client.get(desk_url(live_blog))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
    response = client.post(desk_url(live_blog), post_data(headline="Sneaky"))
    assert response.status_code == 302
    assert "Sneaky" not in headlines(live_blog)


def test_editor_without_publish_permission_cannot_write(live_blog, client, newest):
    client.force_login(make_user("eddie", "Editors"))
    desk = client.get(desk_url(live_blog))
    assert desk.status_code == 200
    assert 'name="headline"' not in desk.content.decode()
    assert "needs permission to publish" in desk.content.decode()

    assert (
        client.post(desk_url(live_blog), post_data(headline="Nope")).status_code == 403
    )
    pin = action_url("set_flag", live_blog, newest.update_id, "pin")
    assert client.post(pin).status_code == 403
    remove = action_url("remove_update", live_blog, newest.update_id)
    assert client.post(remove).status_code == 403
    end = reverse("wagtail_liveblog:coverage", args=[live_blog.pk, "end"])
    assert client.post(end).status_code == 403

    assert headlines(live_blog) == ["Update 3", "Update 2", "Update 1"]
    assert not timeline.find_entry(live_blog.pk, newest.update_id).pinned
    assert type(live_blog).objects.get(pk=live_blog.pk).status == "live"


def test_moderator_can_post(live_blog, client):
    client.force_login(make_user("mo", "Moderators"))
    response = client.post(
        desk_url(live_blog), post_data(headline="From the mod", author="")
    )
    assert response.status_code == 302
    assert headlines(live_blog)[0] == "From the mod"
    revision = type(live_blog).objects.get(pk=live_blog.pk).live_revision
    assert revision.user.username == "mo"


def test_user_without_page_permission_is_refused(live_blog, client):
    user = make_user("reader")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    assert client.get(desk_url(live_blog)).status_code == 403
    assert client.post(desk_url(live_blog), post_data(headline="x")).status_code == 403


# -- reaching the desk ------------------------------------------------------------------


def test_desk_is_linked_from_the_page_header_and_listing(live_blog, admin_client):
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[live_blog.pk]))
    assert desk_url(live_blog) in edit.content.decode()
    listing = admin_client.get(
        reverse("wagtailadmin_explore", args=[live_blog.get_parent().pk])
    )
    assert desk_url(live_blog) in listing.content.decode()


def test_no_desk_link_for_other_pages(live_blog, admin_client):
    home = live_blog.get_parent()
    edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[home.pk]))
    assert "/desk/" not in edit.content.decode()


def test_desk_link_hidden_from_users_who_cannot_edit(live_blog, client):
    user = make_user("outsider")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    listing = client.get(
        reverse("wagtailadmin_explore", args=[live_blog.get_parent().pk])
    )
    assert desk_url(live_blog) not in listing.content.decode()


def test_page_locked_by_someone_else_is_a_clear_message(live_blog, client):
    other = make_user("lockholder", "Moderators")
    page = type(live_blog).objects.get(pk=live_blog.pk)
    page.locked, page.locked_by = True, other
    page.save(update_fields=["locked", "locked_by"])
    client.force_login(make_user("mo2", "Moderators"))
    response = client.post(
        desk_url(live_blog), post_data(headline="Blocked"), follow=True
    )
    assert response.redirect_chain == [(desk_url(live_blog), 302)]
    shown = [str(message) for message in response.context["messages"]]
    assert any("locked" in message.lower() for message in shown), shown
    assert "Blocked" not in headlines(live_blog)


# -- the edit form: live content, concurrent editors ----------------------------


def opened_form(admin_client, page, update_id) -> dict:
    """What a browser posts back for an edit form opened now and left as it is."""
    form = admin_client.get(action_url("edit_update", page, update_id)).context["form"]
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name == "text":
            value = field.widget.format_value(value)
        elif name == "posted_at":
            value = value.strftime("%Y-%m-%d %H:%M") if value else ""
        elif isinstance(value, bool):
            if not value:
                continue
            value = "on"
        data[name] = "" if value is None else value
    return data


def test_edit_form_shows_and_keeps_the_published_version_not_a_draft(
    live_blog, admin_client, newest
):
    draft = Page.objects.get(pk=live_blog.pk).specific.get_latest_revision_as_object()
    items = [dict(item) for item in draft.updates.raw_data]
    items[0] = {**items[0], "value": {**items[0]["value"], "headline": "DRAFT"}}
    draft.updates = items
    draft.save_revision()

    data = opened_form(admin_client, live_blog, newest.update_id)
    assert data["headline"] == "Update 3"
    data["author"] = "Bo"
    response = admin_client.post(
        action_url("edit_update", live_blog, newest.update_id), data
    )
    assert response.status_code == 302
    entry = timeline.find_entry(live_blog.pk, newest.update_id)
    assert (entry.headline, entry.author) == ("Update 3", "Bo")


def test_edit_sends_only_what_changed_so_a_colleagues_pin_stays(
    live_blog, admin_client, newest
):
    url = action_url("edit_update", live_blog, newest.update_id)
    data = opened_form(admin_client, live_blog, newest.update_id)
    # A colleague pins the update and corrects its author after the form opened.
    admin_client.post(action_url("set_flag", live_blog, newest.update_id, "pin"))
    editing.edit_update(
        live_blog, newest.update_id, user=make_user("chief", "Moderators"), author="Cy"
    )
    data["headline"] = "Update 3, corrected"
    assert admin_client.post(url, data).status_code == 302
    entry = timeline.find_entry(live_blog.pk, newest.update_id)
    assert entry.headline == "Update 3, corrected"
    assert entry.pinned is True
    assert entry.author == "Cy"


def test_two_editors_changing_the_same_field_the_second_gets_an_error(
    live_blog, admin_client, newest
):
    url = action_url("edit_update", live_blog, newest.update_id)
    first = opened_form(admin_client, live_blog, newest.update_id)
    second = opened_form(admin_client, live_blog, newest.update_id)
    first["headline"] = "First editor's headline"
    assert admin_client.post(url, first).status_code == 302
    second["headline"] = "Second editor's headline"
    response = admin_client.post(url, second)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Someone else changed this update while you were editing: reload to see "
        "their version."
    ]
    assert timeline.find_entry(live_blog.pk, newest.update_id).headline == (
        "First editor's headline"
    )


def test_a_stale_text_edit_does_not_overwrite_a_colleagues_text_correction(
    live_blog, admin_client, newest
):
    url = action_url("edit_update", live_blog, newest.update_id)
    first = opened_form(admin_client, live_blog, newest.update_id)
    second = opened_form(admin_client, live_blog, newest.update_id)
    first["text"] = draftail("Corrected by the first editor.")
    assert admin_client.post(url, first).status_code == 302
    second["text"] = draftail("Corrected by the second editor.")
    assert admin_client.post(url, second).status_code == 200
    html = timeline.find_entry(live_blog.pk, newest.update_id).data["body"][0]["value"]
    assert "first editor" in html


def test_desk_actions_on_a_taken_down_blog_show_an_error_not_republish(
    live_blog, admin_client
):
    live_blog.unpublish()
    message = "This live blog is unpublished: publish it from the page editor first."
    for action in ("start", "end"):
        url = reverse("wagtail_liveblog:coverage", args=[live_blog.pk, action])
        response = admin_client.post(url, follow=True)
        assert message in [str(m).strip() for m in response.context["messages"]]
    assert "publish it from the page editor" in response.content.decode()
    response = admin_client.post(desk_url(live_blog), post_data(headline="Back?"))
    assert message in response.context["form"].non_field_errors()
    assert Page.objects.get(pk=live_blog.pk).live is False


def test_the_image_chooser_field_refuses_an_image_the_user_cannot_choose(
    live_blog, client
):
    from wagtail.models import Collection, GroupCollectionPermission

    archive = Collection.get_first_root_node().add_child(name="Archive")
    picture = make_image()
    picture.collection = archive
    picture.save()
    reporter = make_user("reporter", "Moderators")
    group = Group.objects.get(name="Moderators")
    GroupCollectionPermission.objects.filter(
        group=group, permission__codename="choose_image"
    ).delete()
    client.force_login(reporter)
    response = client.post(
        desk_url(live_blog), post_data(image=str(picture.pk), credit="AP")
    )
    assert response.context["form"].errors["image"] == [
        f"You cannot use image {picture.pk}."
    ]


# -- accessibility and formats -------------------------------------------------------


def test_row_actions_name_their_update_for_screen_readers(live_blog, admin_client):
    html = admin_client.get(desk_url(live_blog)).content.decode()
    row = html[html.index('data-update-id="') :]
    row = row[: row.index("</tr>")]
    for label in ("Edit", "Pin", "Key event", "Remove"):
        assert f'{label}<span class="w-sr-only">: Update 3</span>' in row, label
    assert row.count("(opens in a new tab)") == 1
    assert "View live page" in html and html.count("(opens in a new tab)") == 4


def test_desk_dates_use_the_locale_formats(live_blog, admin_client, newest):
    from django.utils import formats, timezone

    html = admin_client.get(desk_url(live_blog)).content.decode()
    posted = timezone.localtime(newest.posted_at)
    assert formats.date_format(posted, "SHORT_DATETIME_FORMAT") in html
    assert formats.date_format(posted, "j M, H:i") not in html
