"""Merging a stale page-editor save with what others published meanwhile.

With ``WAGTAIL_LIVEBLOG["INLINE_EDITING"]`` on, the page editor carries the
whole ``updates`` stream. An editor who opened the form ten minutes ago
would, on save, overwrite every update colleagues posted from the desk since
then. Instead the save is merged by update id against three versions of the
stream:

- ``base``: the stream the form was loaded from (the revision Wagtail's edit
  form names in its hidden ``loaded_revision_id`` input);
- ``latest``: the stream of the latest revision, read under the page row
  lock at save time (what the desk and others committed meanwhile);
- ``submitted``: the stream in the form.

Rules, per update id:

- in ``submitted``: the editor's version, unless the editor left it as it was
  in ``base`` — then ``latest``'s version (a colleague's edit or correction
  wins over an untouched stale copy; if a colleague removed an untouched
  update meanwhile, it stays removed; one the editor changed is kept);
- in ``base`` but not in ``submitted``: the editor removed it on purpose,
  so it goes, whatever ``latest`` says;
- in ``latest`` only: a colleague added it; it is kept, in its place
  relative to its neighbours in ``latest``.

When the base revision is unknown (a form without ``loaded_revision_id``, or
a base revision already deleted by retention), nothing counts as removed on
purpose: every update in ``latest`` is kept.
"""

from __future__ import annotations

import json
from typing import Any

from .locking import lock_page
from .rendering import parse_time
from .stamping import content_hash, load_stream

Item = dict[str, Any]


def _key(item: Item) -> str | None:
    key = item.get("id")
    return str(key) if key else None


def signature(item: Item) -> tuple:
    """What counts as a change to an update, ignoring form round-trip noise.

    The admin date-time widget keeps minutes only, so times compare to the
    minute; content compares by its digest (headline, body, author).
    """
    value = item.get("value") or {}

    def minute(name: str):
        when = parse_time(value.get(name))
        return when.replace(second=0, microsecond=0) if when else None

    return (
        content_hash(value),
        minute("posted_at"),
        bool(value.get("pinned")),
        bool(value.get("key_event")),
    )


def merge_updates(
    base_items: list[Item] | None,
    latest_items: list[Item],
    submitted_items: list[Item],
) -> list[Item]:
    """The stream to save: ``submitted`` merged with ``latest`` by update id.

    ``base_items`` None means the base is unknown (see the module docstring).
    Items are raw StreamField dicts (``{"type", "id", "value"}``); the
    result reuses them, in the submitted order with colleagues' additions
    slotted in.
    """
    base = {_key(item): item for item in base_items or [] if _key(item)}
    latest = {_key(item): item for item in latest_items if _key(item)}

    merged: list[Item] = []
    for item in submitted_items:
        key = _key(item)
        if key is None or key not in base:
            merged.append(item)  # the editor's own new update (or base unknown)
            continue
        untouched = signature(item) == signature(base[key])
        if not untouched:
            merged.append(item)
        elif key in latest:
            merged.append(latest[key])
        # else: untouched here and removed by a colleague: stays removed.

    present = {_key(item) for item in merged}
    added = [
        item
        for item in latest_items
        if _key(item) and _key(item) not in base and _key(item) not in present
    ]
    for item in added:
        _insert_near(merged, item, latest_items)
        present.add(_key(item))
    return merged


def _insert_near(merged: list[Item], item: Item, latest_items: list[Item]) -> None:
    """Insert ``item`` before the update that follows it in ``latest``."""
    positions = {_key(other): index for index, other in enumerate(merged)}
    keys = [_key(other) for other in latest_items]
    start = keys.index(_key(item)) + 1
    for key in keys[start:]:
        if key in positions:
            merged.insert(positions[key], item)
            return
    merged.append(item)


def revision_items(revision) -> list[Item] | None:
    """The raw updates of a revision, or None for no revision."""
    if revision is None:
        return None
    return load_stream((revision.content or {}).get("updates"))


def merge_into_latest(page, base_revision_id: Any) -> None:
    """Merge the stream on ``page`` (from a stale form) with the latest revision.

    Call inside a transaction: takes the page row lock (the one ``editing``
    takes), so nothing is committed between this merge and the revision the
    caller saves next.
    """
    from wagtail.models import Revision

    latest_id = lock_page(page).latest_revision_id
    if latest_id is None or str(latest_id) == str(base_revision_id or ""):
        return  # the form was loaded from the latest revision: nothing to merge
    revisions = Revision.objects.for_instance(page)
    base = None
    if str(base_revision_id or "").isdigit():
        base = revision_items(revisions.filter(pk=int(base_revision_id)).first())
    latest = revision_items(revisions.get(pk=latest_id)) or []
    submitted = page.updates.get_prep_value()
    page.updates = merge_updates(base, latest, submitted)


def rebase_stale_revision(page, revision) -> bool:
    """Before ``revision`` is published: merge in what was published after it.

    Publishing an older revision — a workflow approval, a scheduled publish,
    ``revision.publish()`` in a script — would otherwise take down every
    update posted since that revision was saved. When the live revision is
    newer than ``revision``, the updates are merged as for a stale form, the
    revision saved just before ``revision`` serving as its base. Call inside
    a transaction; takes the page row lock. Returns True if it changed
    ``revision``.
    """
    from wagtail.models import Revision

    live_id = lock_page(page).live_revision_id
    if live_id is None or live_id == revision.pk:
        return False
    live = Revision.objects.get(pk=live_id)
    if (live.created_at, live.pk) <= (revision.created_at, revision.pk):
        return False
    try:
        base = revision_items(revision.get_previous())
    except Revision.DoesNotExist:
        base = None
    submitted = revision_items(revision) or []
    merged = merge_updates(base, revision_items(live) or [], submitted)
    if merged == submitted:
        return False
    content = revision.content or {}
    raw = content.get("updates")
    content["updates"] = json.dumps(merged) if isinstance(raw, str) else merged
    revision.content = content
    revision.save(update_fields=["content"])
    return True
