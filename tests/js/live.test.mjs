// The live loop (static/wagtail_liveblog/reader/live.js): the event stream
// with polling as the safety net, driven here with a fake clock, a fake
// fetch and a fake EventSource. Run with `node --test tests/js/`.
import { test } from "node:test";
import assert from "node:assert/strict";

import {
  HIDDEN_FACTOR,
  LiveFeed,
  MAX_BACKOFF,
  STREAM_ERRORS,
  STREAM_RETRY,
} from "../../wagtail_liveblog/static/wagtail_liveblog/reader/live.js";

/** Timers that run only when the test moves the clock. */
class Clock {
  constructor() {
    this.now = 0;
    this.timers = new Map();
    this.next = 1;
  }
  setTimeout = (fn, ms) => {
    const id = this.next++;
    this.timers.set(id, { fn, at: this.now + ms });
    return id;
  };
  clearTimeout = (id) => {
    this.timers.delete(id);
  };
  /** The delay of the one poll timer waiting, if any. */
  pending() {
    return [...this.timers.values()].map((t) => t.at - this.now);
  }
  async advance(ms) {
    const until = this.now + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
      await settle();
    }
    this.now = until;
  }
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

class FakeEventSource {
  static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.closed = false;
    FakeEventSource.all.push(this);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen && this.onopen();
  }
  send(payload) {
    this.onmessage && this.onmessage({ data: JSON.stringify(payload) });
  }
  fail(readyState = 0) {
    this.readyState = readyState;
    this.onerror && this.onerror();
  }
}

function setUp({ eventsUrl = null, status = "live", answers = [], hidden = false, EventSource } = {}) {
  const clock = new Clock();
  const requests = [];
  const received = [];
  const queue = [...answers];
  const env = {
    setTimeout: clock.setTimeout,
    clearTimeout: clock.clearTimeout,
    random: () => 0.5, // no jitter
    hidden: () => env.isHidden,
    isHidden: hidden,
    EventSource,
    async fetch(url, options) {
      requests.push({ url, headers: options.headers });
      const answer = queue.length ? queue.shift() : { status: 304 };
      if (answer.error) throw new Error("offline");
      return {
        status: answer.status || 200,
        ok: (answer.status || 200) < 400,
        headers: { get: () => answer.etag || null },
        json: async () => answer.body,
      };
    },
  };
  FakeEventSource.all = [];
  const feed = new LiveFeed(
    {
      pollUrl: "/storm/poll/",
      eventsUrl,
      version: 10,
      status,
      interval: 10000,
      baseUrl: "https://news.example/storm/",
      onChange: (payload) => received.push(payload),
    },
    env,
  );
  return { clock, requests, received, feed, env };
}

const payload = (version, meta = {}) => ({ meta: { version, status: "live", ...meta }, items: [], deleted: [] });
const ok = (version, meta, etag) => ({ body: payload(version, meta), etag });

test("polls since the version it has, at the server's interval", async () => {
  const { clock, requests, received, feed } = setUp({ answers: [ok(12, { poll_interval: 4 })] });
  feed.start();
  assert.deepEqual(clock.pending(), [10000]);
  await clock.advance(10000);
  assert.equal(requests[0].url, "https://news.example/storm/poll/?since=10");
  assert.equal(received.length, 1);
  assert.equal(feed.version, 12);
  // It follows meta.poll_interval from now on.
  assert.deepEqual(clock.pending(), [4000]);
  await clock.advance(4000);
  assert.equal(requests[1].url, "https://news.example/storm/poll/?since=12");
});

test("sends If-None-Match once up to date; a 304 costs nothing", async () => {
  const { clock, requests, received, feed } = setUp({ answers: [ok(10, {}, '"v10"'), { status: 304 }] });
  feed.start();
  await clock.advance(10000);
  await clock.advance(10000);
  assert.equal(requests[1].headers["If-None-Match"], '"v10"');
  assert.equal(received.length, 1);
});

test("backs off on errors, doubling up to five minutes, and recovers", async () => {
  const answers = Array.from({ length: 8 }, () => ({ status: 503 }));
  const { clock, feed } = setUp({ answers: [...answers, { error: true }, ok(11)] });
  feed.start();
  const waits = [];
  for (let i = 0; i < 10; i += 1) {
    waits.push(clock.pending()[0]);
    await clock.advance(clock.pending()[0]);
  }
  assert.deepEqual(waits.slice(0, 6), [10000, 20000, 40000, 80000, 160000, MAX_BACKOFF]);
  assert.equal(waits[9], MAX_BACKOFF);
  assert.deepEqual(clock.pending(), [10000]); // back to normal after a success
});

test("a hidden tab polls four times less often and catches up when shown", async () => {
  const { clock, requests, feed, env } = setUp({ hidden: true });
  feed.start();
  assert.deepEqual(clock.pending(), [10000 * HIDDEN_FACTOR]);
  env.isHidden = false;
  feed.wake();
  assert.deepEqual(clock.pending(), [0]);
  await clock.advance(0);
  assert.equal(requests.length, 1);
});

