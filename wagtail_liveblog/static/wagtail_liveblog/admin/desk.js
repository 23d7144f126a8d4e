/*
 * The live desk, on top of Wagtail's own admin scripts.
 *
 * - Live refresh: polls the desk's state URL and, when it changes, reloads
 *   only the listing (#listing-results) through Wagtail's results-only view,
 *   with the current filters. The composer is never touched. A refresh
 *   waits while a row's menu is open.
 * - Row actions (pin, key event, publish, unpublish, approve, request
 *   changes): the row's buttons are posted in the background and the
 *   listing refreshed; without this script Wagtail's w-action posts them.
 * - Colleagues' new updates are signalled, not slipped in unseen: their
 *   rows are highlighted and the notice counts them.
 *
 * The composer has its own controller (composer.js).
 */
(function () {
  'use strict';

  const desk = document.querySelector('[data-liveblog-desk]');
  if (!desk) {
    return;
  }

  const stateUrl = desk.dataset.stateUrl;
  const resultsUrl = desk.dataset.resultsUrl;
  const pollMs = Math.max(1000, parseFloat(desk.dataset.pollSeconds || '10') * 1000);
  const notice = desk.querySelector('[data-liveblog-notice]');
  let token = desk.dataset.token;
  let status = desk.dataset.status;
  let refreshPending = false;
  let refreshing = false;
  let failures = 0;
  let timer = null;

  function csrfToken() {
    const config = document.getElementById('wagtail-config');
    if (config) {
      try {
        const value = JSON.parse(config.textContent).CSRF_TOKEN;
        if (value) {
          return value;
        }
      } catch (error) {
        /* fall through */
      }
    }
    const input = document.querySelector('input[name="csrfmiddlewaretoken"]');
    return input ? input.value : '';
  }

  function say(message) {
    if (notice) {
      notice.textContent = '';
      window.setTimeout(function () {
        notice.textContent = message;
      }, 50);
    }
  }

  function results() {
    return document.getElementById('listing-results');
  }

  /* A row's menu is open, or the user is working inside the listing. */
  function busy() {
    const container = results();
    if (!container) {
      return false;
    }
    if (container.querySelector('[aria-expanded="true"]')) {
      return true;
    }
    return false;
  }

  function focusKey(element) {
    if (!element || !results() || !results().contains(element)) {
      return null;
    }
    const row = element.closest('[data-liveblog-row-actions]');
    if (row) {
      return { rowActions: row.dataset.liveblogRowActions };
    }
    if (element.id) {
      return { id: element.id };
    }
    return null;
  }

  function restoreFocus(key) {
    if (!key) {
      return;
    }
    let target = null;
    if (key.rowActions) {
      const wrapper = results().querySelector(
        '[data-liveblog-row-actions="' + key.rowActions + '"]',
      );
      target = wrapper && wrapper.querySelector('button');
    } else if (key.id) {
      target = document.getElementById(key.id);
    }
    if (target) {
      target.focus();
    }
  }

  /* The ids of the updates listed now. */
  function rowIds() {
    const container = results();
    if (!container) {
      return new Set();
    }
    return new Set(
      Array.from(container.querySelectorAll('[id^="update-"][id$="-title"]')).map(
        (el) => el.id,
      ),
    );
  }

  /* Rows that were not there before the refresh: highlight them, count them
     (until the user looks at them) and say so. */
  let unseen = 0;
  function signalNew(before) {
    const fresh = Array.from(rowIds()).filter(
      (id) => !before.has(id) && !initialRows.has(id) && !seen.has(id),
    );
    fresh.forEach((id) => {
      seen.add(id);
      const title = document.getElementById(id);
      const row = title && title.closest('tr');
      if (row) {
        row.classList.add('liveblog-desk__row--new');
        row.setAttribute('data-liveblog-new', '');
      }
    });
    // Rows signalled before keep their highlight after a later refresh.
    seen.forEach((id) => {
      const title = document.getElementById(id);
      const row = title && title.closest('tr');
      if (row && !acknowledged.has(id)) {
        row.classList.add('liveblog-desk__row--new');
        row.setAttribute('data-liveblog-new', '');
      }
    });
    if (!fresh.length) {
      return;
    }
    unseen += fresh.length;
    showCount();
    say(
      (unseen === 1 ? desk.dataset.newOne : desk.dataset.newMany).replace(
        '%(count)s',
        String(unseen),
      ),
    );
  }

  function showCount() {
    const badge = desk.querySelector('[data-liveblog-new-count]');
    if (badge) {
      badge.textContent = String(unseen);
      badge.hidden = unseen === 0;
    }
  }

  /* Looking at the listing (hover, focus) acknowledges the new rows. */
  function acknowledge() {
    if (!unseen) {
      return;
    }
    seen.forEach((id) => acknowledged.add(id));
    unseen = 0;
    showCount();
    const container = results();
    if (container) {
      container.querySelectorAll('[data-liveblog-new]').forEach((row) => {
        row.classList.remove('liveblog-desk__row--new');
        row.removeAttribute('data-liveblog-new');
      });
    }
  }

  const initialRows = rowIds();
  const seen = new Set();
  const acknowledged = new Set();
  const updatesSection = desk.querySelector('.liveblog-desk__updates');
  if (updatesSection) {
    updatesSection.addEventListener('focusin', acknowledge);
    updatesSection.addEventListener('pointerdown', acknowledge);
  }

  async function refresh() {
    const container = results();
    if (!container || !resultsUrl) {
      return;
    }
    if (busy() || refreshing) {
      refreshPending = true;
      return;
    }
    refreshing = true;
    refreshPending = false;
    try {
      const url = new URL(resultsUrl, window.location.href);
      url.search = window.location.search;
      const response = await fetch(url.toString(), {
        credentials: 'same-origin',
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
        cache: 'no-store',
      });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const html = await response.text();
      if (busy()) {
        refreshPending = true;
        return;
      }
      const key = focusKey(document.activeElement);
      const before = rowIds();
      container.innerHTML = html;
      restoreFocus(key);
      signalNew(before);
      desk.dispatchEvent(new CustomEvent('liveblog:refreshed', { bubbles: true }));
    } finally {
      refreshing = false;
    }
  }

  function showStatus(data) {
    if (!data.status || data.status === status) {
      return;
    }
    status = data.status;
    desk.dataset.status = status;
    const badge = desk.querySelector('[data-liveblog-status-badge]');
    if (badge) {
      badge.textContent = data.status_label || status;
      badge.className = 'liveblog-desk__badge liveblog-desk__badge--' + status;
    }
    const start = desk.querySelector('[data-liveblog-coverage="start"]');
    const end = desk.querySelector('[data-liveblog-coverage="end"]');
    if (start) {
      start.hidden = status === 'live';
    }
    if (end) {
      end.hidden = status === 'ended';
    }
  }

  async function poll() {
    timer = null;
    if (document.hidden) {
      schedule();
      return;
    }
    try {
      const response = await fetch(stateUrl, {
        credentials: 'same-origin',
        headers: { Accept: 'application/json' },
        cache: 'no-store',
      });
      if (!response.ok) {
        throw new Error('HTTP ' + response.status);
      }
      const data = await response.json();
      failures = 0;
      showStatus(data);
      if (data.token !== token) {
        token = data.token;
        await refresh();
      } else if (refreshPending) {
        await refresh();
      }
    } catch (error) {
      failures += 1;
    }
    schedule();
  }

  function schedule() {
    if (timer !== null) {
      return;
    }
    // Back off while the server does not answer: 1x, 2x, 4x … up to 8x.
    const factor = Math.min(8, Math.pow(2, Math.max(0, failures - 1)));
    timer = window.setTimeout(poll, failures ? pollMs * factor : pollMs);
  }

  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && timer !== null) {
      window.clearTimeout(timer);
      timer = null;
      poll();
    }
  });
  /* Row actions (pin, key event, publish, approve…), in the background.
     Capture phase: before Wagtail's w-action controller would post a form
     and leave the page. */
  document.addEventListener(
    'click',
    async function (event) {
      const button = event.target.closest('[data-liveblog-post]');
      if (!button) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      if (button.disabled) {
        return;
      }
      button.disabled = true;
      const body = new FormData();
      body.append('csrfmiddlewaretoken', csrfToken());
      try {
        const response = await fetch(button.dataset.wActionUrlValue, {
          method: 'POST',
          body: body,
          credentials: 'same-origin',
          headers: {
            Accept: 'application/json',
            'X-Requested-With': 'XMLHttpRequest',
            'X-CSRFToken': csrfToken(),
          },
        });
        let data = {};
        try {
          data = await response.json();
        } catch (error) {
          data = {};
        }
        say(data.message || (response.ok ? '' : desk.dataset.errorMessage));
      } catch (error) {
        say(desk.dataset.errorMessage);
      } finally {
        button.disabled = false;
      }
      // Close the row's menu, then show the change.
      const expanded = results() && results().querySelector('[aria-expanded="true"]');
      if (expanded) {
        expanded.click();
      }
      refreshPending = true;
      await refresh();
    },
    true,
  );

  /* Re-check a pending refresh once a row's menu closes. */
  document.addEventListener('click', function () {
    if (refreshPending) {
      window.setTimeout(function () {
        if (refreshPending && !busy()) {
          refresh();
        }
      }, 300);
    }
  });

  schedule();
})();
