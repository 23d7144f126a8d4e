import { focusOnce } from "./focus.js";

/* "Load more updates" in place: fetch the view's next window from the
   fragment route, append it, and carry keyboard focus to the first update
   that appeared. If the request fails, the link is followed as an ordinary
   link (the page without JavaScript). */

/**
 * @param {Element} nav  the `[data-liveblog-more]` element
 * @param {object} hooks list() -> the list element; added(articles,
 *   hasMore) -> the articles actually added (the page's own bookkeeping);
 *   reducedMotion (a MediaQueryList)
 */
export function enhanceLoadMore(nav, hooks) {
  const link = nav && nav.querySelector("a[data-fragment-url]");
  if (!link) return;
  link.addEventListener("click", async (event) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    if (link.getAttribute("aria-busy") === "true") return;
    link.setAttribute("aria-busy", "true");
    let holder;
    try {
      const response = await fetch(link.getAttribute("data-fragment-url"), {
        headers: { Accept: "text/html" }, credentials: "same-origin",
      });
      if (!response.ok) throw new Error("HTTP " + response.status);
      holder = document.createElement("div");
      holder.innerHTML = await response.text();
    } catch (error) {
      link.removeAttribute("aria-busy");
      window.location.href = link.href; /* fall back to the no-JS page */
      return;
    }
    const incoming = holder.querySelector("[data-liveblog-list]");
    const newNav = holder.querySelector("[data-liveblog-more]");
    const fresh = [...incoming.children].filter(
      (node) => node.hasAttribute("data-update-id") && !document.getElementById(node.id),
    );
    const list = hooks.list();
    fresh.forEach((article) => list.append(article));
    nav.replaceWith(newNav);
    hooks.added(fresh, !!newNav.querySelector("a[data-fragment-url]"));
    enhanceLoadMore(newNav, hooks);
    /* Focus the first newly shown update, so keyboard and screen-reader
       users carry on reading where the list grew. */
    const target = fresh[0] || newNav.querySelector("a, p");
    if (target) {
      focusOnce(target, { scroll: { behavior: hooks.reducedMotion.matches ? "auto" : "smooth", block: "nearest" } });
    }
    document.dispatchEvent(new CustomEvent("liveblog:loaded", { detail: { count: fresh.length } }));
  });
}
