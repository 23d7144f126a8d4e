import { focusOnce } from "./focus.js";

/* Telling the reader that updates arrived: the polite announcement, the
   count in the tab title, and one real button in two places.

   - Updates waiting (the reader is further down the list, so nothing is
     inserted above them): "2 new updates" floats at the top of the window;
     it shows them and moves focus to the newest.
   - Updates inserted out of view (the reader is above the list, as on a
     phone's first screen): "↓ 2 new updates" floats at the bottom of the
     window until they have been seen; it scrolls to them.

   Either way the button sits in the keyboard order right after the update
   the reader is on (the one holding focus, or last clicked or tapped), so
   the next Tab reaches it. */

const CONTAINERS = "[data-liveblog], section, [data-liveblog-list], .liveblog__main, .liveblog__layout";

export class NewUpdates {
  constructor(root, { counted, label, reducedMotion, onReveal }) {
    this.root = root;
    this.counted = counted;
    this.label = label;
    this.reducedMotion = reducedMotion;
    this.onReveal = onReveal;
    this.bar = root.querySelector("[data-liveblog-new-bar]");
    this.button = root.querySelector("[data-liveblog-new-button]");
    this.announcer = root.querySelector("[data-liveblog-announcer]");
    this.home = this.bar && document.createComment("liveblog-new-bar");
    if (this.bar) this.bar.before(this.home);
    this.baseTitle = document.title;
    this.pending = 0;
    this.unseen = new Set();
    this.reloading = false;
    this.touched = null;
    this.observer = "IntersectionObserver" in window
      ? new IntersectionObserver((records) => this.seen(records), {
        /* Not seen while only under the button at the bottom edge. */
        rootMargin: "0px 0px -96px 0px",
      })
      : null;
    root.addEventListener("pointerdown", (event) => { this.touched = event.target; });
    if (this.button) this.button.addEventListener("click", () => this.activate());
  }

  /** Say `text` once through the polite live region. */
  announce(text) {
    if (!this.announcer || !text) return;
    /* Cleared first so that the same words are announced again. */
    this.announcer.textContent = "";
    window.setTimeout(() => { this.announcer.textContent = text; }, 50);
  }

  /** `count` updates wait behind the button. */
  setPending(count) {
    this.pending = count;
    this.render();
  }

  /** These articles were just inserted: unless in view, point to them. */
  arrived(articles) {
    if (!this.observer) return;
    for (const article of articles) {
      const box = article.getBoundingClientRect();
      if (box.bottom > 0 && box.top < window.innerHeight - 96) continue;
      this.unseen.add(article);
      this.observer.observe(article);
    }
    this.render();
  }

  /** An update left the page: it no longer counts as unseen. */
  forget(article) {
    if (!this.unseen.delete(article)) return;
    if (this.observer) this.observer.unobserve(article);
    this.render();
  }

  /** Too much changed to patch in place: the button reloads the page. */
  reload() {
    this.reloading = true;
    this.render();
    this.announce(this.button ? this.button.textContent : "");
  }

  seen(records) {
    let changed = false;
    for (const record of records) {
      if (!record.isIntersecting || !this.unseen.has(record.target)) continue;
      this.unseen.delete(record.target);
      this.observer.unobserve(record.target);
      changed = true;
    }
    if (changed) this.render();
  }

  activate() {
    if (this.reloading) {
      window.location.reload();
    } else if (this.pending) {
      this.onReveal();
    } else if (this.unseen.size) {
      const target = [...this.unseen].filter((n) => n.isConnected)
        .sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
      this.clearUnseen();
      if (target) this.focus(target);
    }
  }

  clearUnseen() {
    if (this.observer) this.unseen.forEach((node) => this.observer.unobserve(node));
    this.unseen.clear();
    this.render();
  }

  /** Take keyboard focus to an update and scroll it to the top. */
  focus(article) {
    focusOnce(article, { scroll: { behavior: this.reducedMotion.matches ? "auto" : "smooth", block: "start" } });
  }

  render() {
    const unseen = [...this.unseen].filter((n) => n.isConnected).length;
    document.title = this.pending + unseen
      ? "(" + (this.pending + unseen) + ") " + this.baseTitle
      : this.baseTitle;
    if (!this.button) return;
    let mode = "";
    if (this.reloading) {
      mode = "top";
      this.button.textContent = this.label("reload", "Show the latest updates");
    } else if (this.pending) {
      mode = "top";
      this.button.textContent = this.counted("new", this.pending);
    } else if (unseen) {
      mode = "below";
      this.button.textContent = "";
      const arrow = document.createElement("span");
      arrow.setAttribute("aria-hidden", "true");
      arrow.className = "liveblog__new-arrow";
      arrow.textContent = "↓";
      this.button.append(arrow, " " + this.counted("new", unseen));
    }
    this.button.hidden = !mode;
    this.bar.classList.toggle("liveblog__new-bar--below", mode === "below");
    if (mode) this.place();
    else this.goHome();
  }

  /* Put the button next in the keyboard order: right after the update being
     read (the one holding focus, or last clicked), or after the control
     that has focus. A click on text inside a section gives the section no
     say: Tab then carries on from the update that was clicked. Without
     either, the button stays first in the updates' column. */
  place() {
    if (this.bar.contains(document.activeElement)) return;
    const active = document.activeElement;
    const focused = active && this.root.contains(active) && !active.matches(CONTAINERS) ? active : null;
    const touched = this.touched && this.touched.isConnected && this.root.contains(this.touched) ? this.touched : null;
    const from = focused || touched;
    let after = from && from.closest("article[data-update-id]");
    if (after && after.closest("[data-liveblog-teaser]")) after = after.closest("[data-liveblog-teaser]");
    if (!after && focused) after = focused;
    if (!after) {
      this.goHome();
      return;
    }
    this.bar.classList.add("liveblog__new-bar--floating");
    if (after.nextElementSibling !== this.bar) after.after(this.bar);
  }

  goHome() {
    if (!this.bar.classList.contains("liveblog__new-bar--floating")) return;
    this.bar.classList.remove("liveblog__new-bar--floating");
    this.home.after(this.bar);
  }
}
