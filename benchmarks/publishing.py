"""Writes: publishing an update (ours, naive, the desk's ``post_update``),
their timings, and how much revision storage a run of posts adds."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.content import Blogs, build_blogs
from benchmarks.measure import Probe, Row, measure_round_robin
from benchmarks.operations import POST_UPDATE, PUBLISH


def publish_ours(blogs: Blogs) -> None:
    """Our page with one more update, published the ordinary Wagtail way."""
    page = blogs.ours()
    page.updates = [blogs.new_update(), *page.updates.raw_data]
    page.save_revision().publish()


def publish_naive(blogs: Blogs) -> None:
    page = blogs.naive()
    page.updates = [blogs.new_update(), *page.updates.raw_data]
    page.save_revision().publish()


def editing_module():
    try:
        from wagtail_liveblog import editing
    except ImportError:
        return None
    return editing if hasattr(editing, "post_update") else None


def bench_user():
    from django.contrib.auth import get_user_model

    user, _ = get_user_model().objects.get_or_create(
        username="bench", defaults={"is_superuser": True, "is_staff": True}
    )
    return user


def post_update_ours(blogs: Blogs) -> None:
    editing = editing_module()
    value = blogs.new_update()["value"]
    editing.post_update(
        blogs.ours(),
        user=bench_user(),
        headline=value["headline"],
        body=[{"type": b["type"], "value": b["value"]} for b in value["body"]],
        author=value["author"],
    )


def publish_rows(blogs: Blogs, reps: int, budget: float) -> list[Row]:
    """Each run adds one more update to the blog it publishes."""
    size = blogs.size
    probes = [
        Probe(("ours", size), lambda: publish_ours(blogs)),
        Probe(("naive", size), lambda: publish_naive(blogs)),
    ]
    desk = editing_module() is not None
    if desk:
        probes.append(Probe(("desk", size), lambda: post_update_ours(blogs)))
    samples = measure_round_robin(probes, reps=reps, budget=budget, warm=False)
    naive = samples[("naive", size)]
    rows = [
        Row(
            PUBLISH,
            size,
            samples[("ours", size)],
            naive,
            "naive: plain save_revision().publish()",
        )
    ]
    if desk:
        rows.append(
            Row(
                POST_UPDATE,
                size,
                samples[("desk", size)],
                naive,
                "vs naive plain publish",
            )
        )
    else:
        rows.append(
            Row(
                POST_UPDATE, size, None, naive, "wagtail_liveblog.editing not available"
            )
        )
    return rows


# -- revision growth (issue 5) ----------------------------------------------


def revision_bytes(page_id: int) -> int:
    """Total size of the stored revisions of one page."""
    from django.db import connection

    cast = "content::text" if connection.vendor == "postgresql" else "content"
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE(SUM(LENGTH({cast})), 0), COUNT(*) "  # noqa: S608
            "FROM wagtailcore_revision WHERE object_id = %s",
            [str(page_id)],
        )
        total, _count = cursor.fetchone()
    return int(total)


@dataclass
class Growth:
    keep: int | None
    posts: int
    size: int
    revision_bytes_before: int
    revision_bytes_after: int
    revisions_after: int
    via: str

    @property
    def per_100_mb(self) -> float:
        grown = self.revision_bytes_after - self.revision_bytes_before
        return grown / self.posts * 100 / 1e6


def measure_growth(size: int, posts: int, keep: int | None) -> Growth:
    """Post ``posts`` updates into a ``size``-update blog with ``KEEP_REVISIONS=keep``."""
    from django.conf import settings
    from django.test import override_settings
    from wagtail.models import Revision

    blogs = build_blogs(size, label=f"growth{keep}")
    config = {**getattr(settings, "WAGTAIL_LIVEBLOG", {}), "KEEP_REVISIONS": keep}
    via = "editing.post_update" if editing_module() else "save_revision().publish()"
    with override_settings(WAGTAIL_LIVEBLOG=config):
        start = revision_bytes(blogs.ours_id)
        for _ in range(posts):
            if editing_module():
                post_update_ours(blogs)
            else:
                publish_ours(blogs)
        end = revision_bytes(blogs.ours_id)
    count = Revision.objects.filter(object_id=str(blogs.ours_id)).count()
    return Growth(keep, posts, size, start, end, count, via)
