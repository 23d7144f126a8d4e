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

When the base revision is unknown (a form without ``loaded_revision_id``,
or a base revision already deleted by retention), ``history`` — the streams
of every revision still stored — stands in for it, and the rule is the one
that never undoes a colleague's work:

- in ``submitted`` but not in ``latest``: kept only if its id is in no
  stored revision and the blog never published it (no timeline entry, not
  even a removed one): the editor's own new update. Any other was removed
  by a colleague and stays removed;
- in both: ``latest``'s version, unless the submitted version matches no
  stored version of that update (the editor changed it: their version, as
  with a known base); a stale copy never overwrites a correction;
- in ``latest`` only: kept. A removal in such a form is not applied (the
  editor removes it again, from the fresh form or the desk).

Times: the admin date-time widget keeps minutes only, so a submitted
``posted_at``/``updated_at`` equal to ``latest``'s cut to the minute is given
``latest``'s exact value back; saving the page editor changes no time and
no order within a minute.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from .locking import lock_page
from .rendering import parse_time
from .stamping import content_hash, load_stream

Item = dict[str, Any]
BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def _key(item: Item) -> str | None:
    key = item.get("id")
    return str(key) if key else None


def signature(item: Item) -> tuple:
    """What counts as a change to an update, ignoring form round-trip noise.

    The admin date-time widget keeps minutes only, so times compare to the
    minute; content compares by its digest (headline, body, author), without
    the ``data-block-key`` attributes the rich text editor adds to text.
    """
    value = item.get("value") or {}
    body = [
        {**child, "value": BLOCK_KEY.sub("", child["value"])}
        if child.get("type") == "text" and isinstance(child.get("value"), str)
        else child
        for child in value.get("body") or []
    ]

    def minute(name: str):
        when = parse_time(value.get(name))
        return when.replace(second=0, microsecond=0) if when else None

    return (
        content_hash({**value, "body": body}),
        minute("posted_at"),
        bool(value.get("pinned")),
        bool(value.get("key_event")),
    )


def merge_updates(
    base_items: list[Item] | None,
    latest_items: list[Item],
    submitted_items: list[Item],
    history: list[list[Item]] | None = None,
    published: Iterable[str] = (),
) -> list[Item]:
    """The stream to save: ``submitted`` merged with ``latest`` by update id.

    ``base_items`` None means the base is unknown: ``history`` (the streams
    of the stored revisions) and ``published`` (the ids of every update the
    blog ever published, removed ones included) then decide (see the module
    docstring). Items
    are raw StreamField dicts (``{"type", "id", "value"}``); the result
    reuses them, in the submitted order with colleagues' additions slotted
    in.
    """
    latest = {_key(item): item for item in latest_items if _key(item)}
    if base_items is None:
        return _merge_without_base(
            latest, latest_items, submitted_items, history, published
        )
    base = {_key(item): item for item in base_items if _key(item)}

    merged: list[Item] = []
    for item in submitted_items:
        key = _key(item)
        if key is None or key not in base:
            merged.append(item)  # the editor's own new update
            continue
        untouched = signature(item) == signature(base[key])
        if not untouched:
            merged.append(_exact_times(item, latest.get(key)))
        elif key in latest:
            merged.append(latest[key])
        # else: untouched here and removed by a colleague: stays removed.
    return _add_colleagues_updates(merged, latest_items, set(base))


def _merge_without_base(
    latest: dict[str | None, Item],
    latest_items: list[Item],
    submitted_items: list[Item],
    history: list[list[Item]] | None,
    published: Iterable[str],
) -> list[Item]:
    known: dict[str, set[tuple]] = {str(key): set() for key in published}
    for items in [*(history or []), latest_items]:
        for item in items:
            if _key(item):
                known.setdefault(_key(item), set()).add(signature(item))
    merged: list[Item] = []
    for item in submitted_items:
        key = _key(item)
        if key is None or key not in known:
            merged.append(item)  # the editor's own new update
        elif key not in latest:
            continue  # removed by a colleague: stays removed
        elif signature(item) in known[key]:
            merged.append(latest[key])  # a stale copy: the newest version wins
        else:
            merged.append(_exact_times(item, latest[key]))
    return _add_colleagues_updates(merged, latest_items, set())


