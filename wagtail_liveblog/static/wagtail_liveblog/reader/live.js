/* The live loop: how the page hears about changes to the blog.

   With an event stream (`eventsUrl`, Server-Sent Events) it listens there
   and makes no poll requests while the stream is healthy; EventSource
   reconnects by itself (sending Last-Event-ID, the last version seen). If
   the stream keeps failing (`STREAM_ERRORS` errors without an event in
   between, or the browser gives up: readyState CLOSED) the loop polls
   instead and tries the stream again later, waiting longer each time.

   Polling asks `pollUrl?since=<version>` at the server's interval (±20%
   jitter), four times less often while the tab is hidden and at once when
   it shows again or the browser comes back online; it sends If-None-Match
   (an unchanged blog costs a 304), doubles its wait after each failure up
   to five minutes, and follows `meta.poll_interval`.

   Both hand every payload to the same `onChange`, and both stop for good
   once the blog has ended. No DOM here: the environment (fetch,
   EventSource, timers, whether the tab is hidden) comes in `env`, so that
   tests can drive it. */

export const MAX_BACKOFF = 5 * 60 * 1000;
export const HIDDEN_FACTOR = 4;
export const STREAM_ERRORS = 3;
export const STREAM_RETRY = 15 * 1000;

export class LiveFeed {
  /**
   * @param {object} options pollUrl, eventsUrl (or null), version, status,
   *   interval (ms), baseUrl (to resolve the URLs), onChange(payload),
   *   onStatus?(status, source)
   * @param {object} env fetch, EventSource (or undefined), setTimeout,
   *   clearTimeout, random, hidden() -> bool
   */
  constructor(options, env) {
    this.pollUrl = options.pollUrl;
    this.eventsUrl = options.eventsUrl || null;
    this.baseUrl = options.baseUrl || "http://localhost/";
    this.version = Number(options.version) || 0;
    this.status = options.status;
    this.interval = Math.max(1000, Number(options.interval) || 10000);
    this.onChange = options.onChange || (() => {});
    this.env = env;
    this.etag = null;
    this.failures = 0;
    this.timer = null;
    this.busy = false;
    this.stopped = false;
    this.stream = null;
    this.streamErrors = 0;
    this.streamHealthy = false;
    this.streamRetry = STREAM_RETRY;
    this.streamTimer = null;
    this.mode = "idle"; /* "stream", "poll" or "stopped" */
  }

  start() {
    if (this.status === "ended") {
      this.stop();
      return;
    }
    if (this.eventsUrl && this.env.EventSource) this.openStream();
    else this.startPolling();
  }

  stop() {
    this.stopped = true;
    this.mode = "stopped";
    this.env.clearTimeout(this.timer);
    this.env.clearTimeout(this.streamTimer);
    this.closeStream();
  }

  /** The tab shows again, or the browser is back online: catch up now. */
  wake() {
    if (this.stopped) return;
    if (this.mode === "poll") this.schedule(0);
    if (this.eventsUrl && this.env.EventSource && !this.stream) {
      this.env.clearTimeout(this.streamTimer);
      this.openStream();
    }
  }

  /* -- the stream -------------------------------------------------------- */

  openStream() {
    const url = new URL(this.eventsUrl, this.baseUrl);
    url.searchParams.set("since", String(this.version));
    let source;
    try {
      source = new this.env.EventSource(url.href, { withCredentials: false });
    } catch (error) {
      this.streamFailed();
      return;
    }
    this.stream = source;
    this.streamErrors = 0;
    this.streamHealthy = false;
    if (this.mode !== "poll") this.mode = "stream";
    source.onopen = () => {
      if (this.stream !== source) return;
      /* Healthy: the stream carries everything from here, so no polls. */
      this.streamHealthy = true;
      this.streamRetry = STREAM_RETRY;
      this.stopPolling();
      this.mode = "stream";
    };
    source.onmessage = (event) => {
      if (this.stream !== source) return;
      this.streamErrors = 0;
      let payload;
      try {
        payload = JSON.parse(event.data);
      } catch (error) {
        return;
      }
      this.receive(payload);
    };
    source.onerror = () => {
      if (this.stream !== source) return;
      this.streamErrors += 1;
      this.streamHealthy = false;
      /* CLOSED: the browser will not reconnect (a 403, 404, a redirect or
         a wrong content type); otherwise it is reconnecting by itself. */
      if (source.readyState === 2 || this.streamErrors >= STREAM_ERRORS) this.streamFailed();
    };
  }

  closeStream() {
    if (!this.stream) return;
    const source = this.stream;
    this.stream = null;
    source.onopen = source.onmessage = source.onerror = null;
    source.close();
  }

  /** The stream keeps failing: poll, and try the stream again later. */
  streamFailed() {
    this.closeStream();
    if (this.stopped) return;
    this.startPolling();
    this.env.clearTimeout(this.streamTimer);
    const wait = this.streamRetry;
    this.streamRetry = Math.min(this.streamRetry * 2, MAX_BACKOFF);
    this.streamTimer = this.env.setTimeout(() => {
      if (!this.stopped) this.openStream();
    }, wait);
  }

  /* -- polling ----------------------------------------------------------- */

  startPolling() {
    if (this.stopped) return;
    const wasPolling = this.mode === "poll";
    this.mode = "poll";
    /* Catch up at once when switching from the stream. */
    if (!wasPolling) this.schedule(this.stream === null && this.eventsUrl ? 0 : undefined);
  }

  stopPolling() {
    this.env.clearTimeout(this.timer);
    this.timer = null;
  }

  delay() {
    let base = this.interval;
    if (this.failures) base = Math.min(this.interval * 2 ** this.failures, MAX_BACKOFF);
    else if (this.env.hidden()) base = this.interval * HIDDEN_FACTOR;
    return base * (0.8 + this.env.random() * 0.4);
  }

  schedule(ms) {
    this.env.clearTimeout(this.timer);
    if (this.stopped || this.mode !== "poll") return;
    this.timer = this.env.setTimeout(() => this.poll(), ms === undefined ? this.delay() : ms);
  }

  async poll() {
    if (this.busy || this.stopped || this.mode !== "poll") return;
    this.busy = true;
    try {
      const url = new URL(this.pollUrl, this.baseUrl);
      url.searchParams.set("since", String(this.version));
      const headers = { Accept: "application/json" };
      if (this.etag) headers["If-None-Match"] = this.etag;
      const response = await this.env.fetch(url.href, { headers, credentials: "same-origin" });
      if (response.status === 304) {
        this.failures = 0;
        return;
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      const payload = await response.json();
      this.failures = 0;
      const meta = payload.meta || {};
      this.etag = Number(meta.version) === this.version ? response.headers.get("ETag") : null;
      this.receive(payload);
    } catch (error) {
      this.failures += 1;
    } finally {
      this.busy = false;
      this.schedule();
    }
  }

  /* -- both -------------------------------------------------------------- */

  /** One payload, from the stream or a poll: the same path for both. */
  receive(payload) {
    const meta = (payload && payload.meta) || {};
    if (Number(meta.poll_interval) > 0) this.interval = Number(meta.poll_interval) * 1000;
    this.onChange(payload);
    if (meta.reset) {
      this.stop();
      return;
    }
    if (Number(meta.version) > this.version) this.version = Number(meta.version);
    if (meta.status) this.status = meta.status;
    if (this.status === "ended") this.stop();
  }
}
