"""Realistic streams of updates, and the two blogs (ours and naive) built from them."""

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


def _sentence(rng: random.Random, length: int) -> str:
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def make_update(rng: random.Random, n: int, posted_at: datetime | None = None) -> dict:
    """One realistic update in the stream's raw form.

    A headline, a byline and a paragraph of about 300 characters; every
    tenth update also carries a quote with an attribution.
    """
    body = [
        {
            "type": "text",
            "value": f"<p>{_sentence(rng, 300)}</p>",
            "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        }
    ]
    if n % 10 == 0:
        body.append(
            {
                "type": "quote",
                "value": {
                    "text": _sentence(rng, 120),
                    "attribution": "Mayor Ana Reyes",
                },
                "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            }
        )
    return {
        "type": "update",
        "id": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "value": {
            "headline": f"Update {n}: {_sentence(rng, 50)}",
            "body": body,
            "author": "Sam Rivera",
            "pinned": n == 1,
            "key_event": n % 50 == 0,
            "posted_at": posted_at.isoformat() if posted_at else None,
            "updated_at": None,
        },
    }


def make_stream(count: int, seed: int = 1) -> list[dict]:
    """``count`` updates a minute apart, newest first (as the stream stores them)."""
    rng = random.Random(seed)
    start = datetime(2026, 3, 14, 6, 0, tzinfo=UTC)
    items = [
        make_update(rng, n, start + timedelta(minutes=n)) for n in range(1, count + 1)
    ]
    items.reverse()
    return items


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
        """A fresh update as an editor would add it (no ``posted_at`` yet)."""
        self.next_n += 1
        return make_update(self.rng, self.size + self.next_n)


def build_blogs(size: int, label: str = "") -> Blogs:
    """Publish our blog and the naive blog with the same ``size`` updates."""
    from wagtail.models import Site

    from benchmarks.naive.models import NaivePage
    from wagtail_liveblog.models import LiveBlogPage

    home = Site.objects.get(is_default_site=True).root_page
    stream = make_stream(size)
    slug = f"{label or size}-{uuid.uuid4().hex[:6]}"
    ours = home.add_child(
        instance=LiveBlogPage(
            title=f"Storm live ({size})",
            slug=f"ours-{slug}",
            intro="<p>Follow the storm as it happens.</p>",
            live=False,
        )
    )
    ours.updates = stream
    ours.save_revision().publish()
    naive = home.add_child(
        instance=NaivePage(
            title=f"Storm naive ({size})", slug=f"naive-{slug}", live=False
        )
    )
    naive.updates = stream
    naive.save_revision().publish()
    ours.refresh_from_db()
    naive.refresh_from_db()
    return Blogs(
        size=size,
        ours_id=ours.pk,
        naive_id=naive.pk,
        ours_url=ours.get_url(),
        naive_url=naive.get_url(),
    )


def current_version(page_id: int) -> int:
    from wagtail_liveblog import timeline

    return timeline.current_version(page_id)


def twentieth_update_id(page_id: int) -> str:
    from wagtail_liveblog import timeline

    entries = timeline.latest(page_id, 20)
    return str(entries[-1].update_id)