def _add_colleagues_updates(
    merged: list[Item], latest_items: list[Item], base_keys: set
) -> list[Item]:
    """Slot in the updates of ``latest`` that the base did not have."""
    present = {_key(item) for item in merged}
    for item in latest_items:
        key = _key(item)
        if key and key not in base_keys and key not in present:
            _insert_near(merged, item, latest_items)
            present.add(key)
    return merged


def _exact_times(item: Item, latest: Item | None) -> Item:
    """``item`` with ``latest``'s exact times where the form cut them to the minute."""
    if latest is None:
        return item
    value, newest = item.get("value") or {}, latest.get("value") or {}
    exact = {}
    for name in ("posted_at", "updated_at"):
        mine, theirs = parse_time(value.get(name)), parse_time(newest.get(name))
        if (
            mine is not None
            and theirs is not None
            and mine != theirs
            and mine == theirs.replace(second=0, microsecond=0)
        ):
            exact[name] = newest[name]
    if not exact:
        return item
    return {**item, "value": {**value, **exact}}


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
    if latest_id is None:
        return
    revisions = Revision.objects.for_instance(page)
    latest = revision_items(revisions.get(pk=latest_id)) or []
    base = None
    if str(latest_id) == str(base_revision_id or ""):
        base = latest  # an up-to-date form: only its times need restoring
    elif str(base_revision_id or "").isdigit():
        base = revision_items(revisions.filter(pk=int(base_revision_id)).first())
    submitted = page.updates.get_prep_value()
    history = stored_streams(page) if base is None else None
    page.updates = merge_updates(
        base, latest, submitted, history, published_ids(page) if history else ()
    )


def published_ids(page) -> set[str]:
    """Ids of every update the blog published, removed ones (tombstones) too."""
    from .models import TimelineEntry

    ids = TimelineEntry.objects.filter(timeline__page_id=page.pk)
    return {str(key) for key in ids.values_list("update_id", flat=True)}


def stored_streams(page) -> list[list[Item]]:
    """The updates of every stored revision of ``page`` (for an unknown base)."""
    from wagtail.models import Revision

    contents = Revision.objects.for_instance(page).values_list("content", flat=True)
    return [load_stream((content or {}).get("updates")) for content in contents]


def rebase_stale_revision(
    page, revision, live_id: int | None = None
) -> list[Item] | None:
    """Before ``revision`` is published: merge in what was published after it.

    Publishing an older revision — a workflow approval, a scheduled publish,
    ``revision.publish()`` in a script — would otherwise take down every
    update posted since that revision was saved. When the live revision is
    newer than ``revision``, the updates are merged as for a stale form, the
    revision saved just before ``revision`` serving as its base. Call inside
    a transaction; takes the page row lock unless the caller holds it and
    passes ``live_id``, the live revision it read. Returns the merged updates
    if it changed ``revision``, else None.
    """
    from wagtail.models import Revision

    if live_id is None:
        live_id = lock_page(page).live_revision_id
    if live_id is None or live_id == revision.pk:
        return None
    # Compare by time before reading the live revision's (large) content:
    # on an ordinary publish the live revision is the older one.
    live_created = Revision.objects.values_list("created_at", flat=True).get(pk=live_id)
    if (live_created, live_id) <= (revision.created_at, revision.pk):
        return None
    live = Revision.objects.get(pk=live_id)
    try:
        base = revision_items(revision.get_previous())
    except Revision.DoesNotExist:
        base = None
    submitted = revision_items(revision) or []
    history = stored_streams(page) if base is None else None
    merged = merge_updates(
        base,
        revision_items(live) or [],
        submitted,
        history,
        published_ids(page) if history else (),
    )
    if merged == submitted:
        return None
    content = revision.content or {}
    raw = content.get("updates")
    content["updates"] = json.dumps(merged) if isinstance(raw, str) else merged
    revision.content = content
    revision.save(update_fields=["content"])
    return merged
