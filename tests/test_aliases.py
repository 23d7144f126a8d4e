"""Issue 11, item 1: an alias follows its source's restrictions on every
route and field.

Wagtail core lets an alias ignore the restrictions over its source (it only
takes those on the source page itself, and its pages endpoint only leaves
out restricted pages, not their aliases). An alias of a live blog shows the
source's updates, so wherever the source is private — a restriction on the
source, on the source's section, through an alias of an alias — the alias
gives nothing either: no update text in ``/api/v2/pages/<alias>/``, not in
the ``liveblogs`` listing, 404 on its API routes, and its reader routes
answer as the source's do (the login redirect, the password form).
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from tests.api_support import API, PAGES
from tests.factories import LiveBlogPageFactory, numbered_updates, post, publish
from wagtail_liveblog.models.timeline import current_version

pytestmark = pytest.mark.django_db

SECRET = "Secret update"
SECRET_POINT = "Secret key point"
READER_ROUTES = ("", "poll/?since=0", "feed/", "updates/?before=x", "?update=x")
UPDATE_FIELDS = {
    "pinned": [],
    "key_events": [],
    "latest_updates": [],
    "version": None,
    "updates_url": None,
}


def restrict(page, kind: str) -> PageViewRestriction:
    if kind == "password":
        return PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="pw"
        )
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=kind)
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.create(name="Subscribers")])
    return restriction


@pytest.fixture
def world(home):
    return home.add_child(instance=Page(title="World", slug="world"))


@pytest.fixture
def members(home):
    return home.add_child(instance=Page(title="Members", slug="members"))


def secret_blog(parent):
    blog = LiveBlogPageFactory(
        parent=parent, summary=f"<ul><li>{SECRET_POINT}</li></ul>"
    )
    blog = publish(blog, numbered_updates(2))
    post(blog, SECRET, pinned=True, key_event=True)
    return type(blog).objects.get(pk=blog.pk)


def shown(client, page) -> dict:
    """What anonymous readers get of ``page`` through every route."""
    pages = client.get(f"{PAGES}/{page.pk}/")
    listing = client.get(f"{API}/")
    return {
        "pages": pages.json(),
        "pages_listing": client.get(
            f"{PAGES}/?type=wagtail_liveblog.LiveBlogPage&fields=*"
        ).content.decode(),
        "listing": listing.json(),
        "listing_cache": listing["Cache-Control"],
        "detail": client.get(f"{API}/{page.pk}/").status_code,
        "changes": client.get(f"{API}/{page.pk}/updates/?since=0").status_code,
        "reader": {
            route: reader_answer(fetch(client, f"{page.url}{route}"))
            for route in READER_ROUTES
        },
    }


def fetch(client, url: str):
    """GET a page URL, relative or absolute (another site's, by its host)."""
    parts = urlsplit(url)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    if parts.netloc:
        return client.get(path, headers={"host": parts.netloc})
    return client.get(path)


def reader_answer(response) -> tuple:
    """A reader route's answer, without what differs between two pages."""
    location = response.get("Location", "").split("?")[0]
    return (response.status_code, location, SECRET in response.content.decode())


def assert_private(client, alias, source) -> None:
    seen = shown(client, alias)
    for name in UPDATE_FIELDS:
        assert seen["pages"][name] == UPDATE_FIELDS[name], name
    # Wagtail copies these onto an alias; they are the source's.
    assert seen["pages"]["summary"] == seen["pages"]["intro"] == ""
    assert SECRET_POINT not in seen["pages_listing"]
    assert SECRET not in str(seen["pages"])
    assert SECRET not in seen["pages_listing"]
    assert alias.pk not in [item["id"] for item in seen["listing"]["items"]]
    assert seen["detail"] == seen["changes"] == 404
    # The alias's reader routes answer as its source's do.
    source_reader = {
        route: reader_answer(fetch(client, f"{source.url}{route}"))
        for route in READER_ROUTES
    }
    assert seen["reader"] == source_reader
    for status, _location, leaked in seen["reader"].values():
        assert status in (302, 200, 404) and not leaked


@pytest.mark.parametrize("kind", ["login", "password", "groups"])
@pytest.mark.parametrize("where", ["source", "source's section"])
def test_a_restricted_blogs_alias_gives_nothing(client, members, world, kind, where):
    source = secret_blog(members)
    alias = source.create_alias(parent=world, update_slug="copy")
    before = shown(client, alias)
    assert SECRET in str(before["pages"]["latest_updates"])
    assert alias.pk in [item["id"] for item in before["listing"]["items"]]

    restrict(source if where == "source" else members, kind)
    assert_private(client, alias, source)


def test_an_alias_made_before_and_after_the_restriction(client, members, world):
    """Wagtail copies a page's own restriction onto an alias made later; the
    alias follows its source either way, and again once it is public."""
    source = secret_blog(members)
    early = source.create_alias(parent=world, update_slug="early")
    restriction = restrict(members, PageViewRestriction.LOGIN)
    late = source.create_alias(parent=world, update_slug="late")
    for alias in (early, late):
        assert_private(client, alias, source)
    restriction.delete()
    listed = [item["id"] for item in client.get(f"{API}/").json()["items"]]
    for alias in (early, late):
        data = client.get(f"{PAGES}/{alias.pk}/").json()
        assert SECRET in str(data["latest_updates"])
        assert data["version"] == current_version(source.pk)
        assert alias.pk in listed


def test_an_alias_of_an_alias_and_an_alias_under_an_alias(client, members, world):
    source = secret_blog(members)
    first = source.create_alias(parent=world, update_slug="first")
    second = first.create_alias(parent=world, update_slug="second")
    # A section aliased with its blog: the blog's copy sits under the copy.
    section_copy = members.create_alias(
        recursive=True, parent=world, update_slug="members-copy"
    )
    nested = section_copy.get_children().get().specific
    elsewhere = world.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    third = nested.create_alias(parent=elsewhere, update_slug="third")
    aliases = (first, second, nested, third)
    listed = {item["id"] for item in client.get(f"{API}/").json()["items"]}
    assert listed >= {alias.pk for alias in aliases}

    restrict(members, PageViewRestriction.LOGIN)
    restrict(source, PageViewRestriction.PASSWORD)
    for alias in aliases:
        assert_private(client, alias, source)
        # Never fewer restrictions than Wagtail core finds.
        ours = {
            r.pk for r in type(alias).objects.get(pk=alias.pk).get_view_restrictions()
        }
        assert ours >= {r.pk for r in Page.get_view_restrictions(alias)}
        assert len(ours) == 2


def test_a_long_chain_of_aliases(client, members, world):
    """An alias of an alias of an alias… follows the original to the end."""
    source = secret_blog(members)
    chain = [source]
    for hop in range(5):
        chain.append(chain[-1].create_alias(parent=world, update_slug=f"hop-{hop}"))
    restrict(source, PageViewRestriction.LOGIN)
    for alias in chain[1:]:
        assert_private(client, alias, source)


def test_a_source_under_an_alias_of_a_restricted_section(client, home, members):
    """A blog added under an alias of a private section is private (the
    alias counts as its source); so is an alias of that blog, elsewhere."""
    restrict(members, PageViewRestriction.LOGIN)
    section_alias = members.create_alias(
        parent=home, update_slug="members-copy", recursive=False
    )
    source = secret_blog(section_alias)
    elsewhere = home.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
    alias = source.create_alias(parent=elsewhere, update_slug="copy")
    assert client.get(f"{API}/{source.pk}/").status_code == 404
    assert_private(client, alias, source)


def test_a_reader_who_may_see_the_source_sees_the_alias(
    client, members, world, django_user_model
):
    source = secret_blog(members)
    alias = source.create_alias(parent=world, update_slug="copy")
    restrict(members, PageViewRestriction.LOGIN)
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    data = client.get(f"{PAGES}/{alias.pk}/").json()
    assert SECRET in str(data["latest_updates"])
    assert data["version"] == current_version(source.pk)
    listing = client.get(f"{API}/")
    assert alias.pk in [item["id"] for item in listing.json()["items"]]
    assert "public" not in listing["Cache-Control"]
    detail = client.get(f"{API}/{alias.pk}/")
    assert detail.status_code == 200
    assert "public" not in detail["Cache-Control"]
    page = client.get(alias.url)
    assert page.status_code == 200 and SECRET in page.content.decode()


def test_restrictions_elsewhere_leave_aliases_public(client, members, world):
    source = secret_blog(world)
    alias = source.create_alias(parent=members, update_slug="copy")
    other = world.add_child(instance=Page(title="Other", slug="other"))
    restrict(other, PageViewRestriction.LOGIN)
    data = client.get(f"{PAGES}/{alias.pk}/").json()
    assert SECRET in str(data["latest_updates"])
    listing = client.get(f"{API}/")
    assert alias.pk in [item["id"] for item in listing.json()["items"]]
    assert listing["Cache-Control"] == "public, max-age=5"
    poll = client.get(f"{alias.url}poll/?since=0")
    assert poll.status_code == 200 and poll["Cache-Control"] == "public, max-age=5"


def test_api_v3_follows_the_same_rules(client, members, world, settings):
    pytest.importorskip("wagtail.api.v3", reason="API v3 needs Wagtail 8")
    settings.ROOT_URLCONF = "tests.urls_v3"
    source = secret_blog(members)
    alias = source.create_alias(parent=world, update_slug="copy")
    assert client.get(f"/api/v3/liveblogs/{alias.pk}/").status_code == 200
    restrict(members, PageViewRestriction.LOGIN)
    for url in (
        f"/api/v3/liveblogs/{alias.pk}/",
        f"/api/v3/liveblogs/{alias.pk}/updates/?since=0",
    ):
        assert client.get(url).status_code == 404, url
    listing = client.get("/api/v3/liveblogs/").json()
    assert alias.pk not in [item["id"] for item in listing["items"]]
    # Wagtail's v3 pages endpoint serves the alias (core ignores the
    # source's restriction); its live blog fields carry nothing.
    page = client.get(f"/api/v3/pages/{alias.pk}/")
    assert page.status_code == 200
    assert SECRET not in page.content.decode()
    assert {name: page.json()[name] for name in UPDATE_FIELDS} == UPDATE_FIELDS


def test_an_alias_of_a_blog_on_another_sites_restricted_section(
    client, root_page, home
):
    """The source need not be in the site that serves the alias."""
    from wagtail.models import Site

    other_root = root_page.add_child(instance=Page(title="Other", slug="other"))
    Site.objects.create(hostname="other.example", root_page=other_root)
    members = other_root.add_child(instance=Page(title="Members", slug="members"))
    source = secret_blog(members)
    alias = source.create_alias(parent=home, update_slug="copy")
    assert alias.pk in [item["id"] for item in client.get(f"{API}/").json()["items"]]
    restrict(members, PageViewRestriction.LOGIN)
    assert_private(client, alias, source)
