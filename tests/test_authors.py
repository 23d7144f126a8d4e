"""Several authors per update: colleagues (users who may write on the blog)
and names as free text, in byline order — on the page, in both APIs, in
JSON-LD, in the full editor and the desk's search; never another user of
the site, and never an account's id or username on a reader route."""

from __future__ import annotations

import json

import extruct
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from tests.factories import LiveBlogPageFactory, editor, post, publish
from tests.roles import cast
from wagtail_liveblog import editing
from wagtail_liveblog.models import LiveBlogUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog(home):
    return publish(LiveBlogPageFactory(parent=home, title="Blog A"))


@pytest.fixture
def people(blog, home):
    """Edna and Carl write on blog A; Bea only on blog B; Otto on neither."""
    cast_ = cast(blog, publish(LiveBlogPageFactory(parent=home, title="Blog B")))
    cast_["editor_a"].last_name = "Reyes"
    cast_["editor_a"].save()
    return cast_


def test_colleagues_and_names_make_the_byline_in_order(blog, people, client):
    edna, carl = people["editor_a"], people["contributor_a"]
    update_id = editing.post_update(
        blog,
        user=edna,
        headline="Dam holds",
        authors=[edna, {"user": carl.pk}, {"name": "Meridian Press"}],
    )
    update = LiveBlogUpdate.objects.get(pk=update_id)
    assert update.byline == "Edna Reyes, Carl and Meridian Press"
    # The reader's page.
    html = client.get(blog.url).content.decode()
    assert "By Edna Reyes, Carl and Meridian Press" in html
    # API v2: the names, never an account's id or username.
    item = client.get(f"/api/v2/liveblogs/{blog.pk}/updates/{update_id}/").json()
    assert item["author"] == "Edna Reyes, Carl and Meridian Press"
    assert item["authors"] == [
        {"name": "Edna Reyes"},
        {"name": "Carl"},
        {"name": "Meridian Press"},
    ]
    assert "edna" not in json.dumps(item) and "carl" not in json.dumps(item)
    # JSON-LD: one Person each.
    [posting] = [
        item
        for item in extruct.extract(html, syntaxes=["json-ld"])["json-ld"]
        if item.get("@type") == "LiveBlogPosting"
    ]
    assert posting["liveBlogUpdate"][0]["author"] == [
        {"@type": "Person", "name": "Edna Reyes"},
        {"@type": "Person", "name": "Carl"},
        {"@type": "Person", "name": "Meridian Press"},
    ]


def test_the_poster_is_the_author_unless_told_otherwise(blog, people):
    edna = people["editor_a"]
    update_id = editing.post_update(blog, user=edna, headline="Mine")
    update = LiveBlogUpdate.objects.get(pk=update_id)
    assert [author.user for author in update.authors.all()] == [edna]
    editing.edit_update(blog, update_id, user=edna, authors=[])
    update.refresh_from_db()
    assert update.byline == "" and update.data["authors"] == []


@pytest.mark.parametrize("who", ["editor_b", "outsider", "nobody", "inactive"])
def test_only_the_blogs_writers_can_be_credited(blog, people, who):
    """Bea (another blog's editor), Otto (no blog), a user id that does not
    exist and a deactivated writer all get the same answer: no way to learn
    who has an account."""
    if who == "nobody":
        user_id = 987654
    elif who == "inactive":
        carl = people["contributor_a"]
        carl.is_active = False
        carl.save()
        user_id = carl.pk
    else:
        user_id = people[who].pk
    with pytest.raises(ValidationError) as caught:
        editing.post_update(
            blog,
            user=people["editor_a"],
            headline="x",
            authors=["AP", {"user": user_id}],
        )
    [found] = editing.locations(caught.value)
    assert found.loc == ("authors", 1, "user")
    assert found.message == f"You cannot credit user {user_id}."
    assert not LiveBlogUpdate.objects.filter(headline="x").exists()


def test_a_user_is_credited_once(blog, people):
    edna = people["editor_a"]
    with pytest.raises(ValidationError) as caught:
        editing.post_update(blog, user=edna, headline="x", authors=[edna, edna.pk])
    assert caught.value.messages == ["authors › item 2: This user is credited twice."]


