/* The page's sections in the DOM: the updates list, Pinned, Key events,
   Key points, the badge and "Last updated". They read their starting
   state from the server's HTML and are brought in line with the plans of
   `timeline.js`, reusing each update's element (an edit changes it in
   place). */

import { entry } from "./timeline.js";

const byId = (id) => document.getElementById(id);

/** Ids from the server are UUIDs; never put anything else into a selector. */
export const safeId = (id) => (/^[0-9a-f-]+$/i.test(id) ? id : "");

function articles(container) {
  return container ? [...container.children].filter((n) => n.hasAttribute("data-update-id")) : [];
}

function entryOf(node, headlineSelector = "h3") {
  const headline = node.querySelector(headlineSelector);
  return entry({
    id: node.getAttribute("data-update-id"),
    posted_at: node.getAttribute("data-posted-at"),
    updated_at: node.getAttribute("data-updated-at"),
    headline: headline ? headline.textContent.trim() : "",
  });
}

/**
 * Make `container`'s children with `data-update-id` be `ids`, in order:
 * `nodeFor(id, existing)` gives each one's element (the existing one, or a
 * new one). Other children (a heading) stay first.
 */
function reconcile(container, ids, nodeFor) {
  const existing = new Map(articles(container).map((n) => [n.getAttribute("data-update-id"), n]));
  const wanted = new Set(ids);
  existing.forEach((node, id) => {
    if (!wanted.has(id)) node.remove();
  });
  let ref = articles(container)[0] || null;
  for (const id of ids) {
    const node = nodeFor(id, existing.get(id) || null);
    if (!node) continue; /* nothing to show for it (never expected) */
    if (node === ref) {
      ref = ref.nextElementSibling;
      while (ref && !ref.hasAttribute("data-update-id")) ref = ref.nextElementSibling;
    } else {
      container.insertBefore(node, ref);
    }
  }
}

export class Sections {
  constructor(root, { label, enhance, keyEventsUrl, wide }) {
    this.root = root;
    this.label = label;
    this.enhance = enhance;
    this.keyEventsUrl = keyEventsUrl;
    this.wide = wide;
  }

  list() {
    return this.root.querySelector("[data-liveblog-list]");
  }

  hasMore() {
    return !!this.root.querySelector("[data-liveblog-more] a[data-fragment-url]");
  }

  /** The timeline's starting state, from the server's HTML. */
  read() {
    const keyEvents = this.root.querySelector("[data-liveblog-key-events]");
    return {
      list: articles(this.list()).map((node) => entryOf(node)),
      pinned: [...this.root.querySelectorAll("[data-liveblog-pinned] [data-liveblog-teaser]")].map((node) => entryOf(node)),
      keyEvents: keyEvents ? [...keyEvents.querySelectorAll("li[data-update-id]")].map((li) => entryOf(li, "span")) : [],
      hasMore: this.hasMore(),
      moreKeyEvents: !!this.root.querySelector("[data-liveblog-all-key-events]"),
    };
  }

  /** Write an update's article from a change item. */
  fill(article, item, prefix) {
    article.id = prefix + "update-" + item.id;
    article.classList.add("liveblog-update");
    article.classList.toggle("liveblog-update--pinned", !!item.pinned);
    article.classList.toggle("liveblog-update--key-event", !!item.key_event);
    article.setAttribute("data-update-id", item.id);
    article.setAttribute("data-posted-at", item.posted_at);
    article.setAttribute("data-updated-at", item.updated_at || "");
    article.innerHTML = item.html;
    this.enhance(article);
    return article;
  }

  /** The list as the plan says: `ids` in order, `write` the items to
      (re)write, `stubs` the pinned ones shown as a stub. */
  syncList(ids, write, stubs) {
    const container = this.list();
    if (!container) return;
    if (ids.length) {
      const empty = this.root.querySelector("[data-liveblog-empty]");
      if (empty) empty.remove();
    }
    reconcile(container, ids, (id, node) => {
      const item = write.get(id);
      if (!item) return node;
      return this.fill(node || document.createElement("article"), item, "");
    });
    this.markStubs(stubs);
  }

  /** Pinned updates keep a stub in the list that leads up to them. */
  markStubs(stubs) {
    for (const article of articles(this.list())) {
      const id = article.getAttribute("data-update-id");
      const stub = stubs.has(id);
      article.classList.toggle("liveblog-update--stub", stub);
      let note = article.querySelector(":scope > [data-liveblog-stub-note]");
      if (stub && !note) {
        note = document.createElement("p");
        note.className = "liveblog-update__stub-note";
        note.setAttribute("data-liveblog-stub-note", "");
        const link = document.createElement("a");
        link.href = "#pinned-update-" + id;
        link.textContent = this.label("pinned-above", "Read it above, in Pinned");
        note.append(link);
        article.append(note);
      } else if (!stub && note) {
        note.remove();
      }
    }
  }

  syncPinned(ids, write, teaser) {
    let section = this.root.querySelector("[data-liveblog-pinned]");
    if (!ids.length) {
      if (section) section.remove();
      return;
    }
    if (!section) section = this.buildPinned();
    const written = [];
    reconcile(section, ids, (id, holder) => {
      const item = write.get(id);
      if (!item) return holder;
      if (!holder) {
        holder = document.createElement("div");
        holder.className = "liveblog-pinned";
        holder.setAttribute("data-liveblog-teaser", "");
        holder.append(document.createElement("article"));
      }
      holder.setAttribute("data-update-id", id);
      holder.setAttribute("data-posted-at", item.posted_at);
      holder.setAttribute("data-updated-at", item.updated_at || "");
      this.fill(holder.querySelector("article"), item, "pinned-");
      written.push(holder);
      return holder;
    });
    /* Measured in place: whether the update is long enough to fold. */
    written.forEach(teaser);
  }

