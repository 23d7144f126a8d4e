/* wagtail-liveblog reader script: progressive enhancement of the
   server-rendered page. No framework, no build step. */
(function () {
  "use strict";

  var root = document.querySelector("[data-liveblog]");
  var configNode = document.getElementById("liveblog-config");
  if (!root || !configNode) return;
  var config = JSON.parse(configNode.textContent);

  function list() { return root.querySelector("[data-liveblog-list]"); }

  /* "Load more updates": fetch the next older window as HTML and append it. */
  function enhanceLoadMore(nav) {
    var link = nav && nav.querySelector("a[data-fragment-url]");
    if (!link) return;
    link.addEventListener("click", function (event) {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      if (link.getAttribute("aria-busy") === "true") return;
      link.setAttribute("aria-busy", "true");
      fetch(link.getAttribute("data-fragment-url"), { headers: { Accept: "text/html" } })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.text();
        })
        .then(function (html) {
          var holder = document.createElement("div");
          holder.innerHTML = html;
          var incoming = holder.querySelector("[data-liveblog-list]");
          var first = null;
          Array.prototype.slice.call(incoming.children).forEach(function (article) {
            if (document.getElementById(article.id)) return; /* already shown */
            list().appendChild(article);
            if (!first) first = article;
          });
          var newNav = holder.querySelector("[data-liveblog-more]");
          nav.replaceWith(newNav);
          enhanceLoadMore(newNav);
          if (first) {
            /* Move focus to the first newly shown update so keyboard and
               screen-reader users continue reading where they were. */
            first.setAttribute("tabindex", "-1");
            first.focus({ preventScroll: false });
          }
          document.dispatchEvent(new CustomEvent("liveblog:loaded", { detail: { count: incoming.children.length } }));
        })
        .catch(function () {
          link.removeAttribute("aria-busy");
          window.location.href = link.href; /* fall back to the no-JS page */
        });
    });
  }

  enhanceLoadMore(root.querySelector("[data-liveblog-more]"));
})();
