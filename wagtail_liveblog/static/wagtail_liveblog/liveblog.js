/* wagtail-liveblog reader script: progressive enhancement of the
   server-rendered page, as native ES modules (no framework, no build step).

   This module wires the pieces together:
   - reader/timeline.js: what a change does to the page's sections (pure);
   - reader/live.js: hearing about changes (the event stream, or polling);
   - reader/sections.js: the sections in the DOM;
   - reader/notice.js: the "N new updates" button, the title count and the
     polite announcements;
   - reader/times.js, share.js, loadmore.js, teasers.js, links.js. */

import { Timeline, announcement } from "./reader/timeline.js";
import { LiveFeed } from "./reader/live.js";
import { Sections, articles } from "./reader/sections.js";
import { NewUpdates } from "./reader/notice.js";
import { TimeFormat, refreshAllTimes, refreshTimes, whenIntlReady } from "./reader/times.js";
import { share } from "./reader/share.js";
import { enhanceLoadMore } from "./reader/loadmore.js";
import { enhanceTeasers, expand, fit, teaser } from "./reader/teasers.js";
import { jump, targetOf, goTo } from "./reader/links.js";
import { focusOnce } from "./reader/focus.js";

const FALLBACK_WORDS = {
  new: "{count} new updates",
  edited: "{count} updates edited",
  removed: "{count} updates removed",
};

