"""The page editor of a live blog: the blog's own fields and a summary of
its updates; saving, publishing or reverting the page never touches them,
and posts on the desk are not page revisions (no false "someone saved a
new version" alarm in the editor)."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from wagtail.models import Revision

from tests.factories import numbered_updates, publish
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate
from wagtail_liveblog.models.timeline import current_version
from wagtail_liveblog.reading import queries

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
def big_blog(blog, admin_user):
    page = publish(blog, [])
    editing.import_updates(
        page,
        user=admin_user,
        updates=[{"headline": f"Update {n}"} for n in range(1, 1001)],
    )
    return page


def open_editor(client, page) -> EditorForm:
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return EditorForm(response.content.decode())


def snapshot(page) -> list[tuple]:
    return list(
        LiveBlogUpdate.objects.filter(blog_id=page.pk)
        .order_by("pk")
        .values_list("pk", "headline", "live", "changed_version", "html")
    )


def test_editor_has_the_blog_fields_and_no_update_fields(big_blog, admin_client):
    response = admin_client.get(edit_url(big_blog))
    form = EditorForm(response.content.decode())
    for name in ("title", "intro", "summary", "coverage_start", "seo_title"):
        assert name in form.names
    assert not [name for name in form.names if name.startswith("updates")]
    assert len(response.content) < 400_000


def test_editor_shows_the_updates_summary(big_blog, admin_client):
    html = admin_client.get(edit_url(big_blog)).content.decode()
    assert "1,000 published updates" in html or "1000 published updates" in html
    assert reverse("wagtail_liveblog:desk", args=[big_blog.pk]) in html
    for n in (1000, 999, 998, 997, 996):
        assert f"Update {n}<" in html
    assert "Update 995<" not in html


def test_publish_from_editor_never_touches_the_updates(big_blog, admin_client):
    before = snapshot(big_blog)
    version = current_version(big_blog.pk)
    form = open_editor(admin_client, big_blog)
    response = admin_client.post(
        edit_url(big_blog),
        form.data(title="Storm live: day two", **{"action-publish": "1"}),
    )
    assert response.status_code == 302, response.content[:2000]
    page = type(big_blog).objects.get(pk=big_blog.pk)
    assert page.title == "Storm live: day two"
    assert snapshot(page) == before
    # Readers learn that the blog itself changed (title, intro…).
    assert current_version(page.pk) == version + 1


def test_a_stale_editor_keeps_an_update_posted_from_the_desk(
    blog, admin_client, admin_user
):
    publish(blog, numbered_updates(3))
    form = open_editor(admin_client, blog)  # a colleague opened the editor…
    new_id = editing.post_update(blog, user=admin_user, headline="Breaking")  # …then
    response = admin_client.post(
        edit_url(blog), form.data(title="New title", **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert str(queries.latest(blog.pk, 1)[0].id) == new_id
    assert queries.count(blog.pk) == 4


def test_desk_posts_are_not_page_revisions(blog, admin_client, admin_user):
    """Wagtail's editor warns when someone saved a newer revision of the
    page; posting updates must not set that off."""
    publish(blog, numbered_updates(1))
    open_editor(admin_client, blog)
    page = type(blog).objects.get(pk=blog.pk)
    revisions = Revision.objects.for_instance(page).count()
    for n in range(3):
        editing.post_update(blog, user=admin_user, headline=f"Desk post {n}")
    after = type(blog).objects.get(pk=blog.pk)
    assert after.latest_revision_id == page.latest_revision_id
    assert Revision.objects.for_instance(after).count() == revisions
    assert not after.has_unpublished_changes


def test_reverting_to_an_old_revision_keeps_todays_updates(
    blog, admin_client, admin_user
):
    publish(blog, numbered_updates(1))
    old_revision = blog.get_latest_revision()
    editing.post_update(blog, user=admin_user, headline="Later")
    before = snapshot(blog)
    url = reverse(
        "wagtailadmin_pages:revisions_revert", args=[blog.pk, old_revision.pk]
    )
    form = EditorForm(admin_client.get(url).content.decode())
    response = admin_client.post(url, form.data(**{"action-publish": "1"}))
    assert response.status_code == 302
    assert snapshot(blog) == before
    assert [u.headline for u in queries.latest(blog.pk, 5)] == ["Later", "Update 1"]


def test_unpublishing_the_blog_takes_it_off_but_keeps_the_updates(
    blog, client, admin_user
):
    page = publish(blog, numbered_updates(2))
    page.unpublish()
    assert client.get(f"{page.url}poll/?since=0").status_code == 404
    assert queries.count(page.pk) == 2  # back as they were when republished
    page.save_revision().publish()
    assert "Update 2" in client.get(page.url).content.decode()
