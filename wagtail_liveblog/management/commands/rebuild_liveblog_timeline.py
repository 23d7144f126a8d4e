"""``manage.py rebuild_liveblog_timeline``: rebuild the read model from the
published pages.

Run it after installing the app on a site that already has live blogs, after
restoring a database, or with ``--force`` after overriding the update
templates (the read model stores each update's rendered HTML).
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ... import timeline
from ...models import LiveBlogPageMixin, LiveBlogTimeline


def liveblog_models() -> list[type]:
    """Every concrete page model built on ``LiveBlogPageMixin``."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, LiveBlogPageMixin) and not model._meta.abstract
    ]


class Command(BaseCommand):
    help = (
        "Rebuild the timeline read model of live blog pages from their "
        "published revisions. Unchanged blogs are left as they are unless "
        "--force is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "page_ids",
            nargs="*",
            type=int,
            metavar="PAGE_ID",
            help="Only rebuild these pages (default: every live blog).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Re-render every update, e.g. after overriding its template.",
        )

    def handle(self, *args: Any, page_ids: list[int], force: bool, **options: Any):
        wanted = set(page_ids)
        seen: set[int] = set()
        counts = {"synced": 0, "unchanged": 0, "unpublished": 0}
        for model in liveblog_models():
            pages = model.objects.order_by("pk")
            if wanted:
                pages = pages.filter(pk__in=wanted)
            for page in pages.iterator(chunk_size=100):
                if page.pk in seen:
                    continue
                seen.add(page.pk)
                outcome = self.rebuild_one(page, force=force)
                counts[outcome] += 1
                if options["verbosity"] >= 2:
                    self.stdout.write(f"{outcome}: {page.title} (page {page.pk})")
        missing = wanted - seen
        if missing:
            raise CommandError(
                "Not live blog pages: " + ", ".join(str(pk) for pk in sorted(missing))
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{len(seen)} live blog(s): {counts['synced']} rebuilt, "
                f"{counts['unchanged']} unchanged, "
                f"{counts['unpublished']} not published."
            )
        )

    def rebuild_one(self, page, *, force: bool) -> str:
        before = (
            LiveBlogTimeline.objects.filter(page_id=page.pk)
            .values_list("version", flat=True)
            .first()
        )
        if not page.live:
            if before is not None:
                timeline.rebuild([page], force=force)
            return "unpublished"
        result = timeline.rebuild([page], force=force)[0]
        return "unchanged" if result.version == before else "synced"
