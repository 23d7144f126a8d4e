"""A live blog finds its view restrictions with Wagtail's rules, and more.

``LiveBlogPageMixin.get_view_restrictions`` (every poll needs it) looks up
the aliases on its tree path, then the restrictions on the paths that cover
it: two queries on the path index, however many pages are restricted
elsewhere, made once per request. Where Wagtail's own
``Page.get_view_restrictions`` has rules, it finds exactly the same rows.
"""

import pytest
from wagtail.models import Page, PageViewRestriction

from tests.factories import LiveBlogPageFactory


def ids(restrictions):
    return sorted(r.pk for r in restrictions)


def wagtail_ids(page):
    return ids(Page.get_view_restrictions(page))


@pytest.fixture
def section(home):
    return home.add_child(instance=Page(title="World", slug="world"))


def test_public_blog_has_none(section, django_assert_num_queries):
    blog = LiveBlogPageFactory(parent=section)
    for other in LiveBlogPageFactory.create_batch(20, parent=section):
        PageViewRestriction.objects.create(page=other, restriction_type="login")
    blog = type(blog).objects.get(pk=blog.pk)
    with django_assert_num_queries(2):
        assert ids(blog.get_view_restrictions()) == []
        assert not blog.get_view_restrictions().exists()  # remembered
    assert wagtail_ids(blog) == []


def test_restrictions_on_the_blog_and_its_ancestors(section):
    blog = LiveBlogPageFactory(parent=section)
    PageViewRestriction.objects.create(page=section, restriction_type="login")
    PageViewRestriction.objects.create(
        page=blog, restriction_type="password", password="s3cret"
    )
    fresh = type(blog).objects.get(pk=blog.pk)
    assert len(ids(fresh.get_view_restrictions())) == 2
    assert ids(fresh.get_view_restrictions()) == wagtail_ids(fresh)
    # Wagtail's privacy view orders them this way to tell the page's own
    # restriction from an ancestor's.
    nearest = fresh.get_view_restrictions().order_by("-page__depth")
    assert [r.page_id for r in nearest] == [blog.pk, section.pk]


def test_an_alias_on_the_path_counts_as_its_source(home, section):
    LiveBlogPageFactory(parent=section, slug="storm")
    restriction = PageViewRestriction.objects.create(
        page=section, restriction_type="login"
    )
    alias_section = section.create_alias(
        recursive=True, parent=home, update_slug="world-copy"
    )
    alias_blog = alias_section.get_children().get(slug="storm").specific
    assert ids(alias_blog.get_view_restrictions()) == [restriction.pk]
    assert wagtail_ids(alias_blog) == [restriction.pk]
