"""Writes: posting an update, publishing an edit, and the bare Wagtail
publish they are compared with; what each post stores in the database.

- ``editing.post_update``: a new update, published (the live desk's, the
  write API's and chat ingest's code path);
- ``editing.edit_update``: a change to one published update's headline,
  published at once;
- the yardstick: Wagtail's own create-and-publish of a new ``BareDraft``
  (one ``CharField``, ``DraftStateMixin`` and ``RevisionMixin``) through
  ``wagtail.actions.create.CreateAction(..., publish=True)``, which is what
  Wagtail's snippet create view runs on "Publish": ``save()``,
  ``save_revision()``, a ``wagtail.create`` log entry and
  ``revision.publish()``.

The page and the user are loaded before the clock starts (a view that
posts has them already); the post itself is timed.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from benchmarks.content import Blogs, bench_user, nth_update_id, post_fields
from benchmarks.measure import Probe, Row, measure_round_robin
from benchmarks.operations import EDIT_UPDATE, POST_UPDATE

# The update whose headline the edit rows change: the 20th newest, an
# ordinary update (not pinned, not a key event) well inside the first page.
EDITED_RANK = 20

_counter = itertools.count(1)


def post_args(blogs: Blogs, user) -> tuple:
    """What a post needs ready: the page, the user and the new update."""
    return blogs.ours(), user, post_fields(blogs.new_update())


def post_update(blogs: Blogs, prepared: tuple | None = None) -> str:
    """Post one new update to our blog through ``editing.post_update``."""
    from wagtail_liveblog import editing

    page, user, fields = prepared or post_args(blogs, bench_user())
    return editing.post_update(page, user=user, **fields)


def edit_args(blogs: Blogs, user, update_id: str) -> tuple:
    """What an edit needs ready: the page, the user, the update and a new
    headline (a different one each time, so that every edit changes it)."""
    headline = f"Update {update_id[:8]}: crews reach the old town ({next(_counter)})"
    return blogs.ours(), user, update_id, headline


def edit_update(blogs: Blogs, prepared: tuple) -> None:
    """Change one update's headline and publish the change."""
    from wagtail_liveblog import editing

    page, user, update_id, headline = prepared
    editing.edit_update(page, update_id, user=user, headline=headline)


def bare_publish(prepared=None):
    """Wagtail's create-and-publish of a new one-field draftable model."""
    from benchmarks.naive.models import BareDraft

    user = prepared or bench_user()
    draft = BareDraft(title=f"Bare draft {next(_counter)}")
    try:
        from wagtail.actions.create import CreateAction
    except ImportError:  # Wagtail 7.4: what its snippet create view does
        draft.live = False
        draft.save()
        draft.save_revision(user=user).publish(user=user)
        return draft
    return CreateAction(draft, user=user, publish=True).execute()


def publish_naive(blogs: Blogs) -> None:
    """The naive page with one more update on top (for the poll rows).

    A plain ``save()`` of the page: what matters is what a reader then gets.
    """
    from wagtail.signal_handlers import disable_reference_index_auto_update

    from benchmarks.content import naive_block

    page = blogs.naive()
    block = naive_block(blogs.new_update(), blogs.rng)
    page.updates = [block, *page.updates.raw_data]
    with disable_reference_index_auto_update():
        page.save(update_fields=["updates"])


def write_probes(all_blogs: list[Blogs]) -> list[Probe]:
    """Post and edit at every size, and the bare publish, to be taken in turns."""
    user = bench_user()
    probes = [Probe(("bare",), bare_publish, prepare=lambda: user)]
    for blogs in all_blogs:
        edited = nth_update_id(blogs.ours_id, EDITED_RANK)
        probes += [
            Probe(
                (POST_UPDATE, blogs.size),
                lambda prepared, blogs=blogs: post_update(blogs, prepared),
                prepare=lambda blogs=blogs: post_args(blogs, user),
            ),
            Probe(
                (EDIT_UPDATE, blogs.size),
                lambda prepared, blogs=blogs: edit_update(blogs, prepared),
                prepare=lambda blogs=blogs, edited=edited: edit_args(
                    blogs, user, edited
                ),
            ),
        ]
    return probes


