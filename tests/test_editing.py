"""The Python editing API: post, edit, remove, coverage; errors and permissions."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import PageLogEntry, Revision

from tests.factories import make_image, numbered_updates, publish, raw_updates
from wagtail_liveblog import editing, timeline
from wagtail_liveblog.editing import PageLocked, UpdateNotFound
from wagtail_liveblog.models import LiveBlogPage

User = get_user_model()


@pytest.fixture
def chief(db):
    return User.objects.create_superuser("chief", "chief@example.com", "pw")


def member(name: str, group: str):
    user = User.objects.create_user(name, f"{name}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def live_blog(blog, chief):
    return publish(blog, numbered_updates(3), user=chief)


def revision_count(page) -> int:
    return Revision.objects.for_instance(page).count()


def fresh(page) -> LiveBlogPage:
    return LiveBlogPage.objects.get(pk=page.pk)


# -- post -----------------------------------------------------------------------


def test_post_publishes_at_once_on_page_and_in_read_model(live_blog, chief, client):
    update_id = editing.post_update(
        live_blog,
        user=chief,
        headline="Levee breached at Elm Street",
        body=[
            {"type": "text", "value": "<p>Residents are told to leave.</p>"},
            {
                "type": "quote",
                "value": {"text": "Go now.", "attribution": "Mayor Reyes"},
            },
        ],
        author="Ana Lima",
        key_event=True,
    )
    stream = raw_updates(live_blog)
    assert stream[0]["id"] == update_id  # at the top of the stream
    assert stream[0]["value"]["posted_at"]  # stamped at publish
    entry = timeline.find_entry(live_blog.pk, update_id)
    assert entry.headline == "Levee breached at Elm Street"
    assert entry.key_event is True and entry.author == "Ana Lima"
    assert timeline.latest(live_blog.pk, 1)[0].update_id == uuid.UUID(update_id)
    page = client.get(live_blog.url).content.decode()
    assert "Levee breached at Elm Street" in page
    assert "Mayor Reyes" in page


def test_post_image_with_credit(live_blog, chief):
    photo = make_image()
    update_id = editing.post_update(
        live_blog,
        user=chief,
        body=[
            {
                "type": "image",
                "value": {
                    "image": photo.pk,
                    "credit": "Reuters",
                    "caption": "Main Street",
                },
            }
        ],
    )
    entry = timeline.find_entry(live_blog.pk, update_id)
    assert "Reuters" in entry.html and "Main Street" in entry.html


def test_post_is_logged_in_wagtail_history_as_the_user(live_blog, chief):
    editing.post_update(live_blog, user=chief, headline="Logged")
    page = fresh(live_blog)
    actions = set(
        PageLogEntry.objects.filter(
            page=page, revision=page.live_revision, user=chief
        ).values_list("action", flat=True)
    )
    assert {"wagtail.edit", "wagtail.publish"} <= actions
    assert page.live_revision.user == chief


def test_post_builds_on_what_others_just_published(live_blog, chief):
    stale = fresh(live_blog)
    first = editing.post_update(stale, user=chief, headline="First")
    second = editing.post_update(
        stale, user=chief, headline="Second"
    )  # same stale object
    assert [item["id"] for item in raw_updates(live_blog)][:2] == [second, first]
    assert timeline.count(live_blog.pk) == 5


def test_posted_at_backdates_into_place(live_blog, chief):
    stream = raw_updates(live_blog)  # Update 3, 2, 1, one minute apart
    between = stream[1]["value"]["posted_at"]
    when = timezone.datetime.fromisoformat(between) - timedelta(seconds=30)
    update_id = editing.post_update(
        live_blog, user=chief, headline="Late", posted_at=when
    )
    assert [item["id"] for item in raw_updates(live_blog)].index(update_id) == 2
    assert timeline.find_entry(live_blog.pk, update_id).posted_at == when


def test_rich_text_is_cleaned_to_the_allowed_features(live_blog, chief):
    update_id = editing.post_update(
        live_blog,
        user=chief,
        body=[
            {
                "type": "text",
                "value": '<p>Safe <b>bold</b><script>alert(1)</script></p><iframe src="x"></iframe>',
            }
        ],
    )
    html = timeline.find_entry(live_blog.pk, update_id).html
    assert "<b>bold</b>" in html
    assert "<script" not in html and "<iframe" not in html


ODD_HTML = [
    "<br>",
    "<img src=x>",
    "<img src=x onerror=alert(1)>",
    "<p>a</b></p>",
    "<div><p>x</div>",
    "<p",
    "</p>",
    "<<<>>>",
    "a < b & c",
    "\x00\x07",
    "<![CDATA[x]]><!-- note -->",
    "<ul><p>x</p><li><p>y</p></li></ul>",
    "<table><tr><td>cell</td></tr></table>",
    "<p><p><p>deep</p></p></p>",
    "<a href='http://x'><b>bold link</b></a>",
    "<scr<script>ipt>alert(1)</script>",
    "<svg><script>alert(1)</script></svg>",
    "<p style='color:red' class='x' onclick='y'>s</p>",
    "&nbsp;&amp;&#0;&#xD800;",
    "",
]


@pytest.mark.parametrize("html", ODD_HTML)
def test_odd_html_is_cleaned_never_an_error(blog, html):
    from wagtail_liveblog.update_input import clean_body, validate_update

    body = clean_body(blog, [{"type": "text", "value": html}])
    cleaned = body[0]["value"]
    for forbidden in ("<script", "<img", "<div", "<table", "<svg", "onclick", "style="):
        assert forbidden not in cleaned
    assert "<p><p>" not in cleaned and "\x00" not in cleaned
    value = {"headline": "Odd", "body": body, "author": "", "pinned": False}
    if strip_tags(cleaned).strip():
        validate_update(blog, value)
    else:  # nothing left to show: a readable error, not a crash
        with pytest.raises(ValidationError) as error:
            validate_update(blog, value)
        assert error.value.messages == ["body › item 1: This field is required."]


def test_script_and_style_content_is_dropped_not_shown(blog):
    from wagtail_liveblog.update_input import clean_body

    html = "<p>Keep</p><script>alert(1)</script><style>p { color: red }</style>"
    assert clean_body(blog, [{"type": "text", "value": html}])[0]["value"] == (
        "<p>Keep</p>"
    )


def test_allowed_features_survive_and_links_keep_web_and_mail_addresses(blog):
    from wagtail_liveblog.update_input import clean_body

    html = (
        "<p><b>b</b> <strong>s</strong> <i>i</i> <em>e</em>"
        ' <a href="https://example.com/x">web</a> <a href="mailto:a@example.com">mail</a>'
        ' <a href="javascript:alert(1)">js</a> <a href="ftp://x">ftp</a>'
        " line<br>break</p><ol><li>one</li></ol><ul><li>two</li></ul>"
    )
    cleaned = clean_body(blog, [{"type": "text", "value": html}])[0]["value"]
    for kept in (
        "<b>b</b>",
        "<strong>s</strong>",
        "<i>i</i>",
        "<em>e</em>",
        '<a href="https://example.com/x">web</a>',
        '<a href="mailto:a@example.com">mail</a>',
        "<br/>",
        "<ol><li>one</li></ol>",
        "<ul><li>two</li></ul>",
    ):
        assert kept in cleaned
    assert "javascript" not in cleaned and "ftp:" not in cleaned
    assert " js " in cleaned and " ftp " in cleaned  # the link text stays


# -- edit and remove --------------------------------------------------------------


def test_edit_changes_one_update_and_stamps_updated_at(live_blog, chief):
    target = raw_updates(live_blog)[1]
    editing.edit_update(
        live_blog, target["id"], user=chief, headline="Update 2, corrected", pinned=True
    )
    after = {item["id"]: item["value"] for item in raw_updates(live_blog)}
    assert after[target["id"]]["headline"] == "Update 2, corrected"
    assert after[target["id"]]["updated_at"]
    assert after[target["id"]]["posted_at"] == target["value"]["posted_at"]
    entry = timeline.find_entry(live_blog.pk, target["id"])
    assert entry.pinned and entry.headline == "Update 2, corrected"
    assert [e.update_id for e in timeline.pinned(live_blog.pk)] == [entry.update_id]


def test_edit_replaces_the_body(live_blog, chief):
    target = raw_updates(live_blog)[0]
    editing.edit_update(
        live_blog,
        target["id"],
        user=chief,
        body=[
            {
                "type": "quote",
                "value": {"text": "We rebuild.", "attribution": "Governor"},
            }
        ],
    )
    body = {item["id"]: item for item in raw_updates(live_blog)}[target["id"]]["value"][
        "body"
    ]
    assert [child["type"] for child in body] == ["quote"]


def test_edit_that_changes_nothing_writes_nothing(live_blog, chief):
    target = raw_updates(live_blog)[0]
    before = revision_count(live_blog)
    editing.edit_update(
        live_blog, target["id"], user=chief, headline=target["value"]["headline"]
    )
    assert revision_count(live_blog) == before


def test_remove_takes_the_update_off_page_and_leaves_a_tombstone(
    live_blog, chief, client
):
    target = raw_updates(live_blog)[0]
    editing.remove_update(live_blog, target["id"], user=chief)
    assert target["id"] not in [item["id"] for item in raw_updates(live_blog)]
    assert timeline.find_entry(live_blog.pk, target["id"]) is None
    tomb = timeline.find_entry(live_blog.pk, target["id"], include_deleted=True)
    assert tomb.is_deleted
    assert "Update 3" not in client.get(live_blog.url).content.decode()


@pytest.mark.parametrize("bad_id", [str(uuid.uuid4()), "not-a-uuid", None])
def test_unknown_update_id(live_blog, chief, bad_id):
    for call in (
        lambda: editing.edit_update(live_blog, bad_id, user=chief, headline="x"),
        lambda: editing.remove_update(live_blog, bad_id, user=chief),
    ):
        with pytest.raises(UpdateNotFound) as caught:
            call()
        assert isinstance(caught.value, ValidationError)
        assert isinstance(caught.value, LookupError)
        assert "no update with the id" in caught.value.messages[0]


# -- invalid input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({}, "An update needs a headline or some body content."),
        ({"headline": "   "}, "An update needs a headline or some body content."),
        (
            {"body": [{"type": "image", "value": {"image": 987654, "credit": "AP"}}]},
            "Image 987654 does not exist.",
        ),
        (
            {"body": [{"type": "video", "value": "x"}]},
            'Body item 1 has the unknown type "video"',
        ),
        (
            {"body": [{"type": "image", "value": {"image": "abc", "credit": "AP"}}]},
            "image must be an image id",
        ),
        (
            {"body": [{"type": "quote", "value": {"text": "Hi", "who": "me"}}]},
            "unknown quote fields: who",
        ),
        ({"body": [{"type": "text"}]}, 'Body item 1 needs a "type" and a "value".'),
        ({"body": "<p>not a list</p>"}, "body must be a list"),
        (
            {"headline": "x" * 300},
            "headline: Ensure this value has at most 255 characters",
        ),
        (
            {"headline": "Hi", "posted_at": "yesterday"},
            "is not an ISO-8601 date and time",
        ),
    ],
)
def test_invalid_post_says_what_is_wrong_and_writes_nothing(
    live_blog, chief, kwargs, message
):
    before = revision_count(live_blog)
    with pytest.raises(ValidationError) as caught:
        editing.post_update(live_blog, user=chief, **kwargs)
    assert any(message in text for text in caught.value.messages), caught.value.messages
    assert revision_count(live_blog) == before


def test_image_without_credit_names_the_field(live_blog, chief):
    photo = make_image()
    with pytest.raises(ValidationError) as caught:
        editing.post_update(
            live_blog,
            user=chief,
            body=[{"type": "image", "value": {"image": photo.pk}}],
        )
    assert any(
        "credit" in text and "required" in text for text in caught.value.messages
    ), caught.value.messages


def test_edit_rejects_unknown_fields(live_blog, chief):
    target = raw_updates(live_blog)[0]
    with pytest.raises(ValidationError, match="Unknown update fields: colour"):
        editing.edit_update(live_blog, target["id"], user=chief, colour="red")


# -- permissions -------------------------------------------------------------------


def test_editor_without_publish_permission_is_refused_before_writing(live_blog):
    editor = member("eddie", "Editors")
    assert live_blog.permissions_for_user(editor).can_edit()
    target = raw_updates(live_blog)[0]
    before = revision_count(live_blog)
    for call in (
        lambda: editing.post_update(live_blog, user=editor, headline="Scoop"),
        lambda: editing.edit_update(live_blog, target["id"], user=editor, headline="x"),
        lambda: editing.remove_update(live_blog, target["id"], user=editor),
        lambda: editing.end_coverage(live_blog, user=editor),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert revision_count(live_blog) == before
    assert timeline.count(live_blog.pk) == 3


def test_moderator_may_post(live_blog):
    moderator = member("mo", "Moderators")
    update_id = editing.post_update(
        live_blog, user=moderator, headline="From the moderator"
    )
    assert timeline.find_entry(live_blog.pk, update_id).headline == "From the moderator"
    assert fresh(live_blog).live_revision.user == moderator


def test_no_user_is_refused(live_blog):
    with pytest.raises(PermissionDenied):
        editing.post_update(live_blog, user=None, headline="Anonymous")


def test_page_locked_by_someone_else_is_refused(live_blog, chief):
    moderator = member("mo", "Moderators")
    LiveBlogPage.objects.filter(pk=live_blog.pk).update(
        locked=True, locked_by=chief, locked_at=timezone.now()
    )
    with pytest.raises(PageLocked):
        editing.post_update(live_blog, user=moderator, headline="Blocked")
    # The one who locked it can still post.
    editing.post_update(live_blog, user=chief, headline="Allowed")


# -- drafts ------------------------------------------------------------------------


def test_a_draft_of_the_page_fields_is_not_published_but_keeps_the_update(
    live_blog, chief, client
):
    draft = fresh(live_blog).get_latest_revision_as_object()
    draft.intro = "<p>DRAFT intro, not ready</p>"
    draft.save_revision(user=chief)

    update_id = editing.post_update(
        live_blog, user=chief, headline="Posted during a draft"
    )

    page = fresh(live_blog)
    assert "DRAFT intro" not in page.intro  # the live page keeps its intro
    assert "DRAFT intro" not in client.get(live_blog.url).content.decode()
    assert update_id in [item["id"] for item in page.updates.raw_data]
    assert page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    assert "DRAFT intro" in latest.intro  # the draft keeps its own edit
    carried = {item["id"]: item["value"] for item in latest.updates.raw_data}
    live = {item["id"]: item["value"] for item in page.updates.raw_data}
    assert carried[update_id] == live[update_id]  # with the same stamps

    # Publishing the draft later does not drop the update.
    latest.save_revision(user=chief).publish(user=chief)
    assert timeline.find_entry(live_blog.pk, update_id) is not None


def test_removal_is_carried_into_the_draft(live_blog, chief):
    target = raw_updates(live_blog)[0]
    draft = fresh(live_blog).get_latest_revision_as_object()
    draft.intro = "<p>New intro</p>"
    draft.save_revision(user=chief)
    editing.remove_update(live_blog, target["id"], user=chief)
    latest = fresh(live_blog).get_latest_revision_as_object()
    assert target["id"] not in [item["id"] for item in latest.updates.raw_data]


def test_first_post_into_an_unpublished_blog_publishes_it(home, chief):
    from tests.factories import LiveBlogPageFactory

    page = LiveBlogPageFactory(parent=home, live=False)
    editing.post_update(page, user=chief, headline="We are live")
    assert fresh(page).live
    assert timeline.count(page.pk) == 1


# -- coverage ----------------------------------------------------------------------


def test_start_and_end_coverage(live_blog, chief):
    future = timezone.now() + timedelta(hours=2)
    LiveBlogPage.objects.filter(pk=live_blog.pk).update(coverage_start=future)
    publish(fresh(live_blog), user=chief)
    assert fresh(live_blog).status == "upcoming"

    editing.start_coverage(live_blog, user=chief)
    page = fresh(live_blog)
    assert page.status == "live" and page.coverage_start <= timezone.now()
    assert page.coverage_end is None

    editing.end_coverage(live_blog, user=chief)
    page = fresh(live_blog)
    assert page.status == "ended"
    assert page.coverage_end <= timezone.now()
    assert page.live_revision.user == chief
    assert timeline.count(live_blog.pk) == 3  # the updates are untouched

    editing.start_coverage(live_blog, user=chief)  # reopen
    page = fresh(live_blog)
    assert page.status == "live" and page.coverage_end is None


# -- taken-down blogs and image permissions ----------------------------------------


def test_desk_actions_on_an_unpublished_blog_are_refused(live_blog, chief):
    live_blog.unpublish(user=chief)
    update_id = raw_updates(live_blog)[0]["id"]
    before = revision_count(live_blog)
    for action in (
        lambda: editing.post_update(live_blog, user=chief, headline="Back?"),
        lambda: editing.edit_update(live_blog, update_id, user=chief, pinned=True),
        lambda: editing.remove_update(live_blog, update_id, user=chief),
        lambda: editing.start_coverage(live_blog, user=chief),
    ):
        with pytest.raises(ValidationError) as error:
            action()
        assert error.value.messages == [
            "This live blog is unpublished: publish it from the page editor first."
        ]
    assert fresh(live_blog).live is False
    assert revision_count(live_blog) == before


def test_the_first_post_still_publishes_a_never_published_blog(blog, chief):
    editing.post_update(blog, user=chief, headline="First")
    assert fresh(blog).live is True


@pytest.fixture
def desk_reporter(blog):
    """Publishes the blog and may choose images in the "Desk" collection only."""
    from django.contrib.auth.models import Permission
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
    )

    group = Group.objects.create(name="Reporters")
    for codename in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group, page=blog, permission=Permission.objects.get(codename=codename)
        )
    root = Collection.get_first_root_node()
    desk = root.add_child(name="Desk")
    GroupCollectionPermission.objects.create(
        group=group,
        collection=desk,
        permission=Permission.objects.get(codename="choose_image"),
    )
    user = User.objects.create_user("reporter", "r@example.com", "pw")
    user.groups.add(group)
    return user, desk, root.add_child(name="Archive")


def image_in(collection):
    picture = make_image()
    picture.collection = collection
    picture.save()
    return picture


def test_images_outside_the_users_collections_are_refused(blog, desk_reporter, chief):
    reporter, desk, archive = desk_reporter
    secret = image_in(archive)
    body = [{"type": "image", "value": {"image": secret.pk, "credit": "AP"}}]
    with pytest.raises(ValidationError) as error:
        editing.post_update(blog, user=reporter, body=body)
    assert error.value.messages == [f"You cannot use image {secret.pk}."]
    allowed = image_in(desk)
    update_id = editing.post_update(
        blog,
        user=reporter,
        body=[{"type": "image", "value": {"image": allowed.pk, "credit": "AP"}}],
    )
    with pytest.raises(ValidationError) as error:
        editing.edit_update(blog, update_id, user=reporter, body=body)
    assert error.value.messages == [f"You cannot use image {secret.pk}."]


def test_an_image_already_in_the_update_may_stay_in_its_corrected_body(
    blog, desk_reporter, chief
):
    reporter, _desk, archive = desk_reporter
    secret = image_in(archive)
    body = [{"type": "image", "value": {"image": secret.pk, "credit": "AP"}}]
    update_id = editing.post_update(blog, user=chief, body=body)
    body[0]["value"]["credit"] = "Reuters"
    editing.edit_update(blog, update_id, user=reporter, body=body)
    assert raw_updates(blog)[0]["value"]["body"][0]["value"]["credit"] == "Reuters"
