/* Sharing one update: the browser's share sheet where there is one (the
   Web Share API, on phones), else copying the update's share link. */

/** The share link of an update: the page opened at the window holding it. */
export function permalink(pageUrl, id, base) {
  const url = new URL(pageUrl, base);
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
    try {
      done = document.execCommand("copy");
    } catch (ignored) {
      done = false;
    }
    area.remove();
    return done;
  }
}

/**
 * Share the update of `button` (a `[data-liveblog-share]` with
 * `data-title`). `say(words)` announces "Link copied", which is also
 * written beside the button: the button's name stays "Share …" (WCAG 2.5.3).
 */
export async function share(button, { pageUrl, pageTitle, copiedWords, say }) {
  const article = button.closest("[data-update-id]");
  const url = permalink(pageUrl, article.getAttribute("data-update-id"), window.location.href);
  const title = button.getAttribute("data-title");
  if (navigator.share) {
    try {
      await navigator.share({ title: title ? title + " – " + pageTitle : pageTitle, url });
    } catch (error) {
      /* the reader closed the share sheet */
    }
    return;
  }
  if (!(await copy(url))) {
    window.location.href = url; /* at least the address bar holds the link */
    return;
  }
  let note = button.nextElementSibling;
  if (!note || !note.hasAttribute("data-liveblog-copied")) {
    note = document.createElement("span");
    note.className = "liveblog-update__copied";
    note.setAttribute("data-liveblog-copied", "");
    button.after(note);
  }
  note.textContent = copiedWords;
  say(copiedWords);
  window.clearTimeout(note.timer);
  note.timer = window.setTimeout(() => note.remove(), 2500);
}
