"""``manage.py rebuild_liveblog_timeline``: render every published update again.

Each published update stores the HTML and API data readers get, rendered
when it was published. Run this after overriding the update templates
(``wagtail_liveblog/includes/update.html`` or a block template), changing
``IMAGE_RENDITIONS``, or restoring media: updates whose output changed are
saved again and reported to readers' pages and API clients as edits.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...db import write_transaction
from ...models import LiveBlogUpdate


class Command(BaseCommand):
    help = (
        "Render the stored HTML and API data of every published live blog "
        "update again (after a template or rendition change)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "page_ids",
            nargs="*",
            type=int,
            metavar="PAGE_ID",
            help="Only these live blogs (default: every one).",
        )

    def handle(self, *args: Any, page_ids: list[int], **options: Any) -> None:
        updates = LiveBlogUpdate.objects.filter(live=True).order_by("blog_id", "pk")
        if page_ids:
            found = set(
                LiveBlogUpdate.objects.filter(blog_id__in=page_ids).values_list(
                    "blog_id", flat=True
                )
            )
            missing = sorted(set(page_ids) - found)
            if missing:
                raise CommandError(
                    "No updates on page(s): " + ", ".join(map(str, missing))
                )
            updates = updates.filter(blog_id__in=page_ids)
        seen = changed = 0
        for update in updates.iterator(chunk_size=200):
            before = update.changed_version
            with write_transaction():
                update.save()
            seen += 1
            if update.changed_version != before:
                changed += 1
                if options["verbosity"] >= 2:
                    self.stdout.write(f"re-rendered: {update} ({update.pk})")
        self.stdout.write(
            self.style.SUCCESS(
                f"{seen} published update(s): {changed} re-rendered, "
                f"{seen - changed} unchanged."
            )
        )