test("stops when the blog ends, and never starts on an ended blog", async () => {
  const { clock, requests, feed } = setUp({ answers: [ok(11, { status: "ended" })] });
  feed.start();
  await clock.advance(10000);
  assert.equal(feed.mode, "stopped");
  await clock.advance(10 * MAX_BACKOFF);
  assert.equal(requests.length, 1);

  const ended = setUp({ status: "ended" });
  ended.feed.start();
  await ended.clock.advance(MAX_BACKOFF);
  assert.equal(ended.requests.length, 0);
});

test("a reset stops the loop (the page reloads or offers to)", async () => {
  const { clock, requests, feed, received } = setUp({ answers: [ok(99, { reset: true })] });
  feed.start();
  await clock.advance(10000);
  assert.equal(received[0].meta.reset, true);
  await clock.advance(MAX_BACKOFF);
  assert.equal(requests.length, 1);
});

test("with a stream: no polls while it is healthy, events handled as poll answers", async () => {
  const { clock, requests, received, feed } = setUp({ eventsUrl: "/storm/events/", EventSource: FakeEventSource });
  feed.start();
  const [source] = FakeEventSource.all;
  assert.equal(source.url, "https://news.example/storm/events/?since=10");
  source.open();
  source.send(payload(11));
  source.send(payload(12, { poll_interval: 3 }));
  await clock.advance(10 * 60000);
  assert.equal(requests.length, 0);
  assert.deepEqual(received.map((p) => p.meta.version), [11, 12]);
  assert.equal(feed.version, 12);
  // The browser reconnecting by itself (an error, then open) is fine.
  source.fail();
  source.open();
  source.send(payload(13));
  await clock.advance(60000);
  assert.equal(requests.length, 0);
  assert.equal(feed.mode, "stream");
});

test("a stream that keeps failing falls back to polling at once, then is tried again", async () => {
  const { clock, requests, feed } = setUp({ eventsUrl: "/storm/events/", EventSource: FakeEventSource });
  feed.start();
  const [first] = FakeEventSource.all;
  for (let i = 0; i < STREAM_ERRORS; i += 1) first.fail();
  assert.equal(first.closed, true);
  assert.equal(feed.mode, "poll");
  await clock.advance(0);
  assert.equal(requests.length, 1); // catching up at once
  await clock.advance(STREAM_RETRY);
  const second = FakeEventSource.all[1];
  assert.ok(second, "the stream is tried again");
  const polls = requests.length;
  second.open(); // healthy again: polling stops
  await clock.advance(10 * 60000);
  assert.equal(requests.length, polls);
  assert.equal(feed.mode, "stream");
});

test("a stream the browser gives up on (CLOSED: a 403, 404 or redirect) means polling", async () => {
  const { clock, requests, feed } = setUp({ eventsUrl: "/storm/events/", EventSource: FakeEventSource });
  feed.start();
  FakeEventSource.all[0].fail(2);
  assert.equal(feed.mode, "poll");
  await clock.advance(0);
  assert.equal(requests.length, 1);
  // Retries wait longer each time the stream fails again.
  await clock.advance(STREAM_RETRY);
  FakeEventSource.all[1].fail(2);
  const retries = clock.pending().filter((ms) => ms === 2 * STREAM_RETRY);
  assert.equal(retries.length, 1);
});

test("errors with events in between are the browser reconnecting, not a failure", async () => {
  const { feed } = setUp({ eventsUrl: "/storm/events/", EventSource: FakeEventSource });
  feed.start();
  const [source] = FakeEventSource.all;
  for (let i = 0; i < 5; i += 1) {
    source.fail();
    source.open();
    source.send(payload(11 + i));
  }
  assert.equal(feed.mode, "stream");
  assert.equal(source.closed, false);
});

test("without EventSource, or without a stream URL, it polls", async () => {
  const absent = setUp({ eventsUrl: "/storm/events/", EventSource: undefined });
  absent.feed.start();
  assert.equal(absent.feed.mode, "poll");
  const none = setUp({ EventSource: FakeEventSource });
  none.feed.start();
  assert.equal(none.feed.mode, "poll");
  assert.equal(FakeEventSource.all.length, 0);
});

test("the stream stops for good when the blog ends", async () => {
  const { clock, requests, feed } = setUp({ eventsUrl: "/storm/events/", EventSource: FakeEventSource });
  feed.start();
  const [source] = FakeEventSource.all;
  source.open();
  source.send(payload(11, { status: "ended" }));
  assert.equal(source.closed, true);
  assert.equal(feed.mode, "stopped");
  await clock.advance(MAX_BACKOFF * 2);
  assert.equal(requests.length, 0);
  assert.equal(FakeEventSource.all.length, 1);
});

test("a bad event is skipped, not fatal", async () => {
  const { received, feed } = setUp({ eventsUrl: "/storm/events/", EventSource: FakeEventSource });
  feed.start();
  const [source] = FakeEventSource.all;
  source.onmessage({ data: "not json" });
  source.send(payload(11));
  assert.deepEqual(received.map((p) => p.meta.version), [11]);
});
