// The reader's timeline logic (static/wagtail_liveblog/reader/timeline.js):
// what a change payload, from the poll or the event stream, does to the
// page's sections. Run with `node --test tests/js/`.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  Timeline,
  announcement,
  entry,
  key,
  newer,
} from "../../wagtail_liveblog/static/wagtail_liveblog/reader/timeline.js";

const T0 = Date.parse("2026-03-14T09:00:00Z");
const at = (minute) => new Date(T0 + minute * 60000).toISOString();
const uuid = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** An update as the poll and the stream send it; `n` is its minute. */
function item(n, extra = {}) {
  return {
    id: uuid(n),
    headline: `Update ${n}`,
    posted_at: at(n),
    updated_at: null,
    pinned: false,
    key_event: false,
    html: `<h3>Update ${n}</h3>`,
    ...extra,
  };
}

/** A page showing updates `numbers` (newest first unless oldestFirst). */
function page(numbers, options = {}, start = {}) {
  return new Timeline(
    { version: 10, showsPinned: true, ...options },
    { list: numbers.map((n) => entry(item(n))), ...start },
  );
}

const change = (version, items = [], deleted = [], meta = {}) => ({
  meta: { version, status: "live", poll_interval: 10, ...meta },
  items,
  deleted,
});

const said = (words) => (name, count) => `${count} ${name}`;
const ids = (...numbers) => numbers.map(uuid);

test("order: newest first by time, the id breaking ties", () => {
  assert.ok(newer(key(at(2), uuid(1)), key(at(1), uuid(9))));
  assert.ok(newer(key(at(1), uuid(2)), key(at(1), uuid(1))));
  assert.ok(!newer(key(at(1), uuid(1)), key(at(1), uuid(1))));
  // The server writes "+00:00" and the poll "Z": the same instant.
  assert.deepEqual(key("2026-03-14T09:00:00+00:00", "a"), key("2026-03-14T09:00:00Z", "a"));
});

test("a new update goes in at the top when the reader is there", () => {
  const timeline = page([3, 2, 1]);
  const plan = timeline.apply(change(11, [item(4)]), { atTop: true });
  assert.deepEqual(plan.list, ids(4, 3, 2, 1));
  assert.deepEqual(plan.arrived, ids(4));
  assert.equal(plan.newest, uuid(4));
  assert.equal(plan.write.get(uuid(4)).headline, "Update 4");
  assert.equal(plan.pending, 0);
  assert.deepEqual(plan.said, { fresh: 1, edited: 0, removed: 0 });
  assert.equal(timeline.version, 11);
});

test("further down, new updates wait behind the button, then arrive in order", () => {
  const timeline = page([3, 2, 1]);
  let plan = timeline.apply(change(11, [item(5)]), { atTop: false });
  assert.equal(plan.list, null); // nothing moves under the reader
  assert.equal(plan.pending, 1);
  assert.equal(plan.said.fresh, 1);
  // The next one joins them, even if the reader is now at the top: the
  // waiting ones come first, together.
  plan = timeline.apply(change(12, [item(4)]), { atTop: true });
  assert.equal(plan.pending, 2);
  assert.equal(plan.said.fresh, 2); // "2 new updates"
  const shown = timeline.reveal();
  assert.deepEqual(shown.list, ids(5, 4, 3, 2, 1));
  assert.equal(shown.newest, uuid(5));
  assert.equal(timeline.pending.size, 0);
});

test("a waiting update that is edited or removed is kept current", () => {
  const timeline = page([2, 1]);
  timeline.apply(change(11, [item(3), item(4)]), { atTop: false });
  const plan = timeline.apply(
    change(12, [item(3, { headline: "Update 3 (corrected)", updated_at: at(5) })], [uuid(4)]),
    { atTop: false },
  );
  assert.equal(plan.pending, 1);
  assert.deepEqual(plan.said, { fresh: 0, edited: 0, removed: 0 });
  assert.equal(timeline.reveal().write.get(uuid(3)).headline, "Update 3 (corrected)");
});

test("edits change in place; removals leave; both are counted once", () => {
  const timeline = page([3, 2, 1]);
  const plan = timeline.apply(
    change(11, [item(2, { updated_at: at(9), html: "<p>corrected</p>" })], [uuid(1)]),
  );
  assert.deepEqual(plan.list, ids(3, 2));
  assert.equal(plan.write.get(uuid(2)).html, "<p>corrected</p>");
  assert.deepEqual(plan.arrived, []);
  assert.deepEqual(plan.said, { fresh: 0, edited: 1, removed: 1 });
  assert.equal(
    announcement(plan.said, said(), true, "Key points updated"),
    "1 edited. 1 removed. Key points updated",
  );
});

test("a flag change rewrites the update but is not an edit", () => {
  const timeline = page([2, 1]);
  const plan = timeline.apply(change(11, [item(1, { pinned: true })]));
  assert.ok(plan.write.has(uuid(1)));
  assert.equal(plan.said.edited, 0);
});

test("the last update shown stays in place when edited, with more to load", () => {
  const timeline = page([3, 2, 1], {}, { hasMore: true });
  const plan = timeline.apply(change(11, [item(1, { updated_at: at(8) })]));
  assert.deepEqual(plan.list, ids(3, 2, 1));
});

test("an update republished at its old time comes back in place, not as new", () => {
  const timeline = page([4, 2, 1]);
  const plan = timeline.apply(change(11, [item(3)]), { atTop: true });
  assert.deepEqual(plan.list, ids(4, 3, 2, 1));
  assert.deepEqual(plan.arrived, []);
  assert.equal(plan.said.fresh, 0);
});

