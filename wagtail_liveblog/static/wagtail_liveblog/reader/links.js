import { focusOnce } from "./focus.js";

/* Links to updates already on the page (a key event, an update's time
   link, a stub's "read it above") move within the page instead of loading
   it again: the update is scrolled to, focused and highlighted, and its
   share link goes into the address bar. A link to an update that is not
   loaded yet opens the window that holds it, as without the script. */

/** The element a link to an update should lead to on this page, if any:
    the update in the list, or its pinned copy when the list holds only a
    stub of it. */
export function targetOf(id, { pinnedFirst = false } = {}) {
  const inList = document.getElementById("update-" + id);
  const pinned = document.getElementById("pinned-update-" + id);
  if (pinned && (pinnedFirst || (inList && inList.classList.contains("liveblog-update--stub")))) return pinned;
  return inList && inList.closest("[data-liveblog-list]") ? inList : null;
}

/** Scroll to an update and focus it (tabindex -1), highlighted. */
export function goTo(root, target, behavior) {
  root.querySelectorAll(".liveblog-update--target").forEach((node) => node.classList.remove("liveblog-update--target"));
  target.classList.add("liveblog-update--target");
  focusOnce(target, { scroll: { behavior, block: "start" } });
}

/**
 * Handle a click on `link`; true when it was handled in the page.
 * `open(target)` prepares the target (opens a pinned teaser);
 * `beforeMeasure(link)` closes what must close first (the phone's key
 * events disclosure).
 */
export function jump(root, link, event, { open, beforeMeasure, behavior }) {
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return false;
  const url = new URL(link.href, window.location.href);
  if (url.pathname !== window.location.pathname) return false;
  let id = url.searchParams.get("update");
  let pinnedFirst = false;
  if (!id && url.hash.startsWith("#pinned-update-") && url.search === window.location.search) {
    id = url.hash.slice("#pinned-update-".length);
    pinnedFirst = true;
  } else if (!id || url.hash !== "#update-" + id) {
    return false;
  }
  const target = targetOf(id, { pinnedFirst });
  if (!target) return false;
  beforeMeasure(link);
  open(target);
  window.history.pushState(null, "", url.href);
  goTo(root, target, behavior());
  return true;
}
