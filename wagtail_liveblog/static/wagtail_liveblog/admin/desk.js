/*
 * The live desk, on top of Wagtail's own admin scripts.
 *
 * - Live refresh: polls the desk's state URL and, when it changes, reloads
 *   only the listing (#listing-results) through Wagtail's results-only view,
 *   with the current filters. The composer is never touched. A refresh
 *   waits while a row's menu is open.
 * - Pin / key event: the row's buttons are posted in the background and the
 *   listing refreshed; without this script Wagtail's w-action posts them.
 * - The composer: every submit waits a moment for the rich text editor to
 *   save the last words typed; Ctrl+Enter or Cmd+Enter submits it with its
 *   primary button.
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
      container.innerHTML = html;
      restoreFocus(key);
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

  /* Pin / key event, in the background. Capture phase: before Wagtail's
     w-action controller would post a form and leave the page. */
  document.addEventListener(
    'click',
    async function (event) {
      const button = event.target.closest('[data-liveblog-toggle]');
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

  /* The composer. Rich text editors save what was typed a moment after the
     last key: every submit waits for that moment, so the last words are
     never lost. Ctrl+Enter / Cmd+Enter submits with the primary button. */
  const composer = document.querySelector('[data-liveblog-composer]');
  const SAVE_DELAY_MS = 350;
  if (composer) {
    /* Wagtail's w-unsaved controller compares the form with a copy taken two
       seconds after the page loads: a reporter who starts typing at once
       would not be warned. The first keystroke marks the form as edited. */
    const markEdited = function () {
      composer.setAttribute('data-w-unsaved-force-value', 'true');
      composer.setAttribute('data-w-unsaved-has-edits-value', 'true');
      composer.removeEventListener('input', markEdited);
      composer.removeEventListener('change', markEdited);
    };
    composer.addEventListener('input', markEdited);
    composer.addEventListener('change', markEdited);

    let flushed = false;
    composer.addEventListener('submit', function (event) {
      if (flushed) {
        return;
      }
      event.preventDefault();
      const submitter =
        event.submitter || composer.querySelector('[data-liveblog-primary]');
      if (document.activeElement && document.activeElement.blur) {
        document.activeElement.blur();
      }
      window.setTimeout(function () {
        flushed = true;
        if (composer.requestSubmit) {
          composer.requestSubmit(submitter);
        } else {
          composer.submit();
        }
      }, SAVE_DELAY_MS);
    });

    composer.addEventListener(
      'keydown',
      function (event) {
        if (event.key !== 'Enter' || !(event.ctrlKey || event.metaKey) || event.altKey) {
          return;
        }
        event.preventDefault();
        event.stopPropagation();
        const primary = composer.querySelector('[data-liveblog-primary]');
        if (!primary || primary.disabled) {
          return;
        }
        // A click, so that Wagtail's w-progress shows the button working.
        primary.click();
      },
      true,
    );
  }

  schedule();
})();
