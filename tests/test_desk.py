"""The live desk: Wagtail's snippet views over one blog's updates, the quick
composer, filters, the refresh endpoint, coverage, row toggles, and who may
do what (the blog page's permissions)."""

from __future__ import annotations

import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import (
    GroupPagePermission,
    Page,
    Revision,
    WorkflowState,
)
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    streamfield,
)

from tests.desk_support import (
    admin_only_user,
    client_for,
    composer,
    desk_url,
    make_user,
    newest,
    para,
    url,
)
from tests.factories import (
    LiveBlogPageFactory,
    editor,
    make_image,
    numbered_updates,
    post,
    publish,
    published_updates,
    text,
)
from wagtail_liveblog import editing
from wagtail_liveblog.admin.columns import row_title, status_tags
from wagtail_liveblog.models import LiveBlogTombstone, LiveBlogUpdate

pytestmark = pytest.mark.django_db


# -- helpers --------------------------------------------------------------------


def add_url(page) -> str:
    return f"{url('add')}?blog={page.pk}"


def picture(image, credit="Reuters", caption="", alt=""):
    """An image block; ``image`` None stands for one made by the test."""
    image_id = image.pk if image is not None else None
    return (
        "image",
        {"image": image_id, "caption": caption, "credit": credit, "alt": alt},
    )


def pull_quote(words, attribution=""):
    return ("quote", {"text": words, "attribution": attribution})


def full_form(headline="", blocks=None, **fields) -> dict:
    """What Wagtail's create/edit view form submits."""
    data = nested_form_data(
        {
            "headline": headline,
            "body": streamfield(blocks or []),
            "authors": inline_formset(fields.pop("authors", [{"name": "Ana Reyes"}])),
            "posted_at": fields.pop("posted_at", ""),
            "go_live_at": fields.pop("go_live_at", ""),
            "expire_at": fields.pop("expire_at", ""),
        }
    )
    for flag in ("pinned", "key_event"):
        if fields.pop(flag, False):
            data[flag] = "on"
    data.update(fields)
    return data


def rows(response) -> list[LiveBlogUpdate]:
    return list(response.context["object_list"])


@pytest.fixture
def outsider(db):
    return admin_only_user()


# -- the desk ---------------------------------------------------------------------


def test_desk_is_the_snippet_listing_of_one_blog(live_blog, admin_client, home):
    other = publish(LiveBlogPageFactory(parent=home, title="Elsewhere"))
    post(other, "Not on this desk")
    response = admin_client.get(desk_url(live_blog))
    assert response.status_code == 200
    html = response.content.decode()
    assert [row.headline for row in rows(response)] == [
        "Update 3",
        "Update 2",
        "Update 1",
    ]
    assert "Not on this desk" not in html
    assert live_blog.title in html
    assert "data-liveblog-composer" in html
    assert 'id="listing-results"' in html
    # Wagtail's listing: columns, filters, search, a "more" menu on every row.
    labels = [
        str(column.label) for column in response.context["table"].columns.values()
    ]
    assert labels == ["Update", "Status", "Flags", "Authors", "Posted", "Updated"]
    assert 'name="q"' in html
    assert 'name="status"' in html and 'name="key_event"' in html
    assert html.count("data-liveblog-row-actions") == 3
    # The blog's status and the ways to the page.
    assert "liveblog-desk__badge--live" in html
    assert reverse("wagtailadmin_pages:edit", args=[live_blog.pk]) in html
    assert live_blog.url in html
    assert url("add") + f"?blog={live_blog.pk}" in html


def test_desk_breadcrumbs_lead_to_the_page_editor(live_blog, admin_client):
    html = admin_client.get(desk_url(live_blog)).content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[live_blog.pk]) in html
    assert "Live desk" in html


def test_desk_of_an_alias_is_its_source_desk(live_blog, admin_client, home):
    alias = live_blog.create_alias(parent=home, update_slug="storm-alias")
    response = admin_client.get(desk_url(alias))
    assert response.status_code == 302
    assert response["Location"] == desk_url(live_blog)


def test_desk_of_a_page_that_is_not_a_liveblog_is_404(admin_client, home):
    assert admin_client.get(desk_url(home)).status_code == 404
    assert admin_client.get("/admin/liveblog/999999/desk/").status_code == 404


def test_desk_pages_through_older_updates(blog, admin_client):
    publish(blog, numbered_updates(25))
    first = rows(admin_client.get(desk_url(blog)))
    assert len(first) == 20 and first[0].headline == "Update 25"
    second = rows(admin_client.get(desk_url(blog) + "?p=2"))
    assert [u.headline for u in second] == [f"Update {n}" for n in range(5, 0, -1)]


