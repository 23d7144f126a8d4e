"""The blog's key points (the page's ``summary``), edited from the live desk:
``editing.update_key_points`` and ``clean.clean_rich_text``, and the desk's
key points form (``admin/key_points.py``)."""

from __future__ import annotations

from html import unescape

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry
from wagtail.test.utils.form_data import rich_text

from tests.api_support import API
from tests.desk_support import desk_url
from tests.factories import LiveBlogPageFactory, editor, numbered_updates, publish
from wagtail_liveblog import editing
from wagtail_liveblog.editing.clean import clean_rich_text
from wagtail_liveblog.models import LiveBlogPage
from wagtail_liveblog.models.timeline import current_version

pytestmark = pytest.mark.django_db

User = get_user_model()

KEY_POINTS = "<ul><li>Bridge closed</li><li>Schools shut</li></ul>"


# -- helpers --------------------------------------------------------------------


def make_user(username: str, group: str | None = None):
    user = User.objects.create_user(username, f"{username}@example.com", "pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def fresh(page) -> LiveBlogPage:
    return LiveBlogPage.objects.get(pk=page.pk)


def key_points_url(page) -> str:
    return reverse("wagtail_liveblog:key_points", args=[page.pk])


def form_data(html: str) -> dict:
    """What the desk's key points form submits (Draftail's JSON)."""
    return {"summary": rich_text(html)}


def messages_of(response) -> list[str]:
    return [unescape(str(message)).strip() for message in response.context["messages"]]


def poll(client, page, since: int) -> dict:
    response = client.get(f"{page.url}poll/?since={since}")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def live_blog(blog):
    blog.summary = "<ul><li>Storm due at noon</li></ul>"
    return publish(blog, numbered_updates(3))


@pytest.fixture
def publisher(db):
    return make_user("pat", "Moderators")


@pytest.fixture
def contributor(db):
    return make_user("cory", "Editors")


@pytest.fixture
def outsider(db):
    user = make_user("outsider")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    return user


# -- cleaning -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, clean",
    [
        (KEY_POINTS, KEY_POINTS),
        (None, ""),
        ("", ""),
        ("<p>  </p>", ""),
        # Features the field does not allow go; their text stays.
        ("<h2>Heading</h2><p>Text</p>", "Heading<p>Text</p>"),
        ('<p><img src="x.png"> <i>Italic</i></p>', "<p> <i>Italic</i></p>"),
        # Scripts and styles go with their content, attributes with them.
        (
            '<ul><li onclick="steal()">One<script>steal()</script></li></ul>',
            "<ul><li>One</li></ul>",
        ),
        ("<p>A<style>p{}</style>B</p>", "<p>AB</p>"),
        # Control characters (pasted from word processors) go.
        ("<p>Line\x0bbreak\x00</p>", "<p>Linebreak</p>"),
        # Links: http(s) and mailto, and links to pages, as the editor saves them.
        (
            '<p><a href="https://example.com" target="_blank">site</a></p>',
            '<p><a href="https://example.com">site</a></p>',
        ),
        ('<p><a href="javascript:alert(1)">bad</a></p>', "<p>bad</p>"),
        (
            '<p><a linktype="page" id="3">a page</a></p>',
            '<p><a id="3" linktype="page">a page</a></p>',
        ),
        ('<p><a linktype="page" id="x">odd</a></p>', "<p>odd</p>"),
    ],
)
def test_clean_rich_text(raw, clean):
    features = LiveBlogPage._meta.get_field("summary").features
    assert clean_rich_text(raw, "summary", features) == clean


def test_clean_rich_text_keeps_only_the_features_given():
    html = '<p><b>Bold</b> <a href="https://example.com">link</a></p>'
    assert clean_rich_text(html, "summary", ["bold"]) == "<p><b>Bold</b> link</p>"


@pytest.mark.parametrize("value", [123, ["<p>x</p>"], {"html": "<p>x</p>"}, b"<p>"])
def test_clean_rich_text_refuses_what_is_not_text(value):
    with pytest.raises(ValidationError) as error:
        clean_rich_text(value, "summary")
    assert error.value.messages == ["summary must be rich text (an HTML string)."]


def test_clean_rich_text_limits_length_and_depth():
    with override_settings(WAGTAIL_LIVEBLOG={"MAX_BODY_LENGTH": 40}):
        assert clean_rich_text("<p>" + "x" * 33 + "</p>", "summary")
        with pytest.raises(ValidationError) as error:
            clean_rich_text("<p>" + "x" * 34 + "</p>", "summary")
        assert error.value.messages == [
            "summary has 41 characters, markup included; the limit is 40 "
            "(WAGTAIL_LIVEBLOG['MAX_BODY_LENGTH'])."
        ]
        # Far over the limit: refused before it is parsed.
        with pytest.raises(ValidationError, match="summary has 1000007 characters"):
            clean_rich_text("<p>" + "x" * 1_000_000 + "</p>", "summary")
        # Markup that cleaning removes does not count.
        assert clean_rich_text("<p>ok</p>" + "<script>x</script>" * 5, "summary")
    with pytest.raises(ValidationError, match="summary is nested more than"):
        clean_rich_text("<b>" * 100 + "deep", "summary")


