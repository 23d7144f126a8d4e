/* The reader's timeline, without the DOM: which updates each section of
   the page shows, in which order, and what a change payload (a poll answer
   or a stream event, the same JSON) does to them.

   A change payload is
     {meta: {version, status, poll_interval, reset, summary, updated_at},
      items: [{id, html, headline, posted_at, updated_at, pinned, key_event}],
      deleted: [id]}
   and `apply` answers with a plan the page carries out: the new order of
   the updates list, of the pinned section and of the key events, which
   updates to (re)write, what arrived and what to say about it. The page
   reads its starting state from the server-rendered HTML (`entry()`).

   Order: newest first by `posted_at`, the id breaking ties (as the
   server's `-posted_at, -id`); oldest first is the reverse. */

/** The sort key of an update: its time as a number and its id. */
export function key(posted, id) {
  return [typeof posted === "number" ? posted : Date.parse(posted), String(id)];
}

/** True when key `a` is newer than key `b`. */
export function newer(a, b) {
  return a[0] !== b[0] ? a[0] > b[0] : a[1] > b[1];
}

/** An entry of a section from a payload's item (or the page's markup). */
export function entry(item) {
  return {
    id: String(item.id),
    key: key(item.posted_at, item.id),
    updated: item.updated_at ? Date.parse(item.updated_at) : 0,
    headline: item.headline || "",
    postedAt: item.posted_at,
  };
}

/** Insert `item` into `list` (ordered by `first`); with `allowAtEnd` false an
    item that belongs after the last one is left out. Returns whether it
    went in. */
function insertSorted(list, item, first, allowAtEnd) {
  const at = list.findIndex((other) => first(item.key, other.key));
  if (at >= 0) list.splice(at, 0, item);
  else if (allowAtEnd) list.push(item);
  else return false;
  return true;
}

const ids = (list) => list.map((node) => node.id);
const sameIds = (a, b) => a.length === b.length && a.every((id, i) => id === b[i]);

export class Timeline {
  /**
   * @param {object} options
   *   oldestFirst, keyEventsOnly: the view;
   *   latest: the page starts at the live edge of its view (new updates
   *     arrive at its top), not a window further down;
   *   showsPinned: the page has (or may grow) a Pinned section;
   *   maxPinned, keyEventsShown: the sections' sizes;
   *   version: the blog version the page was rendered at.
   * @param {object} start  the page's sections: list, pinned, keyEvents
   *   (entries, in the order shown), hasMore, moreKeyEvents.
   */
  constructor(options, start = {}) {
    this.oldestFirst = !!options.oldestFirst;
    this.keyEventsOnly = !!options.keyEventsOnly;
    this.latest = options.latest !== false;
    this.showsPinned = !!options.showsPinned;
    this.maxPinned = Number(options.maxPinned) || 3;
    this.keyEventsShown = Number(options.keyEventsShown) || 5;
    this.version = Number(options.version) || 0;
    this.list = [...(start.list || [])];
    this.pinned = [...(start.pinned || [])];
    this.keyEvents = [...(start.keyEvents || [])];
    this.hasMore = !!start.hasMore;
    this.moreKeyEvents = !!start.moreKeyEvents;
    this.pending = new Map();
  }

  /** True when key `a` comes before `b` in the updates list. */
  listFirst(a, b) {
    return this.oldestFirst ? newer(b, a) : newer(a, b);
  }

  inView(item) {
    return !this.keyEventsOnly || !!item.key_event;
  }

  /** Ids of the list's updates that show as a stub pointing up to their
      copy in the Pinned section. */
  stubs() {
    const pinned = new Set(ids(this.pinned));
    return new Set(ids(this.list).filter((id) => pinned.has(id)));
  }

  /** "Load more" appended these entries (those not shown yet). */
  loaded(entries, hasMore) {
    const shown = new Set(ids(this.list));
    const added = entries.filter((node) => !shown.has(node.id));
    this.list.push(...added);
    this.hasMore = !!hasMore;
    return added.map((node) => node.id);
  }