def test_drafts_are_listed_apart_with_their_status(live_blog, admin_client):
    draft_id = post(live_blog, "Draft apart", publish=False)
    target = published_updates(live_blog)[0]
    editing.edit_update(
        live_blog, target.pk, user=editor(), headline="Fix", publish=False
    )
    response = admin_client.get(desk_url(live_blog))
    listed = rows(response)
    pending = list(response.context["pending_table"].data)
    assert [str(row.pk) for row in pending] == [draft_id]
    assert draft_id not in [str(row.pk) for row in listed]
    statuses = {
        row.headline: [str(label) for label, _ in status_tags(row)]
        for row in [*pending, *listed]
    }
    assert statuses["Draft apart"] == ["draft"]
    assert statuses["Update 3"] == ["live + draft"]
    assert statuses["Update 2"] == ["live"]
    # The row's title is its newest version's.
    assert row_title(listed[0]) == "Fix"


def test_desk_queries_do_not_grow_with_rows(blog, client, publisher):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client_for(client, publisher)

    def queries(count: int) -> int:
        LiveBlogUpdate.objects.filter(blog_id=blog.pk).delete()
        publish(blog, numbered_updates(count))
        post(blog, "A draft", publish=False)
        client.get(desk_url(blog))  # warm caches (content types, site root)
        with CaptureQueriesContext(connection) as context:
            assert client.get(desk_url(blog)).status_code == 200
        return len(context.captured_queries)

    assert queries(2) == queries(19)


# -- the composer ----------------------------------------------------------------------