# -- the editing API ----------------------------------------------------------------


def test_update_key_points_publishes_them(live_blog, publisher, client):
    version = current_version(live_blog.pk)
    revisions = live_blog.revisions.count()
    assert editing.update_key_points(live_blog, user=publisher, summary=KEY_POINTS)
    page = fresh(live_blog)
    assert page.summary == KEY_POINTS
    assert page.live and not page.has_unpublished_changes
    # A page revision by the user, published, in the page's history.
    assert live_blog.revisions.count() == revisions + 1
    assert page.live_revision.user == publisher
    assert PageLogEntry.objects.filter(
        page=page, action="wagtail.publish", user=publisher
    ).exists()
    # Clients learn to look again.
    assert current_version(live_blog.pk) > version
    # The reader's page, its poll, and API v2 show them.
    html = client.get(page.url).content.decode()
    section = html.split('class="liveblog__summary"', 1)[1].split("</section>", 1)[0]
    assert "<li>Bridge closed</li><li>Schools shut</li>" in section
    assert "Storm due at noon" not in html
    assert poll(client, page, version)["meta"]["summary"] == KEY_POINTS
    data = client.get(f"{API}/{page.pk}/").json()
    assert data["summary"] == KEY_POINTS
    assert data["version"] == current_version(live_blog.pk)
    pages = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert pages["summary"] == KEY_POINTS


def test_update_key_points_cleans_and_can_clear_them(live_blog, publisher, client):
    editing.update_key_points(
        live_blog,
        user=publisher,
        summary="<ul><li>Safe\x07<script>bad()</script></li></ul><h1>Big</h1>",
    )
    assert fresh(live_blog).summary == "<ul><li>Safe</li></ul>Big"
    assert editing.update_key_points(live_blog, user=publisher, summary="")
    page = fresh(live_blog)
    assert page.summary == ""
    assert "liveblog__summary" not in client.get(page.url).content.decode()
    assert client.get(f"{API}/{page.pk}/").json()["summary"] == ""


def test_the_same_key_points_again_publish_nothing(live_blog, publisher):
    editing.update_key_points(live_blog, user=publisher, summary=KEY_POINTS)
    version = current_version(live_blog.pk)
    revisions = live_blog.revisions.count()
    assert not editing.update_key_points(
        live_blog, user=publisher, summary=KEY_POINTS + "\x00"
    )
    assert current_version(live_blog.pk) == version
    assert live_blog.revisions.count() == revisions


def test_update_key_points_needs_publish_permission(live_blog, contributor, outsider):
    assert live_blog.permissions_for_user(contributor).can_edit()
    version = current_version(live_blog.pk)
    for user in (contributor, outsider, None):
        with pytest.raises(PermissionDenied):
            editing.update_key_points(live_blog, user=user, summary=KEY_POINTS)
        # Refused before the input is looked at.
        with pytest.raises(PermissionDenied):
            editing.update_key_points(live_blog, user=user, summary=123)
    assert fresh(live_blog).summary == "<ul><li>Storm due at noon</li></ul>"
    assert current_version(live_blog.pk) == version


def test_bad_key_points_write_nothing(live_blog, publisher):
    version = current_version(live_blog.pk)
    with pytest.raises(ValidationError, match="summary"):
        editing.update_key_points(live_blog, user=publisher, summary=["<p>x</p>"])
    with override_settings(WAGTAIL_LIVEBLOG={"MAX_BODY_LENGTH": 20}):
        with pytest.raises(ValidationError, match="MAX_BODY_LENGTH"):
            editing.update_key_points(live_blog, user=publisher, summary=KEY_POINTS)
    assert fresh(live_blog).summary == "<ul><li>Storm due at noon</li></ul>"
    assert current_version(live_blog.pk) == version


def test_a_locked_or_unpublished_page_refuses_key_points(live_blog, publisher):
    chief = editor()
    LiveBlogPage.objects.filter(pk=live_blog.pk).update(
        locked=True, locked_by=chief, locked_at=timezone.now()
    )
    with pytest.raises(editing.PageLocked):
        editing.update_key_points(live_blog, user=publisher, summary=KEY_POINTS)
    LiveBlogPage.objects.filter(pk=live_blog.pk).update(locked=False)
    fresh(live_blog).unpublish()
    with pytest.raises(ValidationError, match="unpublished"):
        editing.update_key_points(live_blog, user=publisher, summary=KEY_POINTS)
    assert fresh(live_blog).summary == "<ul><li>Storm due at noon</li></ul>"