  /**
   * Apply a change payload. `atTop`: the reader sees the top of the list
   * (new updates may go in at once rather than behind the button).
   * Returns the plan; fields are null/empty when a section is unchanged.
   */
  apply(payload, { atTop = true } = {}) {
    const meta = (payload && payload.meta) || {};
    const plan = {
      version: this.version,
      status: meta.status || null,
      interval: Number(meta.poll_interval) > 0 ? Number(meta.poll_interval) * 1000 : null,
      updatedAt: meta.updated_at || null,
      reset: false,
      stale: false,
      summary: undefined,
      list: null,
      pinned: null,
      keyEvents: null,
      moreKeyEvents: this.moreKeyEvents,
      write: new Map(),
      pinnedWrite: new Map(),
      arrived: [],
      newest: null,
      pending: this.pending.size,
      said: { fresh: 0, edited: 0, removed: 0 },
    };
    const version = Number(meta.version);
    if (meta.reset) {
      plan.reset = true;
      return plan;
    }
    if (!(version > this.version)) {
      /* Already applied (a replayed stream event), or nothing changed. */
      plan.stale = true;
      return plan;
    }
    this.version = plan.version = version;
    if (typeof meta.summary === "string") plan.summary = meta.summary;

    const before = {
      list: ids(this.list),
      pinned: ids(this.pinned),
      keyEvents: this.keyEvents.map((e) => e.id + "@" + e.headline + "@" + e.postedAt),
    };
    const edited = new Set();
    const removed = new Set();
    const fresh = [];
    let appended = [];

    for (const raw of payload.deleted || []) {
      const id = String(raw);
      this.pending.delete(id);
      if (this.dropFrom("list", id) | this.dropFrom("pinned", id)) removed.add(id);
      this.dropFrom("keyEvents", id);
    }
    const edge = this.liveEdge();
    for (const item of payload.items || []) {
      const id = String(item.id);
      const node = entry(item);
      const shownAt = this.list.findIndex((e) => e.id === id);
      const shown = shownAt >= 0 ? this.list[shownAt] : null;
      const copy = this.pinned.find((e) => e.id === id);
      const was = shown || copy;
      if (was && was.updated !== node.updated) edited.add(id);
      this.syncPinned(item, node, plan);
      this.syncKeyEvent(item, node);
      if (shown && !this.inView(item)) {
        /* No longer a key event: it leaves the key-events view. */
        this.list.splice(shownAt, 1);
        edited.delete(id);
        removed.add(id);
      } else if (shown) {
        if (shown.key[0] === node.key[0]) {
          this.list[shownAt] = node;
          plan.write.set(id, item);
        } else {
          /* Its time changed: it moves to its new place, or out of the
             window when that is among the updates still to load. */
          this.list.splice(shownAt, 1);
          if (this.place(node)) plan.write.set(id, item);
        }
      } else if (!this.inView(item)) {
        this.pending.delete(id);
      } else if (this.pending.has(id)) {
        this.pending.set(id, item);
      } else if (!edge || newer(node.key, edge)) {
        if (!this.oldestFirst) fresh.push(item);
        else if (!this.hasMore) {
          /* Oldest first: a new update waits at the end of the list. */
          insertSorted(this.list, node, (a, b) => this.listFirst(a, b), true);
          plan.write.set(id, item);
          appended.push(id);
        }
      } else if (this.latest || this.oldestFirst || !this.hasMore) {
        /* An update back-dated into the middle of what is shown. */
        if (this.place(node)) plan.write.set(id, item);
      }
    }

    if (fresh.length && this.latest && !this.pending.size && atTop) {
      this.arrive(fresh, plan);
      plan.said.fresh = fresh.length;
    } else if (fresh.length) {
      fresh.forEach((item) => this.pending.set(String(item.id), item));
      plan.said.fresh = this.pending.size;
    }
    if (appended.length) {
      plan.arrived.push(...appended);
      plan.newest = appended[appended.length - 1];
      plan.said.fresh += appended.length;
    }
    plan.said.edited = edited.size;
    plan.said.removed = removed.size;
    plan.pending = this.pending.size;

    if (!sameIds(before.list, ids(this.list)) || plan.write.size) plan.list = ids(this.list);
    if (!sameIds(before.pinned, ids(this.pinned)) || plan.pinnedWrite.size) plan.pinned = ids(this.pinned);
    const after = this.keyEvents.map((e) => e.id + "@" + e.headline + "@" + e.postedAt);
    if (!sameIds(before.keyEvents, after)) plan.keyEvents = this.keyEvents.map((e) => ({ ...e }));
    plan.moreKeyEvents = this.moreKeyEvents;
    return plan;
  }