  buildPinned() {
    const section = document.createElement("section");
    section.className = "liveblog__pinned";
    section.setAttribute("aria-labelledby", "liveblog-pinned-heading");
    section.setAttribute("data-liveblog-pinned", "");
    const heading = document.createElement("h2");
    heading.id = "liveblog-pinned-heading";
    heading.className = "liveblog__section-heading";
    heading.textContent = this.label("pinned", "Pinned");
    section.append(heading);
    const updates = this.root.querySelector(".liveblog__updates");
    updates.before(section);
    return section;
  }

  syncKeyEvents(entries, more, refreshTimes) {
    let nav = this.root.querySelector("[data-liveblog-key-events]");
    if (!entries.length) {
      if (nav) nav.remove();
      return;
    }
    if (!nav) nav = this.buildKeyEvents();
    const list = nav.querySelector("ol");
    const byEntry = new Map(entries.map((e) => [e.id, e]));
    reconcile(list, entries.map((e) => e.id), (id, li) => {
      const e = byEntry.get(id);
      const span = li && li.querySelector("span");
      if (li && span && span.textContent === (e.headline || this.label("untitled", "Update")) &&
          li.getAttribute("data-posted-at") === e.postedAt) return li;
      li = li || document.createElement("li");
      li.setAttribute("data-update-id", id);
      li.setAttribute("data-posted-at", e.postedAt);
      li.innerHTML = '<a><time data-liveblog-time></time> <span></span></a>';
      const link = li.firstChild;
      link.href = "?update=" + id + "#update-" + id;
      link.querySelector("time").setAttribute("datetime", e.postedAt);
      link.querySelector("span").textContent = e.headline || this.label("untitled", "Update");
      refreshTimes(li);
      return li;
    });
    if (more && !nav.querySelector("[data-liveblog-all-key-events]")) {
      const all = document.createElement("p");
      all.className = "liveblog__all-key-events";
      all.setAttribute("data-liveblog-all-key-events", "");
      const link = document.createElement("a");
      link.href = this.keyEventsUrl;
      link.textContent = this.label("all-key-events", "All key events");
      all.append(link);
      list.after(all);
    }
  }

  buildKeyEvents() {
    const nav = document.createElement("nav");
    nav.className = "liveblog__key-events";
    nav.setAttribute("aria-labelledby", "liveblog-key-events-heading");
    nav.setAttribute("data-liveblog-key-events", "");
    nav.innerHTML = '<details class="liveblog__key-events-details" data-liveblog-disclosure>' +
      '<summary class="liveblog__key-events-toggle"><h2 id="liveblog-key-events-heading" class="liveblog__section-heading"></h2></summary>' +
      '<ol class="liveblog__key-events-list"></ol></details>';
    nav.querySelector("h2").textContent = this.label("key-events", "Key events");
    nav.firstChild.open = this.wide.matches;
    let bar = this.root.querySelector("[data-liveblog-bar]");
    if (!bar) {
      bar = document.createElement("div");
      bar.className = "liveblog__bar";
      bar.setAttribute("data-liveblog-bar", "");
      this.root.querySelector(".liveblog__layout").prepend(bar);
    }
    bar.prepend(nav); /* first in the row, as the server renders it */
    return nav;
  }

  /** Replace the key points when they differ; true when they changed. */
  syncSummary(html) {
    let section = this.root.querySelector("[data-liveblog-summary]");
    if (!html) {
      if (section) section.remove();
      return !!section;
    }
    const normal = document.createElement("template");
    normal.innerHTML = html;
    if (section && section.querySelector("[data-liveblog-summary-body]").innerHTML === normal.innerHTML) return false;
    if (!section) {
      section = document.createElement("section");
      section.className = "liveblog__summary";
      section.setAttribute("aria-labelledby", "liveblog-summary-heading");
      section.setAttribute("data-liveblog-summary", "");
      section.innerHTML = '<h2 id="liveblog-summary-heading" class="liveblog__section-heading"></h2>' +
        '<div class="liveblog__summary-body" data-liveblog-summary-body></div>';
      section.firstChild.textContent = this.label("summary-heading", "Key points");
      const after = this.root.querySelector(".liveblog__notice") || this.root.querySelector(".liveblog__header");
      after.after(section);
    }
    section.querySelector("[data-liveblog-summary-body]").innerHTML = html;
    return true;
  }

  setStatus(status) {
    this.root.setAttribute("data-status", status);
    const badge = this.root.querySelector(".liveblog-badge--live, .liveblog-badge--ended, .liveblog-badge--upcoming");
    if (!badge) return;
    badge.className = "liveblog-badge liveblog-badge--" + status;
    badge.textContent = this.label(status, status);
  }

  /** "Last updated 14:32": the time the blog last changed. */
  setUpdated(iso, refreshTimes) {
    const node = this.root.querySelector("[data-liveblog-updated]");
    if (!node || !iso || node.getAttribute("datetime") === iso) return;
    node.setAttribute("datetime", iso);
    refreshTimes(node.parentNode);
  }
}

export { articles, byId };
