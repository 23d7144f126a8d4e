/* Moving keyboard focus to content (an update, the first of a loaded
   window): focusable for that moment only (tabindex -1, dropped on blur),
   so that a later click on it does not take focus away from the keyboard
   order (Tab then carries on from the click, reaching the "N new updates"
   button placed after it). */

export function focusOnce(node, { scroll = null } = {}) {
  if (!node.hasAttribute("tabindex")) {
    node.setAttribute("tabindex", "-1");
    node.addEventListener("blur", () => node.removeAttribute("tabindex"), { once: true });
  }
  node.focus({ preventScroll: true });
  if (scroll) node.scrollIntoView(scroll);
}
