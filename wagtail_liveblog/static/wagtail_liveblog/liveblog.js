/* wagtail-liveblog reader script: progressive enhancement of the
   server-rendered page. No framework, no build step.

   - polls `<page url>poll/?since=<version>` at the server's interval (with
     jitter), slower while the tab is hidden, backing off on errors, and
     stops once the blog has ended;
   - inserts new updates at once when the reader is at the top, otherwise
     offers a "N new updates" button (also in the tab title and announced
     politely to screen readers);
   - replaces edited updates in place, removes deleted ones, keeps the pinned
     and key-events sections current;
   - shows relative times on `time[data-liveblog-time]`;
   - makes "Load more updates" append in place. */
(function () {
  "use strict";

  const root = document.querySelector("[data-liveblog]");
  const configNode = document.getElementById("liveblog-config");
  if (!root || !configNode) return;
  const config = JSON.parse(configNode.textContent);
  const lang = document.documentElement.lang || navigator.language || "en";
  const label = (name, fallback) => root.getAttribute("data-label-" + name) || fallback;
  const reducedMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  const isLatestWindow = root.getAttribute("data-latest") !== "false";
  const MAX_BACKOFF = 5 * 60 * 1000;
  const HIDDEN_FACTOR = 4;

  root.classList.add("liveblog--enhanced");

  const list = () => root.querySelector("[data-liveblog-list]");
  const byId = (id) => document.getElementById(id);

  /* ---- relative times ------------------------------------------------ */

  const relative = window.Intl && Intl.RelativeTimeFormat
    ? new Intl.RelativeTimeFormat(lang, { numeric: "auto", style: "short" })
    : null;
  const absolute = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });

  function describe(date, now) {
    const seconds = Math.round((now - date) / 1000);
    if (!relative || seconds < -60 || seconds >= 12 * 3600) return absolute.format(date);
    if (seconds < 60) return relative.format(0, "second");
    if (seconds < 3600) return relative.format(-Math.floor(seconds / 60), "minute");
    return relative.format(-Math.floor(seconds / 3600), "hour");
  }

  function refreshTimes(scope) {
    const now = Date.now();
    (scope || document).querySelectorAll("time[data-liveblog-time]").forEach((node) => {
      const date = new Date(node.getAttribute("datetime"));
      if (isNaN(date)) return;
      if (!node.title) node.title = absolute.format(date);
      node.textContent = describe(date, now);
    });
  }

  /* ---- announcements, title, button ---------------------------------- */

  const announcer = root.querySelector("[data-liveblog-announcer]");
  const newButton = root.querySelector("[data-liveblog-new-button]");
  const baseTitle = document.title;
  const plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;

  function countLabel(count) {
    const form = plural ? plural.select(count) : count === 1 ? "one" : "other";
    const one = label("new-one", "{count} new update");
    const other = label("new-other", "{count} new updates");
    return (form === "one" ? one : other).replace("{count}", String(count));
  }

  function announce(text) {
    if (!announcer) return;
    /* Clear first so that the same words are announced again. */
    announcer.textContent = "";
    window.setTimeout(() => { announcer.textContent = text; }, 50);
  }

  /* ---- building and placing updates ---------------------------------- */

  function sortKey(node) {
    const time = node.querySelector("time");
    const posted = node.getAttribute("data-posted-at") || (time && time.getAttribute("datetime"));
    return [Date.parse(posted), node.getAttribute("data-update-id")];
  }

  /* True when update a should come before (is newer than) b. */
  function newer(a, b) {
    return a[0] !== b[0] ? a[0] > b[0] : a[1] > b[1];
  }

  function fillArticle(article, item, prefix) {
    article.id = prefix + "update-" + item.id;
    article.classList.add("liveblog-update");
    article.classList.toggle("liveblog-update--pinned", !!item.pinned);
    article.classList.toggle("liveblog-update--key-event", !!item.key_event);
    article.setAttribute("data-update-id", item.id);
    article.setAttribute("data-posted-at", item.posted_at);
    article.innerHTML = item.html;
    refreshTimes(article);
    return article;
  }

  function articles(container) {
    return Array.prototype.filter.call(container.children, (n) => n.hasAttribute("data-update-id"));
  }

  /* Insert in order, newest first. Returns false when the update belongs
     after the last one shown and older ones are still to load. */
  function insertSorted(container, article, allowAtEnd) {
    const key = sortKey(article);
    const next = articles(container).find((node) => node !== article && newer(key, sortKey(node)));
    if (next) container.insertBefore(article, next);
    else if (allowAtEnd) container.appendChild(article);
    else return false;
    return true;
  }

  function hasOlderToLoad() {
    return !!root.querySelector("[data-liveblog-more] a[data-fragment-url]");
  }

  /* Run a DOM change without moving what the reader is looking at: find the
     first update at least partly in view and keep it where it was. */
  function keepScroll(change, leaving) {
    const anchor = Array.prototype.find.call(
      root.querySelectorAll("[data-liveblog-list] > [data-update-id]"),
      (node) => !leaving.has(node.getAttribute("data-update-id")) &&
        node.getBoundingClientRect().bottom > 0
    );
    const before = anchor ? anchor.getBoundingClientRect().top : 0;
    change();
    if (anchor && anchor.isConnected) {
      const shift = anchor.getBoundingClientRect().top - before;
      if (shift) window.scrollBy(0, shift);
    }
  }

  function readerAtTop() {
    const container = list();
    return !!container && container.getBoundingClientRect().top >= -8;
  }

  function markNew(article) {
    if (reducedMotion.matches) return;
    article.classList.add("liveblog-update--new");
    article.addEventListener("animationend", () => article.classList.remove("liveblog-update--new"), { once: true });
  }

  /* ---- pinned and key events ----------------------------------------- */

  function ensureSection(selector, build) {
    return root.querySelector(selector) || build();
  }

  function buildPinned() {
    const section = document.createElement("section");
    section.className = "liveblog__pinned";
    section.setAttribute("aria-labelledby", "liveblog-pinned-heading");
    section.setAttribute("data-liveblog-pinned", "");
    const heading = document.createElement("h2");
    heading.id = "liveblog-pinned-heading";
    heading.className = "liveblog__section-heading";
    heading.textContent = label("pinned", "Pinned");
    section.appendChild(heading);
    const updates = root.querySelector(".liveblog__updates");
    updates.parentNode.insertBefore(section, updates);
    return section;
  }

  function buildKeyEvents() {
    const nav = document.createElement("nav");
    nav.className = "liveblog__key-events";
    nav.setAttribute("aria-labelledby", "liveblog-key-events-heading");
    nav.setAttribute("data-liveblog-key-events", "");
    nav.innerHTML = '<h2 id="liveblog-key-events-heading" class="liveblog__section-heading"></h2>' +
      '<ol class="liveblog__key-events-list"></ol>';
    nav.firstChild.textContent = label("key-events", "Key events");
    const layout = root.querySelector(".liveblog__layout");
    layout.insertBefore(nav, layout.firstChild); /* before the updates, as the server renders it */
    return nav;
  }

  function syncPinned(item) {
    const copy = byId("pinned-update-" + item.id);
    if (!item.pinned) {
      if (copy) removeNode(copy, "[data-liveblog-pinned]");
      return;
    }
    if (!isLatestWindow) return; /* the server shows pinned updates on the latest window only */
    const section = ensureSection("[data-liveblog-pinned]", buildPinned);
    const article = fillArticle(copy || document.createElement("article"), item, "pinned-");
    if (!copy) insertSorted(section, article, true);
  }

  function syncKeyEvent(item) {
    const nav = root.querySelector("[data-liveblog-key-events]");
    let entry = nav && nav.querySelector('li[data-update-id="' + item.id + '"]');
    if (!item.key_event) {
      if (entry) removeNode(entry, "[data-liveblog-key-events]");
      return;
    }
    const listNode = ensureSection("[data-liveblog-key-events]", buildKeyEvents).querySelector("ol");
    if (!entry) entry = document.createElement("li");
    entry.setAttribute("data-update-id", item.id);
    entry.setAttribute("data-posted-at", item.posted_at);
    entry.innerHTML = '<a><time data-liveblog-time></time> <span></span></a>';
    const link = entry.firstChild;
    link.href = "?update=" + item.id + "#update-" + item.id;
    link.querySelector("time").setAttribute("datetime", item.posted_at);
    link.querySelector("span").textContent = item.headline || label("untitled", "Update");
    insertSorted(listNode, entry, true);
    refreshTimes(entry);
  }

  /* Remove a node; drop its section too when it was the last one in it. */
  function removeNode(node, sectionSelector) {
    const section = node.closest(sectionSelector);
    node.remove();
    if (section && !section.querySelector("[data-update-id]")) section.remove();
  }

  /* ---- applying a poll response -------------------------------------- */

  const pending = new Map();

  function showPending() {
    const count = pending.size;
    document.title = count ? "(" + count + ") " + baseTitle : baseTitle;
    if (!newButton) return;
    newButton.hidden = count === 0;
    if (count) newButton.textContent = countLabel(count);
  }

  function placeNew(items) {
    const container = list();
    const empty = root.querySelector("[data-liveblog-empty]");
    if (empty) empty.remove();
    let newest = null;
    items
      .sort((a, b) => (Date.parse(a.posted_at) - Date.parse(b.posted_at)) || (a.id < b.id ? -1 : 1))
      .forEach((item) => {
        const article = fillArticle(document.createElement("article"), item, "");
        insertSorted(container, article, true);
        markNew(article);
        newest = article;
      });
    return newest;
  }

  function revealPending() {
    if (!isLatestWindow) {
      window.location.href = config.pageUrl;
      return;
    }
    const items = Array.from(pending.values());
    pending.clear();
    showPending();
    const newest = placeNew(items);
    if (!newest) return;
    newest.setAttribute("tabindex", "-1");
    newest.focus({ preventScroll: true });
    newest.scrollIntoView({ behavior: reducedMotion.matches ? "auto" : "smooth", block: "start" });
  }

  function topKey() {
    const first = articles(list())[0];
    return first ? sortKey(first) : null;
  }

  function apply(payload) {
    const container = list();
    const fresh = [];
    keepScroll(() => {
      (payload.deleted || []).forEach((id) => {
        pending.delete(id);
        [byId("update-" + id), byId("pinned-update-" + id)].forEach((node) => {
          if (node) removeNode(node, "[data-liveblog-pinned]");
        });
        const entry = root.querySelector('[data-liveblog-key-events] li[data-update-id="' + id + '"]');
        if (entry) removeNode(entry, "[data-liveblog-key-events]");
      });
      const top = topKey();
      (payload.items || []).forEach((item) => {
        syncPinned(item);
        syncKeyEvent(item);
        const shown = byId("update-" + item.id);
        if (shown) {
          /* The server writes "+00:00", the poll "Z": compare instants, not text. */
          const moved = Date.parse(shown.getAttribute("data-posted-at")) !== Date.parse(item.posted_at);
          fillArticle(shown, item, "");
          if (moved && !insertSorted(container, shown, !hasOlderToLoad())) shown.remove();
        } else if (pending.has(item.id) || !top || newer([Date.parse(item.posted_at), item.id], top)) {
          if (pending.has(item.id)) pending.set(item.id, item);
          else fresh.push(item);
        } else if (isLatestWindow || !hasOlderToLoad()) {
          /* An update back-dated into the middle of what is shown. */
          const article = fillArticle(document.createElement("article"), item, "");
          insertSorted(container, article, !hasOlderToLoad());
        }
      });
    }, new Set(payload.deleted || []));
    if (!fresh.length) {
      showPending();
      return;
    }
    if (isLatestWindow && !pending.size && readerAtTop()) {
      /* Keep the top of the list where it is, so the new updates show there
         (rather than the browser's scroll anchoring pushing them out of view). */
      const before = list().getBoundingClientRect().top;
      placeNew(fresh);
      const shift = list().getBoundingClientRect().top - before;
      if (shift) window.scrollBy(0, shift);
      announce(countLabel(fresh.length));
    } else {
      fresh.forEach((item) => pending.set(item.id, item));
      showPending();
      announce(countLabel(pending.size));
    }
  }

  function setStatus(status) {
    root.setAttribute("data-status", status);
    const badge = root.querySelector(".liveblog-badge--live, .liveblog-badge--ended, .liveblog-badge--upcoming");
    if (!badge) return;
    badge.className = "liveblog-badge liveblog-badge--" + status;
    badge.textContent = label(status, status);
  }

  /* ---- polling ------------------------------------------------------- */

  let version = config.version;
  let interval = Math.max(1, Number(config.pollInterval) || 10) * 1000;
  let status = config.status;
  let etag = null;
  let failures = 0;
  let timer = null;
  let busy = false;
  let stopped = false;
  let resetWaiting = false;

  function delay() {
    let base = interval;
    if (failures) base = Math.min(interval * Math.pow(2, failures), MAX_BACKOFF);
    else if (document.hidden) base = interval * HIDDEN_FACTOR;
    return base * (0.8 + Math.random() * 0.4);
  }

  function schedule(ms) {
    window.clearTimeout(timer);
    if (!stopped) timer = window.setTimeout(poll, ms === undefined ? delay() : ms);
  }

  function stop() {
    stopped = true;
    window.clearTimeout(timer);
  }

  function reset() {
    if (isLatestWindow && readerAtTop() && !pending.size) {
      window.location.reload();
      return;
    }
    /* Too much changed to patch in place: the button reloads the page. */
    stop();
    resetWaiting = true;
    if (newButton) {
      newButton.textContent = label("reload", "Show the latest updates");
      newButton.hidden = false;
    }
    announce(newButton ? newButton.textContent : "");
  }

  async function poll() {
    if (busy || stopped) return;
    busy = true;
    try {
      const url = new URL(config.pollUrl, window.location.href);
      url.searchParams.set("since", String(version));
      const headers = { Accept: "application/json" };
      if (etag) headers["If-None-Match"] = etag;
      const response = await fetch(url, { headers: headers, credentials: "same-origin" });
      if (response.status === 304) {
        failures = 0;
        return;
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      const payload = await response.json();
      const meta = payload.meta || {};
      failures = 0;
      if (Number(meta.poll_interval) > 0) interval = Number(meta.poll_interval) * 1000;
      if (meta.reset) {
        reset();
        return;
      }
      apply(payload);
      etag = version === meta.version ? response.headers.get("ETag") : null;
      version = meta.version;
      if (meta.status && meta.status !== status) {
        status = meta.status;
        setStatus(status);
      }
      if (status === "ended") stop();
    } catch (error) {
      failures += 1;
    } finally {
      busy = false;
      schedule();
    }
  }

  /* ---- load more ----------------------------------------------------- */

  function enhanceLoadMore(nav) {
    const link = nav && nav.querySelector("a[data-fragment-url]");
    if (!link) return;
    link.addEventListener("click", async (event) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      if (link.getAttribute("aria-busy") === "true") return;
      link.setAttribute("aria-busy", "true");
      try {
        const response = await fetch(link.getAttribute("data-fragment-url"), {
          headers: { Accept: "text/html" }, credentials: "same-origin",
        });
        if (!response.ok) throw new Error("HTTP " + response.status);
        const holder = document.createElement("div");
        holder.innerHTML = await response.text();
        const incoming = holder.querySelector("[data-liveblog-list]");
        let first = null;
        articles(incoming).forEach((article) => {
          if (byId(article.id)) return; /* already shown */
          list().appendChild(article);
          refreshTimes(article);
          if (!first) first = article;
        });
        const newNav = holder.querySelector("[data-liveblog-more]");
        nav.replaceWith(newNav);
        enhanceLoadMore(newNav);
        /* Move focus to the first newly shown update so keyboard and
           screen-reader users carry on reading where the list grew. */
        const target = first || newNav.querySelector("a, p");
        if (target) {
          target.setAttribute("tabindex", "-1");
          target.focus({ preventScroll: true });
          target.scrollIntoView({ behavior: reducedMotion.matches ? "auto" : "smooth", block: "nearest" });
        }
        document.dispatchEvent(new CustomEvent("liveblog:loaded", { detail: { count: articles(incoming).length } }));
      } catch (error) {
        link.removeAttribute("aria-busy");
        window.location.href = link.href; /* fall back to the no-JS page */
      }
    });
  }

  /* ---- start --------------------------------------------------------- */

  enhanceLoadMore(root.querySelector("[data-liveblog-more]"));
  refreshTimes();
  window.setInterval(() => refreshTimes(), 60 * 1000);

  if (newButton) {
    newButton.addEventListener("click", () => {
      if (resetWaiting) window.location.reload();
      else revealPending();
    });
  }

  /* A reader who scrolls back up to the top gets the waiting updates. */
  let scrollQueued = false;
  window.addEventListener("scroll", () => {
    if (scrollQueued || !pending.size || !isLatestWindow) return;
    scrollQueued = true;
    window.requestAnimationFrame(() => {
      scrollQueued = false;
      if (pending.size && readerAtTop()) {
        const items = Array.from(pending.values());
        pending.clear();
        showPending();
        placeNew(items);
      }
    });
  }, { passive: true });

  if (status !== "ended") {
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && !stopped) schedule(0);
    });
    window.addEventListener("online", () => { if (!stopped) schedule(0); });
    schedule();
  }
})();
