"""The page editor of a live blog: without the stream by default, and a
save from it never changes the updates."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import numbered_updates, publish, raw_updates
from wagtail_liveblog import editing, timeline

pytestmark = pytest.mark.django_db


class EditorForm(HTMLParser):
    """The fields of the page editor's form, as a browser would submit them."""

    def __init__(self, html: str):
        super().__init__()
        self.in_form = False
        self.fields: list[tuple[str, str]] = []
        self.names: list[str] = []
        self._textarea: str | None = None
        self._text: list[str] = []
        self._select: str | None = None
        self._selected: str | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == "page-edit-form":
            self.in_form = True
        if not self.in_form or not attrs.get("name") and tag != "option":
            return
        name = attrs.get("name")
        if tag == "input":
            self.names.append(name)
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append(
                (name, attrs.get("value") or ("on" if kind == "checkbox" else ""))
            )
        elif tag == "textarea":
            self.names.append(name)
            self._textarea, self._text = name, []
        elif tag == "select":
            self.names.append(name)
            self._select, self._selected = name, None
        elif (
            tag == "option"
            and self._select
            and ("selected" in attrs or self._selected is None)
        ):
            if "selected" in attrs or self._selected is None:
                self._selected = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "textarea" and self._textarea is not None:
            self.fields.append((self._textarea, "".join(self._text)))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.fields.append((self._select, self._selected or ""))
            self._select = None

    def data(self, **overrides) -> dict:
        data: dict = {}
        for name, value in self.fields:
            data.setdefault(name, value)
        data.update(overrides)
        return data


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.fixture
def big_blog(blog):
    return publish(blog, numbered_updates(1000))


def open_editor(client, page) -> EditorForm:
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return EditorForm(response.content.decode())


def test_editor_of_1000_updates_has_no_update_fields(big_blog, admin_client):
    response = admin_client.get(edit_url(big_blog))
    assert "updates" not in response.context["form"].fields
    form = EditorForm(response.content.decode())
    assert "title" in form.names and "intro" in form.names
    assert "coverage_start" in form.names and "seo_title" in form.names
    assert not [name for name in form.names if name.startswith("updates")]
    # Title, slug, intro, coverage, SEO, settings and Wagtail's own bookkeeping.
    assert len(form.names) < 60
    # The stream is not shipped to the browser either (it is ~1 MB of JSON).
    assert "Update 500<" not in response.content.decode()
    assert len(response.content) < 400_000


def test_editor_shows_the_updates_summary(big_blog, admin_client):
    html = admin_client.get(edit_url(big_blog)).content.decode()
    assert "1,000 published updates" in html or "1000 published updates" in html
    assert reverse("wagtail_liveblog:desk", args=[big_blog.pk]) in html
    for n in (1000, 999, 998, 997, 996):
        assert f"Update {n}<" in html
    assert "Update 995<" not in html


def test_publish_from_editor_keeps_1000_updates(big_blog, admin_client):
    before = raw_updates(big_blog)
    form = open_editor(admin_client, big_blog)
    response = admin_client.post(
        edit_url(big_blog),
        form.data(title="Storm live: day two", **{"action-publish": "1"}),
    )
    assert response.status_code == 302, response.content[:2000]
    page = type(big_blog).objects.get(pk=big_blog.pk)
    assert page.title == "Storm live: day two"
    assert raw_updates(page) == before
    assert timeline.count(page.pk) == 1000


def test_stale_editor_keeps_an_update_posted_from_the_desk(
    blog, admin_client, admin_user
):
    publish(blog, numbered_updates(3))
    form = open_editor(admin_client, blog)  # a colleague opened the editor…
    new_id = editing.post_update(blog, user=admin_user, headline="Breaking")  # …then
    response = admin_client.post(
        edit_url(blog), form.data(title="New title", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    page = type(blog).objects.get(pk=blog.pk)
    assert page.title == "New title"
    assert [item["id"] for item in raw_updates(page)][0] == new_id
    assert len(raw_updates(page)) == 4
    assert timeline.latest(page.pk, 1)[0].headline == "Breaking"


def test_draft_save_keeps_updates(blog, admin_client, admin_user):
    publish(blog, numbered_updates(2))
    form = open_editor(admin_client, blog)
    editing.post_update(blog, user=admin_user, headline="Meanwhile")
    response = admin_client.post(edit_url(blog), form.data(title="Draft title"))
    assert response.status_code == 302
    page = type(blog).objects.get(pk=blog.pk)
    draft = page.get_latest_revision_as_object()
    assert draft.title == "Draft title"
    assert [item.value["headline"] for item in draft.updates] == [
        "Meanwhile",
        "Update 2",
        "Update 1",
    ]


def test_reverting_to_an_old_revision_keeps_todays_updates(
    blog, admin_client, admin_user
):
    publish(blog, numbered_updates(1))
    old_revision = blog.get_latest_revision()
    editing.post_update(blog, user=admin_user, headline="Later")
    url = reverse(
        "wagtailadmin_pages:revisions_revert", args=[blog.pk, old_revision.pk]
    )
    form = EditorForm(admin_client.get(url).content.decode())
    response = admin_client.post(url, form.data(**{"action-publish": "1"}))
    assert response.status_code == 302
    page = type(blog).objects.get(pk=blog.pk)
    assert [item["value"]["headline"] for item in raw_updates(page)] == [
        "Later",
        "Update 1",
    ]


@override_settings(WAGTAIL_LIVEBLOG={"INLINE_EDITING": True})
def test_inline_editing_puts_the_stream_back(blog, admin_client):
    publish(blog, numbered_updates(2))
    response = admin_client.get(edit_url(blog))
    assert "updates" in response.context["form"].fields
    html = response.content.decode()
    assert "data-liveblog-updates-summary" not in html
    assert "Update 2" in html  # the stream's data, for the StreamField widget