  /** Show the updates waiting behind the button. */
  reveal() {
    const plan = { list: null, write: new Map(), arrived: [], newest: null, pending: 0 };
    const items = [...this.pending.values()];
    this.pending.clear();
    if (items.length) {
      this.arrive(items, plan);
      plan.list = ids(this.list);
    }
    return plan;
  }

  /* -- helpers ------------------------------------------------------------ */

  /** Put new updates into the list; the plan says which and the newest. */
  arrive(items, plan) {
    let newest = null;
    for (const item of items) {
      const node = entry(item);
      if (this.list.some((e) => e.id === node.id)) continue;
      insertSorted(this.list, node, (a, b) => this.listFirst(a, b), true);
      plan.write.set(node.id, item);
      plan.arrived.push(node.id);
      if (!newest || newer(node.key, newest.key)) newest = node;
    }
    plan.newest = newest ? newest.id : null;
  }

  /** Insert an entry at its place in the list; an entry whose place is
      after the last one shown, with more still to load, stays out. */
  place(node) {
    return insertSorted(this.list, node, (a, b) => this.listFirst(a, b), !this.hasMore);
  }

  /** The entry where new updates join the list: the newest shown. */
  liveEdge() {
    const edge = this.oldestFirst ? this.list[this.list.length - 1] : this.list[0];
    return edge ? edge.key : null;
  }

  dropFrom(section, id) {
    const at = this[section].findIndex((e) => e.id === id);
    if (at < 0) return false;
    this[section].splice(at, 1);
    return true;
  }

  syncPinned(item, node, plan) {
    const id = node.id;
    const at = this.pinned.findIndex((e) => e.id === id);
    if (!item.pinned) {
      if (at >= 0) this.pinned.splice(at, 1);
      return;
    }
    if (!this.showsPinned) return;
    if (at >= 0) this.pinned.splice(at, 1);
    insertSorted(this.pinned, node, newer, true);
    this.pinned.splice(this.maxPinned);
    if (this.pinned.includes(node)) plan.pinnedWrite.set(id, item);
  }

  syncKeyEvent(item, node) {
    if (this.keyEventsOnly) return; /* this view lists them in the updates' place */
    const at = this.keyEvents.findIndex((e) => e.id === node.id);
    if (at >= 0) this.keyEvents.splice(at, 1);
    if (!item.key_event) return;
    insertSorted(this.keyEvents, node, newer, true);
    if (this.keyEvents.length > this.keyEventsShown) {
      this.keyEvents.splice(this.keyEventsShown);
      this.moreKeyEvents = true;
    }
  }
}

/* -- words -------------------------------------------------------------- */

/**
 * What to announce for a plan: "2 new updates. 1 update edited." `counted`
 * turns (name, count) into words ("new", "edited", "removed").
 */
export function announcement(said, counted, summaryChanged, summaryWords) {
  const parts = [];
  if (said.fresh) parts.push(counted("new", said.fresh));
  if (said.edited) parts.push(counted("edited", said.edited));
  if (said.removed) parts.push(counted("removed", said.removed));
  if (summaryChanged) parts.push(summaryWords);
  return parts.join(". ");
}

/** The tab title with the count of unseen updates: "(2) Storm live". */
export function titleWithCount(title, count) {
  return count > 0 ? "(" + count + ") " + title : title;
}
