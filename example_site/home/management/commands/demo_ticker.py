"""Post a new demo update every few seconds, to watch them arrive live.

Run it next to ``make run``, with the demo blog open in a browser::

    .venv/bin/python example_site/manage.py demo_ticker --every 20

It posts through ``wagtail_liveblog.editing.post_update`` as the ``admin``
user, exactly as the live desk does, cycling through a few follow-up
updates of the Storm Ingrid story. Stop it with Ctrl-C.
"""

from __future__ import annotations

import itertools
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from home import demo_story
from home.demo_story import Q
from wagtail_liveblog.models import LiveBlogPage
from wagtail_liveblog.reading import queries


def body_items(update: demo_story.Update) -> list[dict]:
    items = []
    for part in update.body:
        if isinstance(part, Q):
            value = {"text": part.text, "attribution": part.attribution}
            items.append({"type": "quote", "value": value})
        else:
            items.append({"type": "text", "value": f"<p>{part}</p>"})
    return items


class Command(BaseCommand):
    help = "Post a new update to the demo live blog every few seconds."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every", type=float, default=20, help="seconds between updates"
        )
        parser.add_argument(
            "--count", type=int, default=0, help="stop after this many (0: never)"
        )

    def handle(self, *args, every: float, count: int, **options):
        from wagtail_liveblog.editing import post_update

        if every <= 0:
            raise CommandError("--every must be a positive number of seconds.")
        blog = LiveBlogPage.objects.live().filter(slug=demo_story.SLUG).first()
        user = get_user_model().objects.filter(username="admin").first()
        if blog is None or user is None:
            raise CommandError("No demo blog yet: run `manage.py seed_demo` first.")

        # Carry on where an earlier run stopped rather than repeat it.
        already = max(queries.count(blog.pk) - len(demo_story.UPDATES), 0)
        start = already % len(demo_story.TICKER)
        ticker = demo_story.TICKER[start:] + demo_story.TICKER[:start]
        stories = itertools.cycle(ticker)
        posted = 0
        try:
            while not count or posted < count:
                update = next(stories)
                post_update(
                    blog,
                    user=user,
                    headline=update.headline,
                    body=body_items(update),
                    authors=update.authors,
                )
                posted += 1
                self.stdout.write(f"Posted: {update.headline or '(no headline)'}")
                if not count or posted < count:
                    time.sleep(every)
        except KeyboardInterrupt:
            self.stdout.write(f"\nStopped after {posted} updates.")
