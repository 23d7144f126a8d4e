/* wagtail-liveblog reader script: progressive enhancement of the
   server-rendered page. No framework, no build step.

   - polls `<page url>poll/?since=<version>` at the server's interval (with
     jitter), slower while the tab is hidden, backing off on errors, and
     stops once the blog has ended;
   - follows the page's view: the latest updates (new ones at once at the
     top, or behind a "N new updates" button placed next in the keyboard
     order), the key events only (new key events arrive, other updates do
     not), or oldest first (new updates wait at the end);
   - replaces edited updates in place, removes deleted ones, keeps the
     pinned, key-events and key-points sections current, and announces new,
     edited and removed updates politely, once each;
   - shows each update's time in the reader's time zone, with how long ago
     beside it; a share button per update (the browser's share sheet, or
     copying the link);
   - key-event links scroll to updates already on the page instead of
     loading it again; the key-events list is a disclosure, closed on
     phones and open on wide screens;
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
  const wide = window.matchMedia("(min-width: 60rem)");
  const isLatestWindow = root.getAttribute("data-latest") !== "false";
  const oldestFirst = config.order === "oldest";
  const keyEventsOnly = config.filter === "key-events";
  /* Pinned updates head the latest updates only (as the server renders). */
  const showsPinned = isLatestWindow && !keyEventsOnly && !oldestFirst;
  const MAX_BACKOFF = 5 * 60 * 1000;
  const HIDDEN_FACTOR = 4;

  root.classList.add("liveblog--enhanced");

  const list = () => root.querySelector("[data-liveblog-list]");
  const byId = (id) => document.getElementById(id);
  const scrollBehavior = () => (reducedMotion.matches ? "auto" : "smooth");

  /* ---- times ---------------------------------------------------------- */

  const relative = window.Intl && Intl.RelativeTimeFormat
    ? new Intl.RelativeTimeFormat(lang, { numeric: "auto", style: "short" })
    : null;
  const full = new Intl.DateTimeFormat(lang, { dateStyle: "full", timeStyle: "short" });
  const clock = new Intl.DateTimeFormat(lang, { hour: "numeric", minute: "2-digit" });
  const dayClock = new Intl.DateTimeFormat(lang, { day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });
  const yearClock = new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short" });

  /* The clock time, with the day when it is not today. */
  function clockText(date, now) {
    const today = new Date(now);
    if (date.toDateString() === today.toDateString()) return clock.format(date);
    return (date.getFullYear() === today.getFullYear() ? dayClock : yearClock).format(date);
  }

  /* "5 min. ago" for the last twelve hours, else nothing. */
  function ago(date, now) {
    const seconds = Math.round((now - date) / 1000);
    if (!relative || seconds < -60 || seconds >= 12 * 3600) return "";
    if (seconds < 60) return relative.format(0, "second");
    if (seconds < 3600) return relative.format(-Math.floor(seconds / 60), "minute");
    return relative.format(-Math.floor(seconds / 3600), "hour");
  }

  function refreshTimes(scope) {
    const now = Date.now();
    (scope || root).querySelectorAll("time[data-liveblog-time]").forEach((node) => {
      const date = new Date(node.getAttribute("datetime"));
      if (isNaN(date)) return;
      node.title = full.format(date);
      node.textContent = clockText(date, now);
      if (!node.classList.contains("liveblog-update__time")) return;
      /* The link keeps the clock time as its name; "1 hr ago" goes beside it. */
      const holder = node.closest("a") || node;
      let beside = holder.nextElementSibling;
      if (!beside || !beside.hasAttribute("data-liveblog-ago")) {
        beside = document.createElement("span");
        beside.className = "liveblog-update__ago";
        beside.setAttribute("data-liveblog-ago", "");
        holder.after(beside);
      }
      beside.textContent = ago(date, now);
      beside.hidden = !beside.textContent;
    });
  }

  /* ---- announcements, title, button ---------------------------------- */

  const announcer = root.querySelector("[data-liveblog-announcer]");
  const newButton = root.querySelector("[data-liveblog-new-button]");
  const newBar = root.querySelector("[data-liveblog-new-bar]");
  const barHome = newBar && document.createComment("liveblog-new-bar");
  if (newBar) newBar.before(barHome);
  const baseTitle = document.title;
  const plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(lang) : null;

  function counted(name, count, fallback) {
    const form = plural ? plural.select(count) : count === 1 ? "one" : "other";
    const text = label(name + (form === "one" ? "-one" : "-other"), fallback);
    return text.replace("{count}", String(count));
  }
  const countLabel = (count) => counted("new", count, "{count} new updates");

  function announce(text) {
    if (!announcer || !text) return;
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

  const itemKey = (item) => [Date.parse(item.posted_at), item.id];

  /* True when update a is newer than b. */
  function newer(a, b) {
    return a[0] !== b[0] ? a[0] > b[0] : a[1] > b[1];
  }

  /* True when a comes before b in the list of updates. */
  const listFirst = (a, b) => (oldestFirst ? newer(b, a) : newer(a, b));

  function enhance(scope) {
    refreshTimes(scope);
    scope.querySelectorAll("[data-liveblog-share]").forEach((button) => { button.hidden = false; });
  }

  function fillArticle(article, item, prefix) {
    article.id = prefix + "update-" + item.id;
    article.classList.add("liveblog-update");
    article.classList.toggle("liveblog-update--pinned", !!item.pinned);
    article.classList.toggle("liveblog-update--key-event", !!item.key_event);
    article.setAttribute("data-update-id", item.id);
    article.setAttribute("data-posted-at", item.posted_at);
    article.setAttribute("data-updated-at", item.updated_at || "");
    article.innerHTML = item.html;
    enhance(article);
    return article;
  }

  function articles(container) {
    return Array.prototype.filter.call(container.children, (n) => n.hasAttribute("data-update-id"));
  }

  /* Insert in order (the list's order, or newest first). Returns false when
     the update belongs after the last one shown and more are still to load. */
  function insertSorted(container, node, allowAtEnd, before) {
    const first = before || newer;
    const key = sortKey(node);
    const next = articles(container).find((other) => other !== node && first(key, sortKey(other)));
    if (next) container.insertBefore(node, next);
    else if (allowAtEnd) container.appendChild(node);
    else return false;
    return true;
  }

  function hasMoreToLoad() {
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

  /* Whether the poll's item is a content edit of what the node shows. */
  function edits(node, item) {
    if (!node) return false;
    const shown = node.getAttribute("data-updated-at");
    return (shown ? Date.parse(shown) : 0) !== (item.updated_at ? Date.parse(item.updated_at) : 0);
  }

  /* ---- key points, pinned and key events ------------------------------ */

  const normalise = (html) => {
    const holder = document.createElement("template");
    holder.innerHTML = html;
    return holder.innerHTML;
  };

  /* Returns true when the key points changed. */
  function syncSummary(html) {
    let section = root.querySelector("[data-liveblog-summary]");
    if (!html) {
      if (section) section.remove();
      return !!section;
    }
    if (section && section.querySelector("[data-liveblog-summary-body]").innerHTML === normalise(html)) return false;
    if (!section) {
      section = document.createElement("section");
      section.className = "liveblog__summary";
      section.setAttribute("aria-labelledby", "liveblog-summary-heading");
      section.setAttribute("data-liveblog-summary", "");
      section.innerHTML = '<h2 id="liveblog-summary-heading" class="liveblog__section-heading"></h2>' +
        '<div class="liveblog__summary-body" data-liveblog-summary-body></div>';
      section.firstChild.textContent = label("summary-heading", "Key points");
      const after = root.querySelector(".liveblog__notice") || root.querySelector(".liveblog__header");
      after.after(section);
    }
    section.querySelector("[data-liveblog-summary-body]").innerHTML = html;
    return true;
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
    nav.innerHTML = '<details class="liveblog__key-events-details" data-liveblog-disclosure>' +
      '<summary class="liveblog__key-events-toggle"><h2 id="liveblog-key-events-heading" class="liveblog__section-heading"></h2></summary>' +
      '<ol class="liveblog__key-events-list"></ol></details>';
    nav.querySelector("h2").textContent = label("key-events", "Key events");
    nav.firstChild.open = wide.matches;
    const layout = root.querySelector(".liveblog__layout");
    layout.insertBefore(nav, layout.firstChild); /* before the updates, as the server renders it */
    return nav;
  }

  /* Keep at most `limit` entries (the newest) in a section. */
  function trim(container, limit) {
    const entries = articles(container);
    entries.slice(Math.max(0, limit)).forEach((node) => node.remove());
    return entries.length > limit;
  }

  function syncPinned(item) {
    const copy = byId("pinned-update-" + item.id);
    if (!item.pinned) {
      if (copy) removeNode(copy, "[data-liveblog-pinned]");
      return;
    }
    if (!showsPinned) return;
    const section = root.querySelector("[data-liveblog-pinned]") || buildPinned();
    const article = fillArticle(copy || document.createElement("article"), item, "pinned-");
    if (!copy) insertSorted(section, article, true);
    trim(section, Number(config.maxPinned) || 3);
  }

  function syncKeyEvent(item) {
    if (keyEventsOnly) return; /* this view lists them in the updates' place */
    const nav = root.querySelector("[data-liveblog-key-events]");
    let entry = nav && nav.querySelector('li[data-update-id="' + item.id + '"]');
    if (!item.key_event) {
      if (entry) removeNode(entry, "[data-liveblog-key-events]");
      return;
    }
    const listNode = (nav || buildKeyEvents()).querySelector("ol");
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
    if (trim(listNode, Number(config.keyEventsShown) || 5) && !listNode.parentNode.querySelector("[data-liveblog-all-key-events]")) {
      const more = document.createElement("p");
      more.className = "liveblog__all-key-events";
      more.setAttribute("data-liveblog-all-key-events", "");
      more.innerHTML = "<a></a>";
      more.firstChild.href = config.keyEventsUrl;
      more.firstChild.textContent = label("all-key-events", "All key events");
      listNode.after(more);
    }
  }

  /* Remove a node; drop its section too when it was the last one in it. */
  function removeNode(node, sectionSelector) {
    const section = node.closest(sectionSelector);
    node.remove();
    if (section && !section.querySelector("[data-update-id]")) section.remove();
  }

  /* ---- the "N new updates" button ------------------------------------- */

  const pending = new Map();

  /* Where the reader last clicked or tapped: Tab carries on from there. */
  let touched = null;
  root.addEventListener("pointerdown", (event) => { touched = event.target; });

  /* Put the waiting button next in the keyboard order: right after the
     update being read (the one holding focus, or last clicked), or the
     control that has focus. It floats at the top of the window wherever it
     sits in the page. Otherwise it stays first in the updates' column. */
  function placeBar() {
    if (!newBar || newBar.contains(document.activeElement)) return;
    const focused = root.contains(document.activeElement) && document.activeElement !== root
      ? document.activeElement : null;
    const from = focused || (touched && touched.isConnected && root.contains(touched) ? touched : null);
    let after = from && from.closest("article[data-update-id]");
    if (!after && focused && !focused.matches("section, [data-liveblog-list]")) after = focused;
    if (!after) return;
    newBar.classList.add("liveblog__new-bar--floating");
    after.after(newBar);
  }

  function homeBar() {
    if (!newBar || !newBar.classList.contains("liveblog__new-bar--floating")) return;
    newBar.classList.remove("liveblog__new-bar--floating");
    barHome.after(newBar);
  }

  function showPending() {
    const count = pending.size;
    document.title = count ? "(" + count + ") " + baseTitle : baseTitle;
    if (!newButton) return;
    newButton.hidden = count === 0;
    if (count) {
      newButton.textContent = countLabel(count);
      placeBar();
    } else {
      homeBar();
    }
  }

  function placeNew(items) {
    const container = list();
    const empty = root.querySelector("[data-liveblog-empty]");
    if (empty) empty.remove();
    let newest = null;
    items
      .sort((a, b) => (newer(itemKey(a), itemKey(b)) ? 1 : -1))
      .forEach((item) => {
        const article = fillArticle(document.createElement("article"), item, "");
        insertSorted(container, article, true, listFirst);
        markNew(article);
        if (!newest || newer(itemKey(item), sortKey(newest))) newest = article;
      });
    return newest;
  }

  function revealPending() {
    if (!isLatestWindow) {
      window.location.href = config.viewUrl || config.pageUrl;
      return;
    }
    const items = Array.from(pending.values());
    pending.clear();
    showPending();
    const newest = placeNew(items);
    if (!newest) return;
    newest.setAttribute("tabindex", "-1");
    newest.focus({ preventScroll: true });
    newest.scrollIntoView({ behavior: scrollBehavior(), block: "start" });
  }

  /* ---- applying a poll response -------------------------------------- */

  const inView = (item) => !keyEventsOnly || !!item.key_event;

  /* The newest update shown: where new ones would join the list. */
  function liveEdge() {
    const shown = articles(list());
    const edge = oldestFirst ? shown[shown.length - 1] : shown[0];
    return edge ? sortKey(edge) : null;
  }

  function apply(payload) {
    const container = list();
    const fresh = [];
    let appended = 0;
    const changed = new Set();
    const removed = new Set();
    keepScroll(() => {
      (payload.deleted || []).forEach((id) => {
        pending.delete(id);
        [byId("update-" + id), byId("pinned-update-" + id)].forEach((node) => {
          if (!node) return;
          removed.add(id);
          removeNode(node, "[data-liveblog-pinned]");
        });
        const entry = root.querySelector('[data-liveblog-key-events] li[data-update-id="' + safeId(id) + '"]');
        if (entry) removeNode(entry, "[data-liveblog-key-events]");
      });
      const edge = liveEdge();
      (payload.items || []).forEach((item) => {
        const shown = byId("update-" + item.id);
        if (edits(shown || byId("pinned-update-" + item.id), item)) changed.add(item.id);
        syncPinned(item);
        syncKeyEvent(item);
        if (shown && !inView(item)) {
          /* No longer a key event: it leaves the key-events view. */
          shown.remove();
          changed.delete(item.id);
          removed.add(item.id);
        } else if (shown) {
          /* The server writes "+00:00", the poll "Z": compare instants, not text. */
          const moved = Date.parse(shown.getAttribute("data-posted-at")) !== Date.parse(item.posted_at);
          fillArticle(shown, item, "");
          if (moved && !insertSorted(container, shown, !hasMoreToLoad(), listFirst)) shown.remove();
        } else if (!inView(item)) {
          pending.delete(item.id);
        } else if (pending.has(item.id)) {
          pending.set(item.id, item);
        } else if (!edge || newer(itemKey(item), edge)) {
          if (!oldestFirst) fresh.push(item);
          else if (!hasMoreToLoad()) {
            /* Oldest first: a new update waits at the end of the list. */
            appended += placeNew([item]) ? 1 : 0;
          }
        } else if (isLatestWindow || oldestFirst || !hasMoreToLoad()) {
          /* An update back-dated into the middle of what is shown. */
          const article = fillArticle(document.createElement("article"), item, "");
          insertSorted(container, article, !hasMoreToLoad(), listFirst);
        }
      });
    }, new Set(payload.deleted || []));

    const said = [];
    if (fresh.length && isLatestWindow && !pending.size && readerAtTop()) {
      /* Keep the top of the list where it is, so the new updates show there
         (rather than the browser's scroll anchoring pushing them out of view). */
      const before = list().getBoundingClientRect().top;
      placeNew(fresh);
      const shift = list().getBoundingClientRect().top - before;
      if (shift) window.scrollBy(0, shift);
      said.push(countLabel(fresh.length));
    } else if (fresh.length) {
      fresh.forEach((item) => pending.set(item.id, item));
      said.push(countLabel(pending.size));
    }
    if (appended) said.push(countLabel(appended));
    if (changed.size) said.push(counted("edited", changed.size, "{count} updates edited"));
    if (removed.size) said.push(counted("removed", removed.size, "{count} updates removed"));
    showPending();
    return said;
  }

  /* Ids from the poll are UUIDs; never put anything else into a selector. */
  function safeId(id) {
    return /^[0-9a-f-]+$/i.test(id) ? id : "";
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
      placeBar();
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
      const said = apply(payload);
      /* Sent when the blog changed; unchanged answers leave it out. */
      if (typeof meta.summary === "string" && syncSummary(meta.summary)) said.push(label("summary", "Key points updated"));
      announce(said.join(". "));
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
          enhance(article);
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
          target.scrollIntoView({ behavior: scrollBehavior(), block: "nearest" });
        }
        document.dispatchEvent(new CustomEvent("liveblog:loaded", { detail: { count: articles(incoming).length } }));
      } catch (error) {
        link.removeAttribute("aria-busy");
        window.location.href = link.href; /* fall back to the no-JS page */
      }
    });
  }

  /* ---- share --------------------------------------------------------- */

  function permalink(id) {
    const url = new URL(config.pageUrl, window.location.href);
    url.search = "?update=" + id;
    url.hash = "update-" + id;
    return url.href;
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (error) {
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "liveblog-visually-hidden";
      document.body.appendChild(area);
      area.select();
      let done = false;
      try { done = document.execCommand("copy"); } catch (ignored) { done = false; }
      area.remove();
      return done;
    }
  }

  async function share(button) {
    const article = button.closest("[data-update-id]");
    const url = permalink(article.getAttribute("data-update-id"));
    const title = button.getAttribute("data-title");
    if (navigator.share) {
      try {
        await navigator.share({ title: title ? title + " – " + baseTitle : baseTitle, url: url });
      } catch (error) { /* the reader closed the share sheet */ }
      return;
    }
    if (!(await copy(url))) {
      window.location.href = url; /* at least the address bar holds the link */
      return;
    }
    /* Said beside the button, whose name stays "Share …" (WCAG 2.5.3). */
    let note = button.nextElementSibling;
    if (!note || !note.hasAttribute("data-liveblog-copied")) {
      note = document.createElement("span");
      note.className = "liveblog-update__copied";
      note.setAttribute("data-liveblog-copied", "");
      button.after(note);
    }
    note.textContent = label("copied", "Link copied");
    announce(note.textContent);
    window.clearTimeout(note.timer);
    note.timer = window.setTimeout(() => note.remove(), 2500);
  }

  /* ---- in-page links to updates --------------------------------------- */

  /* A link to an update already on the page (a key event, an update's
     time) scrolls to it instead of loading the page again. */
  function jump(link, event) {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return false;
    const url = new URL(link.href, window.location.href);
    const id = url.searchParams.get("update");
    if (!id || url.pathname !== window.location.pathname || url.hash !== "#update-" + id) return false;
    const target = byId("update-" + id);
    if (!target || !target.closest("[data-liveblog-list]")) return false;
    const disclosure = link.closest("details");
    if (disclosure && !wide.matches) disclosure.open = false; /* before measuring */
    root.querySelectorAll(".liveblog-update--target").forEach((node) => node.classList.remove("liveblog-update--target"));
    target.classList.add("liveblog-update--target");
    window.history.pushState(null, "", url.href);
    target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
    target.scrollIntoView({ behavior: scrollBehavior(), block: "start" });
    return true;
  }

  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-liveblog-share]");
    if (button) {
      share(button);
      return;
    }
    const link = event.target.closest("a[href]");
    if (link && root.contains(link) && jump(link, event)) event.preventDefault();
  });

  /* ---- start --------------------------------------------------------- */

  function fitDisclosures() {
    root.querySelectorAll("[data-liveblog-disclosure]").forEach((node) => { node.open = wide.matches; });
  }
  fitDisclosures();
  wide.addEventListener("change", fitDisclosures);

  enhanceLoadMore(root.querySelector("[data-liveblog-more]"));
  enhance(root);
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
