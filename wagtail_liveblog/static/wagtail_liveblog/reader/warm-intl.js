/* A worker that only makes a first Intl.DateTimeFormat and says so.

   A page's first Intl.DateTimeFormat loads the browser's date and time
   data: tens of milliseconds on a phone, a long task if it happens on the
   main thread at start-up. That data is shared by the whole browser
   process, so once this worker has loaded it, the page's own formatters
   cost next to nothing (see times.js, `whenIntlReady`). */
const lang = new URL(self.location.href).searchParams.get("lang") || undefined;
try {
  new Intl.DateTimeFormat(lang, { hour: "numeric", minute: "2-digit" }).format(new Date());
} catch (error) {
  /* an unknown language: the page falls back to its own default */
}
self.postMessage("ready");
self.close();