def write_rows(all_blogs: list[Blogs], reps: int, budget: float) -> list[Row]:
    """The write rows, each against the bare publish of the same run."""
    probes = write_probes(all_blogs)
    # One untimed run of each first: templates, content types, permissions.
    samples = measure_round_robin(probes, reps=reps, budget=budget, warm=True)
    bare = samples[("bare",)]
    rows = []
    for blogs in all_blogs:
        for op in (POST_UPDATE, EDIT_UPDATE):
            ours = samples[(op, blogs.size)]
            note = f"{ours.ms / bare.ms:.2f}x the bare publish"
            rows.append(Row(op, blogs.size, ours, bare, note))
    return rows


# -- what a post stores -----------------------------------------------------


@dataclass
class Storage:
    """What ``posts`` posts (or edits, or bare publishes) added to the
    database, in all; ``*_per_post`` divide by the posts."""

    what: str  # "post", "edit" or "bare"
    size: int | None
    posts: int
    payload: int  # bytes of table rows and index entries (SQLite's dbstat)
    pages: int  # bytes of database pages newly in use
    page_revisions: int
    revisions: int
    log_entries: int
    by_table: dict[str, int] = field(default_factory=dict)

    @property
    def payload_per_post(self) -> float:
        return self.payload / self.posts

    @property
    def pages_per_post(self) -> float:
        return self.pages / self.posts


def sqlite_usage() -> tuple[dict[str, int], int] | None:
    """Payload bytes of every table, its indexes included, and bytes of the
    database pages in use; None when the database is not SQLite (or SQLite
    was built without ``dbstat``)."""
    from django.db import DatabaseError, connection

    if connection.vendor != "sqlite":
        return None
    with connection.cursor() as cursor:
        try:
            cursor.execute(
                "SELECT COALESCE(m.tbl_name, s.name), SUM(s.payload) "
                "FROM (SELECT name, payload FROM dbstat WHERE aggregate = 1) AS s "
                "LEFT JOIN sqlite_schema AS m ON m.name = s.name GROUP BY 1"
            )
        except DatabaseError:
            return None
        payload = {name: int(total or 0) for name, total in cursor.fetchall()}
        cursor.execute("PRAGMA page_count")
        (page_count,) = cursor.fetchone()
        cursor.execute("PRAGMA freelist_count")
        (free,) = cursor.fetchone()
        cursor.execute("PRAGMA page_size")
        (page_size,) = cursor.fetchone()
    return payload, (page_count - free) * page_size


def _counts() -> tuple[int, int, int]:
    """Revisions of pages (of any page, not only the blog's), all
    revisions, all log entries."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

    page_revisions = Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    ).count()
    logs = ModelLogEntry.objects.count() + PageLogEntry.objects.count()
    return page_revisions, Revision.objects.count(), logs


def measure_storage(
    what: str, blogs: Blogs | None, posts: int, action
) -> Storage | None:
    """Run ``action`` ``posts`` times; what it added to the database."""
    before = sqlite_usage()
    if before is None:
        return None
    counts_before = _counts()
    for _ in range(posts):
        action()
    after = sqlite_usage()
    counts_after = _counts()
    grown = {
        name: after[0].get(name, 0) - before[0].get(name, 0)
        for name in after[0].keys() | before[0].keys()
    }
    return Storage(
        what=what,
        size=blogs.size if blogs is not None else None,
        posts=posts,
        payload=sum(grown.values()),
        pages=after[1] - before[1],
        page_revisions=counts_after[0] - counts_before[0],
        revisions=counts_after[1] - counts_before[1],
        log_entries=counts_after[2] - counts_before[2],
        by_table={name: size for name, size in grown.items() if size},
    )


def storage_rows(all_blogs: list[Blogs], posts: int) -> list[Storage]:
    """Bytes stored per post and per edit at every size, and per bare publish."""
    user = bench_user()
    results = [measure_storage("bare", None, posts, lambda: bare_publish(user))]
    for blogs in all_blogs:
        edited = nth_update_id(blogs.ours_id, EDITED_RANK)

        def post(blogs=blogs):
            post_update(blogs, post_args(blogs, user))

        def edit(blogs=blogs, edited=edited):
            edit_update(blogs, edit_args(blogs, user, edited))

        results.append(measure_storage("post", blogs, posts, post))
        results.append(measure_storage("edit", blogs, posts, edit))
    return [r for r in results if r is not None]
