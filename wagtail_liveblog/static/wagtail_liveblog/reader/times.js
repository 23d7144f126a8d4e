/* Times in the reader's own time zone and language: the clock time (with
   the day when it is not today) and how long ago ("5 min. ago") for the
   last twelve hours, written by Intl. */

const TWELVE_HOURS = 12 * 3600;

/**
 * Resolves when the browser's date data is loaded (by the `warm-intl.js`
 * worker, off the main thread), so that making the formatters is cheap;
 * after `wait` ms at most, or at once where workers cannot be started.
 */
export function whenIntlReady(lang, workerUrl, wait = 1000) {
  return new Promise((resolve) => {
    let worker;
    try {
      const url = new URL(workerUrl);
      url.searchParams.set("lang", lang);
      worker = new Worker(url.href);
    } catch (error) {
      resolve();
      return;
    }
    const done = () => {
      window.clearTimeout(timer);
      worker.terminate();
      resolve();
    };
    const timer = window.setTimeout(done, wait);
    worker.onmessage = done;
    worker.onerror = done;
  });
}

export class TimeFormat {
  constructor(lang) {
    this.fullFormat = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "short" });
    this.clockFormat = new Intl.DateTimeFormat(lang, { hour: "numeric", minute: "2-digit" });
    this.dayFormat = new Intl.DateTimeFormat(lang, {
      day: "numeric", month: "short", hour: "numeric", minute: "2-digit",
    });
    this.yearFormat = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });
    this.relative = Intl.RelativeTimeFormat
      ? new Intl.RelativeTimeFormat(lang, { numeric: "auto", style: "short" })
      : null;
  }

  /** The full date and time, for a title. */
  full(date) {
    return this.fullFormat.format(date);
  }

  /** The clock time, with the day when it is not today (`now`'s day). */
  clock(date, now) {
    const today = new Date(now);
    if (date.toDateString() === today.toDateString()) return this.clockFormat.format(date);
    return (date.getFullYear() === today.getFullYear() ? this.dayFormat : this.yearFormat).format(date);
  }

  /** "5 min. ago" for the last twelve hours, else "". */
  ago(date, now) {
    const seconds = Math.round((now - date) / 1000);
    if (!this.relative || seconds < -60 || seconds >= TWELVE_HOURS) return "";
    if (seconds < 60) return this.relative.format(0, "second");
    if (seconds < 3600) return this.relative.format(-Math.floor(seconds / 60), "minute");
    return this.relative.format(-Math.floor(seconds / 3600), "hour");
  }
}

/**
 * Write every `time[data-liveblog-time]` in `scope`: the clock time as its
 * text, the full date in its title, and for an update's own time link how
 * long ago beside the link (the link keeps the absolute time as its name).
 */
export function refreshTimes(scope, format, now = Date.now()) {
  writeTimes(scope.querySelectorAll("time[data-liveblog-time]"), format, now);
}

/**
 * The same for the whole page, a slice at a time (yielding to the browser
 * between slices, so that no task grows long on a slow phone): those in
 * view first.
 */
export async function refreshAllTimes(scope, format, slice = 10) {
  const nodes = [...scope.querySelectorAll("time[data-liveblog-time]")];
  const now = Date.now();
  for (let at = 0; at < nodes.length; at += slice) {
    writeTimes(nodes.slice(at, at + slice), format, now);
    if (at + slice < nodes.length) await yieldToBrowser();
  }
}

const yieldToBrowser = () =>
  globalThis.scheduler && globalThis.scheduler.yield
    ? globalThis.scheduler.yield()
    : new Promise((resolve) => setTimeout(resolve, 0));

function writeTimes(nodes, format, now) {
  for (const node of nodes) {
    const date = new Date(node.getAttribute("datetime"));
    if (Number.isNaN(date.getTime())) continue;
    node.title = format.full(date);
    const text = format.clock(date, now);
    if (node.textContent !== text) node.textContent = text;
    if (!node.classList.contains("liveblog-update__time")) continue;
    const holder = node.closest("a") || node;
    let beside = holder.nextElementSibling;
    if (!beside || !beside.hasAttribute("data-liveblog-ago")) {
      beside = node.ownerDocument.createElement("span");
      beside.className = "liveblog-update__ago";
      beside.setAttribute("data-liveblog-ago", "");
      holder.after(beside);
    }
    const ago = format.ago(date, now);
    if (beside.textContent !== ago) beside.textContent = ago;
    beside.hidden = !ago;
  }
}
