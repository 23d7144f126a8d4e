"""The one lock every write to a live blog takes: its page row.

The desk's editing functions, page-editor saves (which keep or merge the
updates) and publishes all take it, inside their transaction, before they
read what to build on. So on one blog they run one after the other, each
seeing what the one before committed.
"""

from __future__ import annotations

from wagtail.models import Page


def lock_page(page) -> Page:
    """Lock the row of ``page`` until the transaction ends; return it fresh.

    Call inside ``transaction.atomic()``. The result is the plain ``Page``
    row as committed now (``live_revision_id``, ``latest_revision_id``,
    ``live``, ``first_published_at`` …), not ``page`` itself, which may be a
    stale copy.
    """
    return Page.objects.select_for_update().get(pk=page.pk)