def test_a_page_never_published_is_not_published_by_its_key_points(home, publisher):
    draft = LiveBlogPageFactory(parent=home, live=False)
    with pytest.raises(ValidationError, match="unpublished"):
        editing.update_key_points(draft, user=publisher, summary=KEY_POINTS)
    draft = fresh(draft)
    assert not draft.live and draft.first_published_at is None


def test_phone_anchor_and_site_links_are_kept(client, live_blog, publisher):
    summary = (
        '<ul><li><a href="tel:+441234567">Call the desk</a>, '
        '<a href="#map">the map</a>, <a href="/help/">help</a>, '
        '<a linktype="page" id="x">odd</a>, '
        '<a href="javascript:alert(1)">bad</a></li></ul>'
    )
    editing.update_key_points(live_blog, user=publisher, summary=summary)
    stored = fresh(live_blog).summary
    for kept in ('href="tel:+441234567"', 'href="#map"', 'href="/help/"'):
        assert kept in stored
    assert 'id="x"' not in stored and "javascript" not in stored
    assert "odd" in stored and "bad" in stored  # the text stays
    # ...and the page renders (a page link with a bad id would fail it).
    assert client.get(live_blog.url).status_code == 200


def test_a_pending_page_draft_stays_a_draft_with_the_new_key_points(
    live_blog, publisher
):
    draft = fresh(live_blog)
    draft.title = "Storm: the evening"
    draft.save_revision(user=editor())
    editing.update_key_points(live_blog, user=publisher, summary=KEY_POINTS)
    page = fresh(live_blog)
    assert page.title != "Storm: the evening" and page.summary == KEY_POINTS
    assert page.has_unpublished_changes
    latest = page.get_latest_revision_as_object()
    assert latest.title == "Storm: the evening" and latest.summary == KEY_POINTS


def test_key_points_through_an_alias_go_to_the_source(live_blog, publisher, home):
    alias = live_blog.create_alias(parent=home, update_slug="storm-alias")
    editing.update_key_points(alias, user=publisher, summary=KEY_POINTS)
    assert fresh(live_blog).summary == KEY_POINTS


def test_update_key_points_costs_the_same_whatever_the_blog_size(home, publisher):
    def queries_for(count: int, slug: str) -> int:
        page = publish(
            LiveBlogPageFactory(parent=home, slug=slug), numbered_updates(count)
        )
        with CaptureQueriesContext(connection) as captured:
            editing.update_key_points(page, user=publisher, summary=KEY_POINTS)
        return len(captured)

    queries_for(1, "warm-up")  # Wagtail's caches (content types, site roots)
    assert queries_for(2, "small") == queries_for(40, "big")


# -- the desk ---------------------------------------------------------------------


def test_desk_has_a_key_points_button_for_publishers(live_blog, client, publisher):
    client.force_login(publisher)
    html = client.get(desk_url(live_blog)).content.decode()
    assert f'href="{key_points_url(live_blog)}"' in html
    assert "Edit key points" in html


def test_desk_has_no_key_points_button_without_publish_permission(
    live_blog, client, contributor
):
    client.force_login(contributor)
    response = client.get(desk_url(live_blog))
    assert response.status_code == 200
    assert key_points_url(live_blog) not in response.content.decode()


def test_form_is_filled_in_with_the_key_points(live_blog, admin_client):
    response = admin_client.get(key_points_url(live_blog))
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["summary"] == "<ul><li>Storm due at noon</li></ul>"
    html = response.content.decode()
    # Wagtail's rich text editor (Draftail), with the field's features.
    assert "draftail" in html.lower()
    widget = form.fields["summary"].widget
    assert widget.features == LiveBlogPage._meta.get_field("summary").features
    assert "Storm due at noon" in html
    assert "Publish key points" in html
    assert desk_url(live_blog) in html  # the breadcrumbs lead back


def test_posting_the_form_publishes_and_returns_to_the_desk(
    live_blog, client, publisher
):
    client.force_login(publisher)
    version = current_version(live_blog.pk)
    response = client.post(key_points_url(live_blog), form_data(KEY_POINTS))
    assert response.status_code == 302
    assert response["Location"] == desk_url(live_blog)
    page = fresh(live_blog)
    assert page.summary == KEY_POINTS
    assert page.live_revision.user == publisher
    assert current_version(live_blog.pk) > version
    desk = client.get(response["Location"])
    assert messages_of(desk) == [f"Key points of '{page.title}' published."]