function start(root, config) {
  /* User Timing marks of the start-up, for measuring it (benchmarks/). */
  performance.mark("liveblog:start");
  const lang = document.documentElement.lang || navigator.language || "en";
  const label = (name, fallback) => root.getAttribute("data-label-" + name) || fallback;
  const plural = new Intl.PluralRules(lang);
  const counted = (name, count) => {
    const form = plural.select(count) === "one" ? "one" : "other";
    return label(name + "-" + form, FALLBACK_WORDS[name]).replace("{count}", String(count));
  };
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  const wide = window.matchMedia("(min-width: 60rem)");
  const behavior = () => (reducedMotion.matches ? "auto" : "smooth");
  const latest = root.getAttribute("data-latest") !== "false";
  const oldestFirst = config.order === "oldest";
  const keyEventsOnly = config.filter === "key-events";

  /* Times are written once the browser's date data is loaded (off the
     main thread; see reader/warm-intl.js); until then the server's show. */
  let format = null;
  const times = (scope) => {
    if (format) refreshTimes(scope, format);
  };
  const enhance = (scope) => {
    times(scope);
    scope.querySelectorAll("[data-liveblog-share]").forEach((button) => { button.hidden = false; });
  };
  const sections = new Sections(root, { label, enhance, keyEventsUrl: config.keyEventsUrl, wide });
  const timeline = new Timeline({
    oldestFirst,
    keyEventsOnly,
    latest,
    /* Pinned updates head the latest updates only (as the server renders). */
    showsPinned: latest && !keyEventsOnly && !oldestFirst,
    maxPinned: config.maxPinned,
    keyEventsShown: config.keyEventsShown,
    version: config.version,
  }, sections.read());
  const notice = new NewUpdates(root, { counted, label, reducedMotion, onReveal: reveal });
  const teaserOf = (holder) => {
    teaser(holder, label);
    fit(holder, label);
  };

  /* The reader sees the top of the list (or is above it). */
  function readerAtTop() {
    const list = sections.list();
    return !!list && list.getBoundingClientRect().top >= -8;
  }

  /* Change the DOM without moving what the reader is looking at. With the
     top of the list in view, that is the top of the list (new updates show
     there); further down, the first update in view. Above the list,
     nothing in view moves. */
  function keepScroll(change, leaving) {
    const list = sections.list();
    let anchor = null;
    if (list) {
      const top = list.getBoundingClientRect().top;
      if (top >= -8) {
        anchor = top < window.innerHeight ? list : null;
      } else {
        anchor = articles(list).find((node) =>
          !leaving.has(node.getAttribute("data-update-id")) && node.getBoundingClientRect().bottom > 0) || null;
      }
    }
    const before = anchor ? anchor.getBoundingClientRect().top : 0;
    change();
    if (anchor && anchor.isConnected) {
      const shift = anchor.getBoundingClientRect().top - before;
      if (shift) window.scrollBy(0, shift);
    }
  }

  function highlight(ids) {
    const shown = ids.map((id) => document.getElementById("update-" + id)).filter(Boolean);
    if (!reducedMotion.matches) {
      shown.forEach((article) => {
        article.classList.add("liveblog-update--new");
        article.addEventListener("animationend", () => article.classList.remove("liveblog-update--new"), { once: true });
      });
    }
    return shown;
  }

  function carryOut(plan) {
    const before = new Set(articles(sections.list()).map((n) => n.getAttribute("data-update-id")));
    const leaving = new Set(plan.list ? [...before].filter((id) => !plan.list.includes(id)) : []);
    keepScroll(() => {
      if (plan.list) sections.syncList(plan.list, plan.write, timeline.stubs());
      else sections.markStubs(timeline.stubs());
      if (plan.pinned) sections.syncPinned(plan.pinned, plan.pinnedWrite, teaserOf);
      if (plan.keyEvents) sections.syncKeyEvents(plan.keyEvents, plan.moreKeyEvents, times);
    }, leaving);
    notice.arrived(highlight(plan.arrived));
  }

  function onChange(payload) {
    const plan = timeline.apply(payload, { atTop: readerAtTop() });
    if (plan.reset) {
      reset();
      return;
    }
    if (plan.status && plan.status !== root.getAttribute("data-status")) sections.setStatus(plan.status);
    if (plan.stale) return;
    carryOut(plan);
    notice.setPending(plan.pending);
    const summaryChanged = plan.summary !== undefined && sections.syncSummary(plan.summary);
    if (plan.updatedAt) sections.setUpdated(plan.updatedAt, times);
    notice.announce(announcement(plan.said, counted, summaryChanged, label("summary", "Key points updated")));
  }

  /* The button (or scrolling back to the top) shows the waiting updates. */
  function reveal({ focus = true } = {}) {
    if (!latest) {
      window.location.href = config.viewUrl || config.pageUrl;
      return;
    }
    const plan = timeline.reveal();
    notice.setPending(0);
    if (!plan.list) return;
    keepScroll(() => sections.syncList(plan.list, plan.write, timeline.stubs()), new Set());
    const arrived = highlight(plan.arrived);
    const newest = document.getElementById("update-" + plan.newest);
    if (focus && newest) notice.focus(newest);
    else notice.arrived(arrived);
  }

  /* Too much changed to patch in place (`meta.reset`). */
  function reset() {
    if (latest && readerAtTop() && !timeline.pending.size) window.location.reload();
    else notice.reload();
  }

  /* -- start ------------------------------------------------------------ */

  const fitDisclosures = () => {
    root.querySelectorAll("[data-liveblog-disclosure]").forEach((node) => { node.open = wide.matches; });
  };
  fitDisclosures();
  wide.addEventListener("change", fitDisclosures);

  enhance(root);
  enhanceTeasers(root, label);
  enhanceLoadMore(root.querySelector("[data-liveblog-more]"), {
    list: () => sections.list(),
    reducedMotion,
    added(fresh, hasMore) {
      const entries = fresh.map((article) => {
        enhance(article);
        return {
          id: article.getAttribute("data-update-id"),
          key: [Date.parse(article.getAttribute("data-posted-at")), article.getAttribute("data-update-id")],
          updated: Date.parse(article.getAttribute("data-updated-at")) || 0,
          headline: "",
          postedAt: article.getAttribute("data-posted-at"),
        };
      });
      timeline.loaded(entries, hasMore);
      sections.markStubs(timeline.stubs());
    },
  });
  window.setInterval(() => times(root), 60 * 1000);
  whenIntlReady(lang, new URL("./reader/warm-intl.js", import.meta.url).href)
    .then(() => {
      format = new TimeFormat(lang);
      return refreshAllTimes(root, format);
    })
    .then(() => {
      /* The page is fully enhanced (tests wait for this). */
      root.classList.add("liveblog--enhanced");
    });

  /* The updates' section takes focus only from the skip link: a click on
     an update's text must leave Tab to carry on from there (item 11). */
  const updates = root.querySelector("#liveblog-updates");
  if (updates) updates.removeAttribute("tabindex");

  const openTarget = (target) => {
    const holder = target.closest("[data-liveblog-teaser]");
    if (holder) expand(holder, label);
  };
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-liveblog-share]");
    if (button) {
      share(button, {
        pageUrl: config.pageUrl,
        pageTitle: notice.baseTitle,
        copiedWords: label("copied", "Link copied"),
        say: (words) => notice.announce(words),
      });
      return;
    }
    const link = event.target.closest("a[href]");
    if (!link || !root.contains(link)) return;
    if (link.getAttribute("href") === "#liveblog-updates" && updates) {
      event.preventDefault();
      focusOnce(updates, { scroll: { behavior: behavior(), block: "start" } });
      return;
    }
    const handled = jump(root, link, event, {
      open: openTarget,
      behavior,
      beforeMeasure(from) {
        const disclosure = from.closest("details");
        if (disclosure && !wide.matches) disclosure.open = false;
      },
    });
    if (handled) event.preventDefault();
  });

  /* A link to a pinned update's place in the list lands on its stub: go
     to its pinned copy, opened. After the browser's own scroll to the
     fragment (on load), and on later fragment changes. */
  const followHash = () => {
    const hash = window.location.hash.match(/^#(pinned-)?update-([0-9a-f-]+)$/i);
    if (!hash) return;
    const target = targetOf(hash[2], { pinnedFirst: !!hash[1] });
    if (target && target.id.startsWith("pinned-")) {
      openTarget(target);
      goTo(root, target, "auto");
    }
  };
  if (document.readyState === "complete") followHash();
  else window.addEventListener("load", () => window.setTimeout(followHash, 0), { once: true });
  window.addEventListener("hashchange", followHash);

  /* A reader who scrolls back up to the top of the list gets the waiting
     updates. */
  let scrollQueued = false;
  window.addEventListener("scroll", () => {
    if (scrollQueued || !timeline.pending.size || !latest) return;
    scrollQueued = true;
    window.requestAnimationFrame(() => {
      scrollQueued = false;
      if (timeline.pending.size && readerAtTop()) reveal({ focus: false });
    });
  }, { passive: true });

  if (config.status === "ended") {
    performance.measure("liveblog:start-up", "liveblog:start");
    return;
  }
  const feed = new LiveFeed({
    pollUrl: config.pollUrl,
    eventsUrl: config.eventsUrl,
    version: config.version,
    status: config.status,
    interval: (Number(config.pollInterval) || 10) * 1000,
    baseUrl: window.location.href,
    onChange,
  }, {
    fetch: (url, options) => window.fetch(url, options),
    EventSource: window.EventSource,
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (id) => window.clearTimeout(id),
    random: Math.random,
    hidden: () => document.hidden,
  });
  document.addEventListener("visibilitychange", () => {
    if (!document.hidden) feed.wake();
  });
  window.addEventListener("online", () => feed.wake());
  feed.start();
  performance.measure("liveblog:start-up", "liveblog:start");
}

const root = document.querySelector("[data-liveblog]");
const configNode = document.getElementById("liveblog-config");
if (root && configNode) start(root, JSON.parse(configNode.textContent));