test("a back-dated update older than the window, with more to load, stays out", () => {
  const timeline = page([4, 3], {}, { hasMore: true });
  const plan = timeline.apply(change(11, [item(1)]));
  assert.equal(plan.list, null);
});

test("a replayed or unchanged payload changes nothing", () => {
  const timeline = page([2, 1]);
  timeline.apply(change(11, [item(3)]));
  const again = timeline.apply(change(11, [item(3)]));
  assert.equal(again.stale, true);
  assert.equal(again.list, null);
  assert.equal(timeline.list.length, 3);
  // ... but still carries the status (coverage can end without a change).
  assert.equal(timeline.apply(change(11, [], [], { status: "ended" })).status, "ended");
});

test("reset: too much changed to patch in place", () => {
  const plan = page([1]).apply({ meta: { version: 99, reset: true }, items: [], deleted: [] });
  assert.equal(plan.reset, true);
  assert.equal(plan.list, null);
});

test("key points, interval and last-updated time come from meta", () => {
  const plan = page([1]).apply(
    change(11, [], [], { summary: "<ul><li>Roads shut</li></ul>", poll_interval: 4, updated_at: at(30) }),
  );
  assert.equal(plan.summary, "<ul><li>Roads shut</li></ul>");
  assert.equal(plan.interval, 4000);
  assert.equal(plan.updatedAt, at(30));
});

test("key events only: new key events arrive, others do not, and ex-key events leave", () => {
  const timeline = page([3], { keyEventsOnly: true });
  const plan = timeline.apply(
    change(11, [item(5, { key_event: true }), item(6), item(3, { key_event: false })]),
    { atTop: true },
  );
  assert.deepEqual(plan.list, ids(5));
  assert.deepEqual(plan.said, { fresh: 1, edited: 0, removed: 1 });
});

test("oldest first: new updates wait while more remain, then join the end", () => {
  const timeline = page([1, 2, 3], { oldestFirst: true, showsPinned: false }, { hasMore: true });
  let plan = timeline.apply(change(11, [item(9)]));
  assert.equal(plan.list, null);
  assert.equal(plan.pending, 0);
  assert.deepEqual(timeline.loaded([entry(item(4)), entry(item(9))], false), ids(4, 9));
  plan = timeline.apply(change(12, [item(10)]));
  assert.deepEqual(plan.list, ids(1, 2, 3, 4, 9, 10));
  assert.deepEqual(plan.arrived, ids(10));
  assert.equal(plan.said.fresh, 1);
});

test("load more adds only what is not shown yet", () => {
  const timeline = page([5, 4]);
  assert.deepEqual(timeline.loaded([entry(item(4)), entry(item(3))], true), ids(3));
  assert.deepEqual(timeline.list.map((e) => e.id), ids(5, 4, 3));
  assert.equal(timeline.hasMore, true);
});

test("a window further down (not the latest): new updates only wait", () => {
  const timeline = page([3, 2], { latest: false });
  const plan = timeline.apply(change(11, [item(9)]), { atTop: true });
  assert.equal(plan.list, null);
  assert.equal(plan.pending, 1);
});

test("pinned: newest first, at most maxPinned, and its list copy is a stub", () => {
  const timeline = page([4, 3, 2, 1], { maxPinned: 2 });
  let plan = timeline.apply(change(11, [item(2, { pinned: true })]));
  assert.deepEqual(plan.pinned, ids(2));
  assert.deepEqual([...timeline.stubs()], ids(2));
  plan = timeline.apply(change(12, [item(3, { pinned: true }), item(1, { pinned: true })]));
  assert.deepEqual(plan.pinned, ids(3, 2)); // the oldest pin is left out
  plan = timeline.apply(change(13, [item(3, { pinned: false })]));
  assert.deepEqual(plan.pinned, ids(2));
  assert.deepEqual([...timeline.stubs()], ids(2));
  plan = timeline.apply(change(14, [], [uuid(2)]));
  assert.deepEqual(plan.pinned, []);
  assert.deepEqual(plan.said.removed, 1);
});

test("pinned updates head the latest updates only", () => {
  const timeline = page([2, 1], { showsPinned: false });
  const plan = timeline.apply(change(11, [item(2, { pinned: true })]));
  assert.equal(plan.pinned, null);
  assert.equal(timeline.stubs().size, 0);
});

test("key events: newest first, at most keyEventsShown, 'All key events' once more exist", () => {
  const timeline = page([3, 2, 1], { keyEventsShown: 2 });
  let plan = timeline.apply(change(11, [item(1, { key_event: true })]));
  assert.deepEqual(plan.keyEvents.map((e) => e.id), ids(1));
  assert.equal(plan.moreKeyEvents, false);
  plan = timeline.apply(change(12, [item(3, { key_event: true }), item(2, { key_event: true })]));
  assert.deepEqual(plan.keyEvents.map((e) => [e.id, e.headline]), [[uuid(3), "Update 3"], [uuid(2), "Update 2"]]);
  assert.equal(plan.moreKeyEvents, true);
  // A headline edit shows in the list; an unchanged list is left alone.
  plan = timeline.apply(change(13, [item(3, { key_event: true, headline: "Dam holds" })]));
  assert.equal(plan.keyEvents[0].headline, "Dam holds");
  plan = timeline.apply(change(14, [item(1)]));
  assert.equal(plan.keyEvents, null);
});

test("announcement puts the counts in one message", () => {
  const words = (name, count) => ({ new: `${count} new`, edited: `${count} edited`, removed: `${count} removed` })[name];
  assert.equal(announcement({ fresh: 2, edited: 1, removed: 1 }, words, false, ""), "2 new. 1 edited. 1 removed");
  assert.equal(announcement({ fresh: 0, edited: 0, removed: 0 }, words, false, ""), "");
});