def test_posting_the_same_key_points_says_so(live_blog, admin_client):
    response = admin_client.post(
        key_points_url(live_blog),
        form_data("<ul><li>Storm due at noon</li></ul>"),
        follow=True,
    )
    assert response.status_code == 200
    assert messages_of(response) == [
        f"The key points of '{live_blog.title}' are unchanged."
    ]


def test_posting_an_empty_editor_clears_the_key_points(live_blog, admin_client):
    for empty in ("null", "", "  "):
        publish(live_blog)  # the old key points again
        live_blog.refresh_from_db()
        assert live_blog.summary
        response = admin_client.post(key_points_url(live_blog), {"summary": empty})
        assert response.status_code == 302, empty
        assert fresh(live_blog).summary == ""


def test_key_points_over_the_limit_come_back_with_the_reason(live_blog, admin_client):
    with override_settings(WAGTAIL_LIVEBLOG={"MAX_BODY_LENGTH": 20}):
        response = admin_client.post(key_points_url(live_blog), form_data(KEY_POINTS))
    assert response.status_code == 200
    [error] = response.context["form"].errors["summary"]
    assert error.startswith("summary has ")
    assert error.endswith(
        "characters, markup included; the limit is 20 "
        "(WAGTAIL_LIVEBLOG['MAX_BODY_LENGTH'])."
    )
    page = response.content.decode()
    assert "MAX_BODY_LENGTH" in page
    assert "Schools shut" in page  # what was typed is still there
    assert fresh(live_blog).summary == "<ul><li>Storm due at noon</li></ul>"


def test_a_lock_on_the_page_comes_back_as_a_form_error(live_blog, client, publisher):
    LiveBlogPage.objects.filter(pk=live_blog.pk).update(
        locked=True, locked_by=editor(), locked_at=timezone.now()
    )
    client.force_login(publisher)
    response = client.post(key_points_url(live_blog), form_data(KEY_POINTS))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "help-critical" in response.content.decode()
    assert fresh(live_blog).summary == "<ul><li>Storm due at noon</li></ul>"


@pytest.mark.parametrize(
    "data",
    [
        {"summary": "not json"},
        {"summary": "[1, 2]"},
        {"summary": '{"blocks": "x"}'},
        {"summary": '{"blocks": [{"text": 5}]}'},
        {"summary": "[" * 100_000 + "]" * 100_000},
        {},
        {"other": "field"},
    ],
)
def test_data_no_browser_sends_is_a_form_error_not_a_500(live_blog, admin_client, data):
    response = admin_client.post(key_points_url(live_blog), data)
    assert response.status_code == 200
    errors = response.context["form"].errors["summary"]
    assert errors and "could not be read" in errors[0]
    # The form shows the published key points again.
    assert "Storm due at noon" in response.content.decode()
    assert fresh(live_blog).summary == "<ul><li>Storm due at noon</li></ul>"


def test_without_publish_permission_there_is_no_form(live_blog, client, contributor):
    client.force_login(contributor)
    # Wagtail's "no permission": back to the dashboard with a message (a 403
    # for scripts).
    response = client.get(key_points_url(live_blog))
    assert response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_home"
    )
    assert "do not have permission" in " ".join(messages_of(client.get("/admin/")))
    response = client.post(key_points_url(live_blog), form_data(KEY_POINTS))
    assert response.status_code == 302
    response = client.post(
        key_points_url(live_blog),
        form_data(KEY_POINTS),
        headers={"X-Requested-With": "XMLHttpRequest"},
    )
    assert response.status_code == 403
    assert fresh(live_blog).summary == "<ul><li>Storm due at noon</li></ul>"


def test_without_edit_permission_the_form_is_404(live_blog, client, outsider):
    client.force_login(outsider)
    assert client.get(key_points_url(live_blog)).status_code == 404
    response = client.post(key_points_url(live_blog), form_data(KEY_POINTS))
    assert response.status_code == 404
    assert fresh(live_blog).summary == "<ul><li>Storm due at noon</li></ul>"


def test_the_form_of_an_alias_is_its_sources(live_blog, admin_client, home):
    alias = live_blog.create_alias(parent=home, update_slug="storm-alias")
    alias_of_alias = alias.create_alias(parent=home, update_slug="storm-alias-2")
    for page in (alias, alias_of_alias):
        response = admin_client.get(key_points_url(page))
        assert response.status_code == 302
        assert response["Location"] == key_points_url(live_blog)


@pytest.mark.parametrize("page_id", ["999999", "9" * 30])
def test_page_ids_that_are_no_blog(admin_client, page_id):
    response = admin_client.get(f"/admin/liveblog/{page_id}/desk/key-points/")
    assert response.status_code == 404


def test_a_page_that_is_not_a_liveblog(admin_client, home):
    assert admin_client.get(key_points_url(home)).status_code == 404
