"""Realistic updates, and the two blogs (ours and naive) built from them.

Both blogs get the same updates. Ours is a ``LiveBlogPage`` whose updates
are ``LiveBlogUpdate`` rows, loaded with ``editing.import_updates`` (each a
published update with its revision, stored HTML and API data). The naive
blog is a ``NaivePage`` holding the same updates in one StreamField, as 0.1
did.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

WORDS = (
    "officials said the river crossed its banks overnight as crews moved "
    "sandbags toward the old town while residents waited for buses north "
    "and the mayor asked people to stay indoors until the wind drops power "
    "lines are down across three districts and schools will stay closed"
).split()

START = datetime(2026, 3, 14, 6, 0, tzinfo=UTC)
# ``import_updates`` takes its items in batches of this many (one
# transaction each), so that building the 20,000-update blog never holds
# every row in memory at once.
IMPORT_BATCH = 2500


def _sentence(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def _block_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def make_update(rng: random.Random, n: int, posted_at: datetime | None = None) -> dict:
    """The fields of one realistic update, as the editing API takes them.

    A headline, a byline and a paragraph of about 300 characters; every
    tenth update also carries a quote with an attribution, every fiftieth
    is a key event and the first is pinned.
    """
    body = [{"type": "text", "value": f"<p>{_sentence(rng, 300)}</p>"}]
    if n % 10 == 0:
        body.append(
            {
                "type": "quote",
                "value": {
                    "text": _sentence(rng, 120),
                    "attribution": "Mayor Ana Reyes",
                },
            }
        )
    return {
        "id": _block_id(rng),
        "headline": f"Update {n}: {_sentence(rng, 50)}",
        "body": body,
        "authors": ["Sam Rivera"],
        "pinned": n == 1,
        "key_event": n % 50 == 0,
        "posted_at": posted_at,
    }


def make_updates(count: int, seed: int = 1) -> list[dict]:
    """``count`` updates a minute apart, oldest first (as ``import_updates``
    takes them)."""
    rng = random.Random(seed)
    return [
        make_update(rng, n, START + timedelta(minutes=n)) for n in range(1, count + 1)
    ]


def naive_block(fields: dict, rng: random.Random) -> dict:
    """The same update as a block of the naive page's stream (0.1's form)."""
    posted_at = fields.get("posted_at")
    return {
        "type": "update",
        "id": fields["id"],
        "value": {
            "headline": fields["headline"],
            "body": [{**b, "id": _block_id(rng)} for b in fields["body"]],
            "author": fields["authors"][0],
            "pinned": fields["pinned"],
            "key_event": fields["key_event"],
            "posted_at": posted_at.isoformat() if posted_at else None,
            "updated_at": None,
        },
    }


def post_fields(fields: dict) -> dict:
    """The keyword arguments of ``editing.post_update`` for an update."""
    return {
        "headline": fields["headline"],
        "body": fields["body"],
        "authors": fields["authors"],
    }


# -- the two blogs ----------------------------------------------------------


@dataclass
class Blogs:
    size: int
    ours_id: int
    naive_id: int
    ours_url: str
    naive_url: str
    rng: random.Random = field(default_factory=lambda: random.Random(7))
    next_n: int = 0

    def ours(self):
        from wagtail_liveblog.models import LiveBlogPage

        return LiveBlogPage.objects.get(pk=self.ours_id)

    def naive(self):
        from benchmarks.naive.models import NaivePage

        return NaivePage.objects.get(pk=self.naive_id)

    def new_update(self) -> dict:
        """A fresh update as a reporter would post it (no ``posted_at``)."""
        self.next_n += 1
        return make_update(self.rng, self.size + self.next_n)


def bench_user():
    """The superuser who builds the blogs and posts in the benchmark."""
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench",
        defaults={"is_superuser": True, "is_staff": True, "first_name": "Sam"},
    )
    return user


def build_ours(size: int, slug: str, updates: list[dict] | None = None) -> int:
    """Publish a ``LiveBlogPage`` and import ``size`` updates into it."""
    from wagtail.models import Site

    from wagtail_liveblog import editing
    from wagtail_liveblog.models import LiveBlogPage

    user = bench_user()
    home = Site.objects.get(is_default_site=True).root_page
    page = home.add_child(
        instance=LiveBlogPage(
            title=f"Storm live ({size:,})",
            slug=slug,
            intro="<p>Follow the storm as it happens.</p>",
            live=False,
        )
    )
    page.save_revision(user=user).publish(user=user)
    page = LiveBlogPage.objects.get(pk=page.pk)
    updates = make_updates(size) if updates is None else updates
    for start in range(0, len(updates), IMPORT_BATCH):
        batch = updates[start : start + IMPORT_BATCH]
        editing.import_updates(
            page,
            user=user,
            # New ids: the same content may be imported into several blogs.
            updates=[{k: v for k, v in u.items() if k != "id"} for u in batch],
        )
    return page.pk


def build_naive(size: int, slug: str, updates: list[dict]) -> int:
    """Publish a ``NaivePage`` holding the same updates in its StreamField.

    Saved live in one ``save()`` rather than through a revision: the naive
    page is only read (and grown by one update for the poll rows), and a
    20,000-update revision would only make the run longer. Wagtail's
    reference index is not updated for it (it would walk the whole stream).
    """
    from wagtail.models import Site
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from benchmarks.naive.models import NaivePage

    rng = random.Random(size)
    home = Site.objects.get(is_default_site=True).root_page
    stream = [naive_block(fields, rng) for fields in reversed(updates)]
    with disable_reference_index_auto_update():
        page = home.add_child(
            instance=NaivePage(
                title=f"Storm naive ({size:,})", slug=slug, live=True, updates=stream
            )
        )
    return page.pk


def build_blogs(size: int, label: str = "") -> Blogs:
    """Our blog and the naive blog with the same ``size`` updates."""
    from wagtail.models import Page

    updates = make_updates(size)
    slug = f"{label or size}-{uuid.uuid4().hex[:6]}"
    ours_id = build_ours(size, f"ours-{slug}", updates)
    naive_id = build_naive(size, f"naive-{slug}", updates)
    return Blogs(
        size=size,
        ours_id=ours_id,
        naive_id=naive_id,
        ours_url=Page.objects.get(pk=ours_id).get_url(),
        naive_url=Page.objects.get(pk=naive_id).get_url(),
    )


def current_version(page_id: int) -> int:
    from wagtail_liveblog.models.timeline import current_version as version

    return version(page_id)


def nth_update_id(page_id: int, n: int) -> str:
    """The id of the ``n``-th newest published update (or the oldest)."""
    from wagtail_liveblog.reading import queries

    return str(queries.latest(page_id, n)[-1].id)


def twentieth_update_id(page_id: int) -> str:
    return nth_update_id(page_id, 20)
