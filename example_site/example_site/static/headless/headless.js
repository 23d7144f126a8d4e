/* A headless live blog front end that uses only wagtail-liveblog's public
   API. No framework, no build step: a starting point to port to yours.

   1. GET <api>liveblogs/<id>/          the blog and its newest updates
   2. GET meta.next / next               "Load more updates" (older ones)
   3. GET <updates_url>?since=<version>  every poll_interval seconds: upsert
                                         `items` by id, drop `deleted`
*/
(function () {
  "use strict";
  var params = new URLSearchParams(window.location.search);
  var api = params.get("api") || "/api/v2/";
  var $ = function (sel) { return document.querySelector(sel); };
  var state = { blog: null, version: 0, interval: 10, etag: null, timer: null };

  function getJSON(url, etag) {
    var headers = { Accept: "application/json" };
    if (etag) headers["If-None-Match"] = etag;
    return fetch(url, { headers: headers }).then(function (response) {
      if (response.status === 304) return { notModified: true };
      return response.json().then(function (body) {
        if (!response.ok) throw new Error(body.message || ("HTTP " + response.status));
        return { body: body, etag: response.headers.get("ETag") };
      });
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) node.textContent = text;
    return node;
  }

  function renderBody(item) {
    var v = item.value;
    if (item.type === "text") {
      var div = el("div");
      div.innerHTML = v; /* rich text HTML from the CMS's own editors */
      return div;
    }
    if (item.type === "image" && v) {
      var figure = el("figure");
      var largest = v.renditions[v.renditions.length - 1];
      var img = el("img", {
        src: largest.url, alt: v.alt || "", width: largest.width, height: largest.height, loading: "lazy",
        srcset: v.renditions.map(function (r) { return r.url + " " + r.width + "w"; }).join(", "),
        sizes: "(min-width: 44rem) 42rem, 100vw"
      });
      figure.appendChild(img);
      var caption = el("figcaption", {}, [v.caption, v.credit && "Credit: " + v.credit].filter(Boolean).join(" · "));
      figure.appendChild(caption);
      return figure;
    }
    if (item.type === "quote") {
      var quote = el("blockquote");
      quote.appendChild(el("p", {}, v.text));
      if (v.attribution) quote.appendChild(el("footer", {}, "— " + v.attribution));
      return quote;
    }
    return el("div");
  }

  function renderUpdate(update, prefix) {
    var article = el("article", { id: (prefix || "") + "update-" + update.id, "data-posted-at": update.posted_at });
    if (update.key_event) article.className = "is-key";
    var time = el("time", { datetime: update.posted_at }, new Date(update.posted_at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }));
    article.appendChild(time);
    if (update.headline) article.appendChild(el("h3", {}, update.headline));
    if (update.author) article.appendChild(el("p", { class: "by" }, "By " + update.author));
    update.body.forEach(function (item) { article.appendChild(renderBody(item)); });
    return article;
  }

  /* Insert or replace an update in the list, keeping newest first. */
  function upsert(update) {
    var list = $("[data-updates]");
    var fresh = renderUpdate(update);
    var existing = document.getElementById(fresh.id);
    if (existing) { existing.replaceWith(fresh); return false; }
    var after = Array.prototype.find.call(list.children, function (node) {
      return node.getAttribute("data-posted-at") < update.posted_at;
    });
    list.insertBefore(fresh, after || null);
    return true;
  }

  function renderPinned(pinned) {
    var section = $("[data-pinned]");
    Array.prototype.slice.call(section.querySelectorAll("article")).forEach(function (a) { a.remove(); });
    pinned.forEach(function (u) { section.appendChild(renderUpdate(u, "pinned-")); });
    section.hidden = pinned.length === 0;
  }

  function setStatus(status) {
    var badge = $("[data-status]");
    badge.textContent = status;
    badge.setAttribute("data-value", status);
  }

  function setMore(url) {
    var button = $("[data-more]");
    button.hidden = !url;
    button.onclick = function () {
      button.disabled = true;
      getJSON(url).then(function (result) {
        result.body.items.forEach(upsert);
        button.disabled = false;
        setMore(result.body.meta.next);
      }).catch(showError);
    };
  }

  function showError(error) {
    var node = $("[data-error]");
    node.hidden = false;
    node.textContent = "Could not load the live blog: " + error.message;
  }

  function schedule() {
    clearTimeout(state.timer);
    if (state.blog.status === "ended") return; /* no more updates will come */
    state.timer = setTimeout(poll, state.interval * 1000);
  }

  function poll(url) {
    url = url || state.blog.updates_url + "?since=" + state.version;
    getJSON(url, url.indexOf("after=") === -1 ? state.etag : null).then(function (result) {
      if (result.notModified) return schedule();
      var body = result.body;
      var added = 0;
      body.items.forEach(function (u) { if (upsert(u)) added += 1; });
      body.deleted.forEach(function (id) {
        ["update-", "pinned-update-"].forEach(function (p) {
          var node = document.getElementById(p + id);
          if (node) node.remove();
        });
      });
      if (body.meta.next) return poll(body.meta.next); /* more changes to fetch */
      state.version = body.meta.version;
      state.interval = body.meta.poll_interval;
      state.etag = result.etag;
      state.blog.status = body.meta.status;
      setStatus(body.meta.status);
      if (added) $("[data-announce]").textContent = added + (added === 1 ? " new update" : " new updates");
      schedule();
    }).catch(function () {
      state.interval = Math.min(state.interval * 2, 300); /* back off, then recover */
      schedule();
    });
  }

  function start(id) {
    return getJSON(api + "liveblogs/" + id + "/").then(function (result) {
      var blog = result.body;
      state.blog = blog;
      state.version = blog.version;
      state.interval = blog.poll_interval;
      document.title = blog.title;
      $("[data-title]").textContent = blog.title;
      $("[data-intro]").innerHTML = blog.intro;
      setStatus(blog.status);
      renderPinned(blog.pinned);
      blog.updates.forEach(upsert);
      setMore(blog.next);
      $("main").removeAttribute("aria-busy");
      schedule();
    });
  }

  var blogId = params.get("blog");
  (blogId
    ? start(blogId)
    : getJSON(api + "liveblogs/?limit=1").then(function (result) {
        if (!result.body.items.length) throw new Error("no live blog is published yet");
        return start(result.body.items[0].id);
      })
  ).catch(showError);
})();