def test_a_drafts_authors_wait_for_its_publishing(blog, people, client):
    edna, carl = people["editor_a"], people["contributor_a"]
    update_id = editing.post_update(blog, user=edna, headline="Out")
    editing.edit_update(blog, update_id, user=edna, authors=[carl, "AP"], publish=False)
    served = client.get(f"/api/v2/liveblogs/{blog.pk}/updates/{update_id}/").json()
    assert served["authors"] == [{"name": "Edna Reyes"}]
    editing.edit_update(blog, update_id, user=edna, publish=True)
    served = client.get(f"/api/v2/liveblogs/{blog.pk}/updates/{update_id}/").json()
    assert served["authors"] == [{"name": "Carl"}, {"name": "AP"}]


def test_import_credits_authors(blog, people):
    carl = people["contributor_a"]
    [first, second] = editing.import_updates(
        blog,
        user=people["editor_a"],
        updates=[
            {"headline": "One", "authors": [carl, "AP"]},
            {"headline": "Two"},
        ],
    )
    assert LiveBlogUpdate.objects.get(pk=first).byline == "Carl and AP"
    assert LiveBlogUpdate.objects.get(pk=second).byline == "Edna Reyes"


# -- the full editor and the desk ------------------------------------------------------


def form(*authors) -> dict:
    data = nested_form_data(
        {
            "headline": "Joint report",
            "body": streamfield([("text", rich_text("<p>Both of us.</p>"))]),
            "authors": inline_formset(list(authors)),
            "posted_at": "",
            "go_live_at": "",
            "expire_at": "",
        }
    )
    data["action-publish"] = "1"
    return data


def test_the_editor_offers_only_the_blogs_writers(blog, people, client):
    client.force_login(people["editor_a"])
    add = f"{reverse('wagtail_liveblog:add')}?blog={blog.pk}"
    response = client.get(add)
    assert response.status_code == 200
    authors = response.context["form"].formsets["authors"]
    offered = set(authors.empty_form.fields["user"].queryset)
    assert people["editor_a"] in offered and people["contributor_a"] in offered
    assert people["editor_b"] not in offered and people["outsider"] not in offered
    html = response.content.decode()
    assert "Bea" not in html and "otto" not in html
    # A colleague and a name, in order.
    response = client.post(
        add, form({"user": people["contributor_a"].pk}, {"name": "AP"})
    )
    assert response.status_code == 302
    update = LiveBlogUpdate.objects.get(headline="Joint report")
    assert update.byline == "Carl and AP" and update.live
    # Someone else's id, sent by hand, is refused.
    response = client.post(add, form({"user": people["outsider"].pk}))
    assert response.status_code == 200
    assert LiveBlogUpdate.objects.filter(headline="Joint report").count() == 1
    assert response.context["form"].formsets["authors"].errors[0]["user"]


def test_the_desk_finds_updates_by_an_authors_name(blog, people, client):
    post(blog, "By the agency", authors=["Meridian Press"])
    post(blog, "By Carl", authors=[people["contributor_a"]])
    post(blog, "By nobody", authors=[])
    client.force_login(editor())
    desk = reverse("wagtail_liveblog:desk_results", args=[blog.pk])

    def found(query):
        response = client.get(desk, {"q": query})
        assert response.status_code == 200
        return [row.headline for row in response.context["object_list"]]

    assert found("meridian") == ["By the agency"]
    assert found("carl") == ["By Carl"]  # a user, by first name
    assert found("nobody") == ["By nobody"]  # the headline still counts
    response = client.get(reverse("wagtail_liveblog:desk", args=[blog.pk]))
    assert "Meridian Press" in response.content.decode()  # the Authors column


def test_the_editor_keeps_the_limit_on_authors(blog, people, client):
    """A form that leaves out the authors already there (no browser sends
    one) cannot pile more on than ``MAX_AUTHORS``."""
    from wagtail_liveblog.models.authors import MAX_AUTHORS

    client.force_login(people["editor_a"])
    names = [f"Agency {n}" for n in range(MAX_AUTHORS)]
    update = LiveBlogUpdate.objects.get(pk=post(blog, "Crowded", authors=names))
    edit = reverse("wagtail_liveblog:edit", args=[update.pk])
    data = form({"name": "One too many"})
    data["headline"] = "Crowded"
    response = client.post(edit, data)
    assert response.status_code == 200
    assert f"at most {MAX_AUTHORS} authors" in response.content.decode()
    update.refresh_from_db()
    assert update.authors.count() == MAX_AUTHORS
    assert "One too many" not in update.byline
