/* Pinned updates as teasers: the headline and first lines, the photo
   small, and a "Show more" button (aria-expanded) that opens the rest.
   Without JavaScript a "Show more" link opens it (`:target`); the script
   swaps it for the button, and leaves short updates open. Focus moving
   into a closed teaser (a keyboard reader tabbing to a link in it) opens
   it, so nothing focused is ever clipped. */

const COLLAPSED = "liveblog-pinned--collapsed";

function set(holder, open, label) {
  const button = holder.querySelector("[data-liveblog-teaser-button]");
  holder.classList.toggle(COLLAPSED, !open);
  if (!button) return;
  button.setAttribute("aria-expanded", String(open));
  button.textContent = open ? label("show-less", "Show less") : label("show-more", "Show more");
}

/** Make one pinned holder (`[data-liveblog-teaser]`) a teaser: the
    server's "Show more" link becomes the button, in the same place. */
export function teaser(holder, label) {
  const article = holder.querySelector("article");
  let button = holder.querySelector("[data-liveblog-teaser-button]");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    button.className = "liveblog-pinned__more";
    button.setAttribute("data-liveblog-teaser-button", "");
    const link = holder.querySelector("[data-liveblog-teaser-link]");
    if (link) link.replaceWith(button);
    else holder.append(button);
  }
  button.setAttribute("aria-controls", article.id);
  set(holder, button.getAttribute("aria-expanded") === "true", label);
}

/** Leave a teaser short enough to show whole open, without a button. */
export function fit(holder, label) {
  const button = holder.querySelector("[data-liveblog-teaser-button]");
  const body = holder.querySelector("article .liveblog-update__body");
  if (!button || !holder.classList.contains(COLLAPSED)) return;
  const clipped = !!body && body.scrollHeight > body.clientHeight + 2;
  button.hidden = !clipped;
  if (!clipped) set(holder, true, label);
}

/** Open (or close) a teaser; returns its article. */
export function expand(holder, label, open = true) {
  set(holder, open, label);
  return holder.querySelector("article");
}

/** Wire the buttons and focus of every teaser under `root`. */
export function enhanceTeasers(root, label) {
  const holders = [...root.querySelectorAll("[data-liveblog-teaser]")];
  holders.forEach((holder) => teaser(holder, label));
  /* Measured when the browser lays the page out anyway (a ResizeObserver
     runs after layout), so the measuring forces no layout of its own. */
  if ("ResizeObserver" in window) {
    const observer = new ResizeObserver((records) => records.forEach((record) => {
      observer.unobserve(record.target);
      fit(record.target.closest("[data-liveblog-teaser]"), label);
    }));
    holders.forEach((holder) => {
      const body = holder.querySelector(".liveblog-update__body");
      if (body) observer.observe(body);
    });
  } else {
    holders.forEach((holder) => fit(holder, label));
  }
  root.addEventListener("click", (event) => {
    const button = event.target.closest("[data-liveblog-teaser-button]");
    if (!button) return;
    const holder = button.closest("[data-liveblog-teaser]");
    set(holder, button.getAttribute("aria-expanded") !== "true", label);
  });
  root.addEventListener("focusin", (event) => {
    const holder = event.target.closest(".liveblog-pinned--collapsed");
    if (holder && event.target.closest(".liveblog-update__body")) set(holder, true, label);
  });
}