def test_composer_publishes_text_image_text_quote_image_in_order(
    live_blog, admin_client, client
):
    first, second = make_image("Levee"), make_image("Shelter", colour=(150, 90, 40))
    response = admin_client.post(
        desk_url(live_blog),
        composer(
            "Levee breached",
            [
                para("Water is rising fast."),
                picture(first, credit="Reuters", caption="The levee at noon"),
                para("Residents are leaving."),
                pull_quote("Leave now.", "Mayor Ana Reyes"),
                picture(second, credit="AP Photo/Jo Smith"),
            ],
            key_event=True,
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == desk_url(live_blog)
    update = published_updates(live_blog)[0]
    assert update.headline == "Levee breached"
    assert update.key_event and not update.pinned
    assert update.byline == "admin"  # who posts from the composer
    body = update.data["body"]
    assert [item["type"] for item in body] == [
        "text",
        "image",
        "text",
        "quote",
        "image",
    ]
    assert body[1]["value"]["credit"] == "Reuters"
    assert body[4]["value"]["credit"] == "AP Photo/Jo Smith"
    assert body[3]["value"] == {"text": "Leave now.", "attribution": "Mayor Ana Reyes"}
    # History: created and published by the user, one revision.
    assert update.live_revision.user.username == "admin"
    page = client.get(live_blog.url).content.decode()
    article = page[page.index(f'id="update-{update.pk}"') :]
    positions = [
        article.index(needle)
        for needle in (
            "Water is rising fast.",
            "Reuters",
            "Residents are leaving.",
            "Leave now.",
            "AP Photo/Jo Smith",
        )
    ]
    assert positions == sorted(positions)


def test_composer_comes_back_empty_after_posting(live_blog, admin_client):
    response = admin_client.post(
        desk_url(live_blog), composer("Posted", [para("Body")]), follow=True
    )
    assert "Update &#x27;Posted&#x27; published." in response.content.decode()
    form = response.context["composer"].form
    assert not form.is_bound


def test_composer_credits_the_user_by_name(live_blog, client, publisher):
    client_for(client, publisher)
    client.post(desk_url(live_blog), composer("By Pat", [para("x")]))
    update = newest(live_blog)
    assert [a.user for a in update.authors.all()] == [publisher]
    assert update.byline == "Pat Moreno"
    assert update.data["authors"] == [{"name": "Pat Moreno"}]


def test_composer_leaves_an_empty_starting_text_block_out(live_blog, admin_client):
    image = make_image()
    data = composer("", [para(""), picture(image, credit="Reuters")])
    response = admin_client.post(desk_url(live_blog), data)
    assert response.status_code == 302
    assert [i["type"] for i in published_updates(live_blog)[0].data["body"]] == [
        "image"
    ]


def test_composer_pinned_and_save_draft(live_blog, admin_client):
    response = admin_client.post(
        desk_url(live_blog),
        composer("Later", [para("Not yet")], pinned=True, action="draft"),
    )
    assert response.status_code == 302
    update = newest(live_blog)
    assert update.headline == "Later" and update.pinned and not update.live
    assert [u.headline for u in published_updates(live_blog)][0] == "Update 3"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (composer("", []), "An update needs a headline or some body content."),
        (
            composer("Credit missing", [picture(None, credit="")]),
            "This field is required",
        ),
        (composer("x" * 300, [para("Too long a headline")]), "at most 255 characters"),
        (
            composer("Bad action", [para("Typed text")], action="explode"),
            "not available",
        ),
    ],
    ids=["empty", "image-without-credit", "headline-too-long", "unknown-action"],
)
def test_composer_errors_keep_everything_typed(live_blog, admin_client, data, message):
    if (
        "composer-body-0-value-image" in data
        and data["composer-body-0-value-image"] is None
    ):
        data["composer-body-0-value-image"] = str(make_image().pk)
    before = LiveBlogUpdate.objects.count()
    response = admin_client.post(desk_url(live_blog), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert LiveBlogUpdate.objects.count() == before
    form = response.context["composer"].form
    assert form.is_bound
    assert form["headline"].value() == data["composer-headline"]
    # Wagtail's w-unsaved controller keeps warning before the desk is left.
    assert 'data-w-unsaved-force-value="true"' in html


def test_composer_keeps_the_typed_body_on_error(live_blog, admin_client):
    image = make_image()
    data = composer("", [para("Half a sentence"), picture(image, credit="")])
    response = admin_client.post(desk_url(live_blog), data)
    assert response.status_code == 200
    body = response.context["composer"].form["body"].value()
    assert [child.block_type for child in body] == ["text", "image"]
    assert "Half a sentence" in body[0].value.source
    assert body[1].value["image"].pk == image.pk


def test_composer_with_an_image_that_does_not_exist(live_blog, admin_client):
    data = composer(
        "Ghost",
        [("image", {"image": "987654", "caption": "", "credit": "X", "alt": ""})],
    )
    response = admin_client.post(desk_url(live_blog), data)
    assert response.status_code == 200
    assert response.context["composer"].form.errors
    assert not LiveBlogUpdate.objects.filter(headline="Ghost").exists()


@pytest.mark.parametrize(
    "mangle, posted",
    [
        ({"composer-body-count": "lots"}, False),
        ({"composer-body-count": "2"}, False),
        # Wagtail's stream field leaves out a block of a type it does not
        # know, as in its own editor.
        ({"composer-body-0-type": "video"}, True),
        ({"composer-pinned": "\x00"}, True),
    ],
    ids=[
        "count-not-a-number",
        "count-too-high",
        "unknown-block",
        "null-flag",
    ],
)
def test_composer_never_500s_on_data_no_browser_sends(
    live_blog, admin_client, mangle, posted
):
    """Refused: the form again, with what was typed. Accepted: an odd flag
    is a checkbox's "on"."""
    data = composer("Still here", [para("Typed")])
    data.update(mangle)
    response = admin_client.post(desk_url(live_blog), data)
    saved = LiveBlogUpdate.objects.filter(headline="Still here").exists()
    assert (response.status_code, saved) == ((302, True) if posted else (200, False))
    if not posted:
        assert response.context["composer"].form["headline"].value() == "Still here"


def test_composer_image_the_user_may_not_choose(live_blog, client, contributor):
    from wagtail.models import GroupCollectionPermission

    image = make_image()
    # Editors may no longer choose images from any collection.
    GroupCollectionPermission.objects.filter(group__name="Editors").delete()
    client_for(client, contributor)
    response = client.post(
        desk_url(live_blog),
        composer("Secret", [picture(image)], action="submit"),
    )
    assert response.status_code == 200
    assert f"You cannot use image {image.pk}." in response.content.decode()
    assert not LiveBlogUpdate.objects.filter(headline="Secret").exists()


# -- permissions: publish the page, edit it, or neither ------------------------------


def test_publisher_desk_offers_publish(live_blog, client, publisher):
    client_for(client, publisher)
    response = client.get(desk_url(live_blog))
    assert response.status_code == 200
    assert response.context["composer"].primary.name == "publish"
    assert response.context["can_publish"] is True


def test_contributor_submits_for_moderation_and_an_editor_approves(
    live_blog, client, contributor, publisher
):
    client_for(client, contributor)
    response = client.get(desk_url(live_blog))
    assert response.status_code == 200
    names = [a.name for a in response.context["composer"].actions]
    assert names == ["submit", "draft"]
    assert response.context["can_publish"] is False
    html = response.content.decode()
    assert "End coverage" not in html

    response = client.post(
        desk_url(live_blog),
        composer("Needs approval", [para("From the field")], action="submit"),
    )
    assert response.status_code == 302
    update = newest(live_blog)
    assert not update.live
    state = update.current_workflow_state
    assert state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "Needs approval" not in [u.headline for u in published_updates(live_blog)]

    # The editor approves it in Wagtail's edit view: it is published.
    client_for(client, publisher)
    edit = client.get(url("edit", update.pk))
    assert edit.status_code == 200
    assert "Approve" in edit.content.decode()
    task_state = update.current_workflow_task_state
    response = client.post(
        url("workflow_action", update.pk, "approve", task_state.pk),
        {"comment": ""},
    )
    assert response.status_code == 302
    update.refresh_from_db()
    assert update.live
    assert published_updates(live_blog)[0].headline == "Needs approval"


def test_contributor_without_a_workflow_saves_drafts(live_blog, client, contributor):
    from wagtail.models import WorkflowPage

    WorkflowPage.objects.all().delete()
    client_for(client, contributor)
    response = client.get(desk_url(live_blog))
    assert [a.name for a in response.context["composer"].actions] == ["draft"]
    client.post(desk_url(live_blog), composer("Just a draft", [para("x")], action=None))
    update = newest(live_blog)
    assert update.headline == "Just a draft" and not update.live
    assert update.current_workflow_state is None


def test_desk_of_a_sites_own_liveblog_page_type(home, admin_client, client):
    from tests.factories import ElectionNightPageFactory

    night = publish(ElectionNightPageFactory(parent=home))
    response = admin_client.post(
        desk_url(night), composer("Exit poll", [para("Too close")])
    )
    assert response.status_code == 302
    assert "Exit poll" in client.get(night.url).content.decode()


def test_contributor_cannot_publish_from_the_composer(live_blog, client, contributor):
    client_for(client, contributor)
    response = client.post(
        desk_url(live_blog), composer("Sneaky", [para("x")], action="publish")
    )
    assert response.status_code == 200
    assert "permission to publish" in response.content.decode()
    assert not LiveBlogUpdate.objects.filter(headline="Sneaky").exists()


def test_contributor_saves_drafts_only_in_the_full_editor(
    live_blog, client, contributor
):
    client_for(client, contributor)
    response = client.get(add_url(live_blog))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html
    response = client.post(
        add_url(live_blog),
        full_form("Full editor draft", [para("x")], **{"action-publish": "1"}),
    )
    update = LiveBlogUpdate.objects.get(headline="Full editor draft")
    assert not update.live  # no publishing without the permission


def test_contributor_submits_from_the_full_editor(live_blog, client, contributor):
    client_for(client, contributor)
    response = client.post(
        add_url(live_blog),
        full_form("Full editor submission", [para("x")], **{"action-submit": "1"}),
    )
    assert response.status_code == 302
    assert response["Location"] == desk_url(live_blog)
    update = LiveBlogUpdate.objects.get(headline="Full editor submission")
    assert update.workflow_in_progress and not update.live
    assert update.get_workflow().name == "Moderators approval"


def test_contributor_cannot_change_a_published_update(live_blog, client, contributor):
    # Edit-only rights cover drafts that never went out (docs/editors.md).
    target = published_updates(live_blog)[0]
    client_for(client, contributor)
    page = client.get(url("edit", target.pk))
    assert page.status_code == 302  # Wagtail's "no permission"
    client.post(
        url("edit", target.pk),
        full_form("Changed by a contributor", [para("x")], **{"action-publish": "1"}),
    )
    target.refresh_from_db()
    assert target.live and target.headline == "Update 3"
    assert not target.has_unpublished_changes
    html = client.get(desk_url(live_blog)).content.decode()
    assert url("edit", target.pk) not in html


def test_contributor_cannot_unpublish_delete_toggle_or_end_coverage(
    live_blog, client, contributor
):
    target = published_updates(live_blog)[0]
    client_for(client, contributor)
    assert (
        client.get(url("unpublish", target.pk)).status_code == 302
    )  # Wagtail's "no permission"
    client.post(url("unpublish", target.pk))
    client.post(url("delete", target.pk))
    response = client.post(
        url("toggle", target.pk, "pin"), HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 403
    client.post(url("end_coverage", live_blog.pk))
    target.refresh_from_db()
    live_blog.refresh_from_db()
    assert target.live and not target.pinned
    assert live_blog.coverage_end is None
    # The row's menu offers none of it.
    html = client.get(desk_url(live_blog)).content.decode()
    assert "Unpublish" not in html and ">Pin<" not in html


def test_contributor_deletes_their_own_never_published_draft(
    live_blog, client, contributor
):
    client_for(client, contributor)
    draft = post(live_blog, "Scratch", user=contributor, publish=False)
    response = client.post(url("delete", draft))
    assert response.status_code == 302
    assert response["Location"] == desk_url(live_blog)
    assert not LiveBlogUpdate.objects.filter(pk=draft).exists()


@pytest.mark.parametrize("who", ["outsider", "other_section"])
def test_no_permission_gets_a_404_not_the_desk(live_blog, client, home, who):
    if who == "outsider":
        user = admin_only_user()
    else:
        section = home.add_child(
            instance=LiveBlogPageFactory.build(title="Sport", slug="sport")
        )
        group = Group.objects.create(name="Sport desk")
        group.permissions.add(Permission.objects.get(codename="access_admin"))
        for codename in ("add_page", "change_page", "publish_page"):
            GroupPagePermission.objects.create(
                group=group,
                page=section,
                permission=Permission.objects.get(codename=codename),
            )
        user = make_user("sporty")
        user.groups.add(group)
    target = published_updates(live_blog)[0]
    client_for(client, user)
    for address in (
        desk_url(live_blog),
        desk_url(live_blog, suffix="_results"),
        desk_url(live_blog, suffix="_state"),
        add_url(live_blog),
        url("edit", target.pk),
        url("history", target.pk),
        url("delete", target.pk),
        url("unpublish", target.pk),
        url("end_coverage", live_blog.pk),
    ):
        assert client.get(address).status_code == 404, address
    for address in (
        desk_url(live_blog),
        url("toggle", target.pk, "pin"),
        url("delete", target.pk),
        url("unpublish", target.pk),
        url("start_coverage", live_blog.pk),
        url("end_coverage", live_blog.pk),
    ):
        response = client.post(address, composer("Intruder", [para("x")]))
        assert response.status_code == 404, address
    target.refresh_from_db()
    assert target.live and not target.pinned
    assert not LiveBlogUpdate.objects.filter(headline="Intruder").exists()


def test_listing_of_all_updates_shows_only_blogs_the_user_may_edit(
    live_blog, client, home
):
    section = home.add_child(
        instance=LiveBlogPageFactory.build(title="Sport", slug="sport")
    )
    section = publish(section)
    post(section, "Goal")
    group = Group.objects.create(name="Sport desk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=section,
        permission=Permission.objects.get(codename="change_page"),
    )
    user = make_user("sporty")
    user.groups.add(group)
    client_for(client, user)
    response = client.get(url("list"))
    assert response.status_code == 200
    assert [u.headline for u in rows(response)] == ["Goal"]


# -- Wagtail's create and edit views from the desk -------------------------------------


def test_full_editor_creates_an_update_of_the_blog(live_blog, admin_client):
    response = admin_client.get(add_url(live_blog))
    assert response.status_code == 200
    form = response.context["form"]
    assert "blog" not in form.fields
    # The user is the new update's author, until they change it.
    authors = form.formsets["authors"]
    assert [f.instance.user.username for f in authors.forms] == ["admin"]
    html = response.content.decode()
    assert desk_url(live_blog) in html  # breadcrumbs
    assert 'name="action-publish"' in html
    response = admin_client.post(
        add_url(live_blog),
        full_form("From the full editor", [para("Body")], **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    assert response["Location"] == desk_url(live_blog)
    update = LiveBlogUpdate.objects.get(headline="From the full editor")
    assert update.blog_id == live_blog.pk and update.live


def test_full_editor_needs_a_liveblog(admin_client, home):
    assert admin_client.get(url("add")).status_code == 404
    assert admin_client.get(f"{url('add')}?blog={home.pk}").status_code == 404
    assert admin_client.get(f"{url('add')}?blog=abc").status_code == 404


def test_full_editor_schedules(live_blog, admin_client):
    from datetime import timedelta

    from django.utils import timezone

    later = (timezone.now() + timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    admin_client.post(
        add_url(live_blog),
        full_form(
            "Embargoed", [para("At noon")], go_live_at=later, **{"action-publish": "1"}
        ),
    )
    update = LiveBlogUpdate.objects.get(headline="Embargoed")
    assert not update.live
    assert update.approved_schedule
    listed = rows(admin_client.get(desk_url(live_blog) + "?status=scheduled"))
    assert [u.headline for u in listed] == ["Embargoed"]


def test_edit_replaces_the_image_and_returns_to_the_desk(
    live_blog, admin_client, client
):
    old, new = make_image("Old"), make_image("New", colour=(10, 120, 10))
    update_id = post(
        live_blog,
        "With a picture",
        [
            text("<p>Caption follows</p>"),
            {
                "type": "image",
                "value": {
                    "image": old.pk,
                    "caption": "",
                    "credit": "Reuters",
                    "alt": "",
                },
            },
        ],
    )
    response = admin_client.get(url("edit", update_id))
    assert response.status_code == 200
    assert "blog" not in response.context["form"].fields
    assert desk_url(live_blog) in response.content.decode()
    response = admin_client.post(
        url("edit", update_id),
        full_form(
            "With a picture",
            [para("Caption follows"), picture(new, credit="AFP")],
            **{"action-publish": "1"},
        ),
    )
    assert response.status_code == 302
    assert response["Location"] == desk_url(live_blog)
    update = LiveBlogUpdate.objects.get(pk=update_id)
    assert update.data["body"][1]["value"]["id"] == new.pk
    assert update.data["body"][1]["value"]["credit"] == "AFP"
    assert update.updated_at is not None
    assert Revision.objects.filter(object_id=str(update_id)).count() == 2


def test_edit_cannot_move_an_update_to_another_blog(live_blog, admin_client, home):
    other = publish(LiveBlogPageFactory(parent=home))
    target = published_updates(live_blog)[0]
    admin_client.post(
        url("edit", target.pk),
        {
            **full_form("Moved?", [para("x")]),
            "blog": str(other.pk),
            "action-publish": "1",
        },
    )
    target.refresh_from_db()
    assert target.blog_id == live_blog.pk


def test_edit_view_garbage_is_a_400_not_a_500(live_blog, admin_client):
    target = published_updates(live_blog)[0]
    data = full_form("x", [para("x")])
    data["body-count"] = "many"
    assert admin_client.post(url("edit", target.pk), data).status_code == 400
    assert admin_client.post(add_url(live_blog), data).status_code == 400


def test_history_compare_and_preview_through_the_desk(live_blog, admin_client):
    target = published_updates(live_blog)[0]
    editing.edit_update(live_blog, target.pk, user=editor(), headline="Corrected")
    history = admin_client.get(url("history", target.pk))
    assert history.status_code == 200
    assert desk_url(live_blog) in history.content.decode()
    first, second = Revision.objects.filter(object_id=str(target.pk)).order_by("pk")
    compare = admin_client.get(url("revisions_compare", target.pk, first.pk, second.pk))
    assert compare.status_code == 200
    assert "Corrected" in compare.content.decode()
    preview = admin_client.get(url("revisions_view", target.pk, second.pk))
    assert preview.status_code == 200
    assert "Corrected" in preview.content.decode()
    assert live_blog.title in preview.content.decode()  # the blog's own template


def test_preview_in_the_blogs_own_template(live_blog, admin_client):
    data = full_form("Preview me", [para("Not out yet")])
    preview_add = f"{url('preview_on_add')}?blog={live_blog.pk}"
    response = admin_client.post(preview_add, data)
    assert response.json() == {"is_valid": True, "is_available": True}
    html = admin_client.get(preview_add).content.decode()
    assert "Preview me" in html and "Not out yet" in html
    assert live_blog.title in html and "Update 3" in html  # the blog around it

    target = published_updates(live_blog)[0]
    preview_edit = url("preview_on_edit", target.pk)
    admin_client.post(preview_edit, full_form("Corrected in preview", [para("x")]))
    html = admin_client.get(preview_edit).content.decode()
    assert "Corrected in preview" in html
    target.refresh_from_db()
    assert target.headline == "Update 3"  # a preview changes nothing


def test_revert_to_an_earlier_revision(live_blog, admin_client):
    target = published_updates(live_blog)[0]
    first = target.live_revision
    editing.edit_update(live_blog, target.pk, user=editor(), headline="Wrong")
    response = admin_client.get(url("revisions_revert", target.pk, first.pk))
    assert response.status_code == 200
    assert response.context["form"]["headline"].value() == "Update 3"
    response = admin_client.post(
        url("revisions_revert", target.pk, first.pk),
        full_form("Update 3", [para("Update 3")], **{"action-publish": "1"}),
    )
    assert response.status_code == 302
    assert response["Location"] == desk_url(live_blog)
    target.refresh_from_db()
    assert target.headline == "Update 3" and target.live


def test_scheduled_update_goes_live_with_publish_scheduled(
    live_blog, admin_client, client
):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    later = (timezone.now() + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M")
    admin_client.post(
        add_url(live_blog),
        full_form(
            "At the hour",
            [para("Embargo lifted")],
            go_live_at=later,
            **{"action-publish": "1"},
        ),
    )
    update = LiveBlogUpdate.objects.get(headline="At the hour")
    assert not update.live
    # An hour later:
    past = timezone.now() - timedelta(minutes=1)
    for revision in Revision.objects.filter(object_id=str(update.pk)):
        revision.content["go_live_at"] = past.isoformat()
        revision.approved_go_live_at = revision.approved_go_live_at and past
        revision.save()
    LiveBlogUpdate.objects.filter(pk=update.pk).update(go_live_at=past)
    call_command("publish_scheduled")
    update.refresh_from_db()
    assert update.live and update.posted_at is not None
    assert "Embargo lifted" in client.get(live_blog.url).content.decode()


def test_toggle_on_an_update_locked_by_a_colleague(live_blog, client, publisher):
    target = published_updates(live_blog)[0]
    target.locked, target.locked_by, target.locked_at = True, editor(), target.posted_at
    target.save(update_fields=["locked", "locked_by", "locked_at"])
    client_for(client, publisher)
    response = client.post(
        url("toggle", target.pk, "pin"), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 403
    assert response.json()["ok"] is False and response.json()["message"]
    target.refresh_from_db()
    assert not target.pinned
    html = client.get(desk_url(live_blog)).content.decode()
    assert f'data-w-action-url-value="{url("toggle", target.pk, "pin")}"' not in html


def test_imported_updates_have_a_history(blog, admin_client):
    blog = publish(blog, numbered_updates(1))
    target = published_updates(blog)[0]
    response = admin_client.get(url("history", target.pk))
    assert response.status_code == 200
    assert "There are no log entries" not in response.content.decode()


def test_revisions_compare_with_a_bad_id_is_404(admin_client):
    response = admin_client.get(
        "/admin/liveblog/history/not-a-uuid/revisions/compare/1...2/"
    )
    assert response.status_code == 404


def test_unpublish_through_the_desk(live_blog, admin_client, client):
    target = published_updates(live_blog)[0]
    response = admin_client.get(url("unpublish", target.pk))
    assert response.status_code == 200
    response = admin_client.post(url("unpublish", target.pk))
    assert response.status_code == 302
    assert response["Location"] == desk_url(live_blog)
    target.refresh_from_db()
    assert not target.live
    assert LiveBlogTombstone.objects.filter(update_id=target.pk).exists()
    assert "Update 3" not in client.get(live_blog.url).content.decode()


def test_delete_through_the_desk(live_blog, admin_client, client):
    target = published_updates(live_blog)[0]
    assert admin_client.get(url("delete", target.pk)).status_code == 200
    response = admin_client.post(
        url("delete", target.pk) + f"?next={desk_url(live_blog)}"
    )
    assert response.status_code == 302
    assert response["Location"] == desk_url(live_blog)
    assert not LiveBlogUpdate.objects.filter(pk=target.pk).exists()
    assert LiveBlogTombstone.objects.filter(update_id=target.pk).exists()
    assert "Update 3" not in client.get(live_blog.url).content.decode()


def test_lock_and_unlock(live_blog, admin_client):
    target = published_updates(live_blog)[0]
    assert admin_client.post(url("lock", target.pk)).status_code == 302
    target.refresh_from_db()
    assert target.locked
    admin_client.post(url("unlock", target.pk))
    target.refresh_from_db()
    assert not target.locked


# -- row toggles -------------------------------------------------------------------------


def test_pin_and_key_event_toggles_in_the_background(live_blog, admin_client):
    target = published_updates(live_blog)[-1]
    response = admin_client.post(
        url("toggle", target.pk, "pin"), HTTP_X_REQUESTED_WITH="XMLHttpRequest"
    )
    assert response.status_code == 200
    assert response.json()["ok"] is True and response.json()["pinned"] is True
    admin_client.post(
        url("toggle", target.pk, "key-event"), HTTP_ACCEPT="application/json"
    )
    target.refresh_from_db()
    assert target.pinned and target.key_event
    assert target.data["pinned"] is True  # published at once
    response = admin_client.post(url("toggle", target.pk, "unpin"))
    assert response.status_code == 302 and response["Location"] == desk_url(live_blog)
    admin_client.post(url("toggle", target.pk, "not-key-event"))
    target.refresh_from_db()
    assert not target.pinned and not target.key_event


def test_toggle_with_an_unknown_name_or_update_is_404(live_blog, admin_client):
    target = published_updates(live_blog)[0]
    assert admin_client.post(url("toggle", target.pk, "explode")).status_code == 404
    assert admin_client.post(url("toggle", uuid.uuid4(), "pin")).status_code == 404
    assert admin_client.get(url("toggle", target.pk, "pin")).status_code == 405


def test_toggle_on_a_draft_changes_the_draft(live_blog, client, contributor):
    client_for(client, contributor)
    draft = post(live_blog, "Draft", user=contributor, publish=False)
    response = client.post(
        url("toggle", draft, "key-event"), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    update = LiveBlogUpdate.objects.get(pk=draft)
    assert update.key_event and not update.live


# -- filters and search -------------------------------------------------------------------


def test_filters(live_blog, admin_client):
    items = published_updates(live_blog)
    editing.edit_update(live_blog, items[0].pk, user=editor(), key_event=True)
    editing.edit_update(live_blog, items[1].pk, user=editor(), pinned=True)
    post(live_blog, "Unfinished", publish=False, author="Dana Whitfield")

    def headlines(query):
        response = admin_client.get(desk_url(live_blog, suffix="_results") + query)
        assert response.status_code == 200
        return [u.headline for u in rows(response)]

    assert headlines("?key_event=true") == ["Update 3"]
    assert headlines("?key_event=false") == ["Update 2", "Update 1", "Unfinished"]
    assert headlines("?pinned=true") == ["Update 2"]
    assert headlines("?status=draft") == ["Unfinished"]
    assert headlines("?status=live") == ["Update 3", "Update 2", "Update 1"]
    assert headlines("?status=scheduled") == []
    assert headlines("?status=moderation") == []
    assert headlines("?q=unfin") == ["Unfinished"]
    assert headlines("?q=whitfield") == ["Unfinished"]
    # Unfiltered, the listing is the live stream (drafts are apart).
    assert headlines("?ordering=posted_at") == ["Update 1", "Update 2", "Update 3"]


@pytest.mark.parametrize(
    "query",
    ["?status=nonsense", "?pinned=maybe", "?p=x", "?p=999", "?ordering=evil", "?q=%00"],
)
def test_bad_filter_values_never_500(live_blog, admin_client, query):
    assert admin_client.get(desk_url(live_blog) + query).status_code == 200
    assert (
        admin_client.get(desk_url(live_blog, suffix="_results") + query).status_code
        == 200
    )


def test_moderation_filter(live_blog, client, contributor):
    client_for(client, contributor)
    client.post(
        desk_url(live_blog), composer("For review", [para("x")], action="submit")
    )
    response = client.get(desk_url(live_blog, suffix="_results") + "?status=moderation")
    assert [u.headline for u in rows(response)] == ["For review"]
    assert "in moderation" in [
        str(label) for label, _ in status_tags(rows(response)[0])
    ]


def test_results_view_is_the_listing_alone(live_blog, admin_client):
    response = admin_client.get(desk_url(live_blog, suffix="_results"))
    html = response.content.decode()
    assert "Update 3" in html
    assert "data-liveblog-composer" not in html
    assert "<html" not in html


# -- the refresh endpoint ---------------------------------------------------------------


def test_state_changes_when_colleagues_post_or_write_drafts(live_blog, admin_client):
    def state():
        response = admin_client.get(desk_url(live_blog, suffix="_state"))
        assert response.status_code == 200
        assert "no-cache" in response["Cache-Control"]
        return response.json()

    first = state()
    assert first["status"] == "live" and first["version"] > 0
    assert state() == first
    post(live_blog, "A colleague's post")
    second = state()
    assert second["version"] > first["version"] and second["token"] != first["token"]
    post(live_blog, "A colleague's draft", publish=False)
    third = state()
    assert third["version"] == second["version"] and third["token"] != second["token"]
    editing.end_coverage(live_blog, user=editor())
    assert state()["status"] == "ended"


# -- coverage ----------------------------------------------------------------------------


def test_end_coverage_asks_first_and_keeps_the_start(live_blog, admin_client):
    start = live_blog.coverage_start
    response = admin_client.get(url("end_coverage", live_blog.pk))
    assert response.status_code == 200
    assert "Yes, end the coverage" in response.content.decode()
    live_blog.refresh_from_db()
    assert live_blog.coverage_end is None  # asking changes nothing
    html = admin_client.get(desk_url(live_blog)).content.decode()
    assert (
        'data-a11y-dialog-show="liveblog-end-coverage"' in html
    )  # the desk asks in a dialog
    response = admin_client.post(url("end_coverage", live_blog.pk))
    assert response.status_code == 302 and response["Location"] == desk_url(live_blog)
    live_blog.refresh_from_db()
    assert live_blog.coverage_end is not None
    assert live_blog.coverage_start == start
    assert live_blog.status == "ended"


def test_start_coverage_again(live_blog, admin_client):
    editing.end_coverage(live_blog, user=editor())
    live_blog.refresh_from_db()
    start = live_blog.coverage_start
    response = admin_client.post(url("start_coverage", live_blog.pk))
    assert response.status_code == 302
    live_blog.refresh_from_db()
    assert live_blog.status == "live" and live_blog.coverage_end is None
    if start is not None:
        assert live_blog.coverage_start == start


def test_coverage_of_an_unpublished_blog_says_why(admin_client, blog):
    blog = publish(blog)
    blog.unpublish()
    response = admin_client.post(url("end_coverage", blog.pk), follow=True)
    assert response.status_code == 200
    assert "unpublished" in response.content.decode()


# -- the page editor and the page listing link here ---------------------------------------


def test_live_desk_buttons_link_to_the_desk(live_blog, admin_client):
    html = admin_client.get(
        reverse("wagtailadmin_pages:edit", args=[live_blog.pk])
    ).content.decode()
    assert desk_url(live_blog) in html
    listing = admin_client.get(
        reverse("wagtailadmin_explore", args=[live_blog.get_parent().pk])
    )
    assert desk_url(live_blog) in listing.content.decode()


def test_the_update_chooser_lists_only_editable_blogs(live_blog, client, home):
    section = publish(LiveBlogPageFactory(parent=home, title="Sport", slug="sport"))
    goal = post(section, "Goal")
    group = Group.objects.create(name="Sport desk")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group,
        page=section,
        permission=Permission.objects.get(codename="change_page"),
    )
    user = make_user("sporty")
    user.groups.add(group)
    client_for(client, user)
    base = "/admin/snippets/choose/wagtail_liveblog/liveblogupdate/"
    html = client.get(base).json()["html"]
    assert "Goal" in html and "Update 3" not in html
    target = published_updates(live_blog)[0]
    assert client.get(f"{base}chosen/{target.pk}/").status_code == 404
    assert client.get(f"{base}chosen/not-a-uuid/").status_code == 404
    assert client.get(f"{base}chosen/{goal}/").status_code == 200


def test_updates_are_not_listed_among_snippets(live_blog, admin_client):
    response = admin_client.get(reverse("wagtailsnippets:index"))
    assert url("list") not in response.content.decode()


@pytest.mark.parametrize("page_id", ["999999", "9" * 30])
def test_page_ids_that_are_no_blog(admin_client, page_id):
    assert not Page.objects.filter(pk=999999).exists()
    for address in ("desk/", "desk/results/", "desk/state/", "desk/coverage/end/"):
        assert (
            admin_client.get(f"/admin/liveblog/{page_id}/{address}").status_code == 404
        )
    assert admin_client.get(f"/admin/liveblog/add/?blog={page_id}").status_code == 404
