"""The composer's Authors: the poster by default, colleagues who may write
on the blog and names as free text, in byline order, on the page and in
the update's API data."""

from __future__ import annotations

import pytest

from tests.desk_support import (
    admin_only_user,
    client_for,
    composer,
    desk_url,
    newest,
    para,
)
from tests.factories import numbered_updates, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_blog(blog):
    return publish(blog, numbered_updates(1))


def test_the_poster_is_the_author_by_default(live_blog, client, publisher):
    client_for(client, publisher)
    html = client.get(desk_url(live_blog)).content.decode()
    assert "Authors:" in html and "Pat Moreno" in html
    assert f'value="{publisher.pk}" id="id_composer-author_users_' in html
    client.post(desk_url(live_blog), composer("Mine", [para("Words")]))
    assert newest(live_blog).byline == "Pat Moreno"


def test_colleagues_and_names_in_byline_order(
    live_blog, client, publisher, contributor
):
    client_for(client, publisher)
    data = composer("Joint", [para("Words")])
    data["composer-author_users"] = [str(contributor.pk), str(publisher.pk)]
    data["composer-author_names"] = " AP ,  Our   correspondent,"
    response = client.post(desk_url(live_blog), data)
    assert response.status_code == 302
    update = newest(live_blog)
    assert update.byline == "Pat Moreno, Cory Lind, AP and Our correspondent"
    assert [a["name"] for a in update.data["authors"]] == [
        "Pat Moreno",
        "Cory Lind",
        "AP",
        "Our correspondent",
    ]
    assert (
        "Pat Moreno, Cory Lind, AP and Our correspondent"
        in client.get(live_blog.url).content.decode()
    )


def test_only_the_blogs_writers_can_be_credited(live_blog, client, publisher):
    stranger = admin_only_user("stranger")
    client_for(client, publisher)
    data = composer("Credits a stranger", [para("Words")])
    data["composer-author_users"] = [str(stranger.pk)]
    response = client.post(desk_url(live_blog), data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert newest(live_blog).headline != "Credits a stranger"
