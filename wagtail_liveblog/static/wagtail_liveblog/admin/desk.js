/*
 * The live desk: a Stimulus controller on Wagtail's app (liveblog-desk).
 *
 * - Polls the desk's state URL; when it changes, Wagtail's w-swap (outlet:
 *   the notice line) reloads only the listing (#listing-results) through the
 *   results-only view, with the current filters; never the composer. A
 *   refresh waits while a row's menu is open (until its w-dropdown hides).
 * - Row actions (pin, key event, publish, …) are Wagtail w-action buttons:
 *   `liveblog-desk#post`, listed before `w-action#post`, posts them in the
 *   background and refreshes the listing.
 * - Colleagues' new rows are highlighted and counted until looked at.
 *
 * The composer has its own controller (composer.js).
 */
(function () {
  'use strict';

  const wagtail = window.wagtail;
  const Stimulus = window.StimulusModule;
  if (!wagtail || !wagtail.app || !Stimulus) {
    return;
  }

  const OPEN_MENU = '[aria-expanded="true"]';
  const TITLES = '[id^="update-"][id$="-title"]';
  const NEW_CLASS = 'liveblog-desk__row--new';

  class DeskController extends Stimulus.Controller {
    static targets = ['notice', 'count', 'badge', 'start', 'end'];
    static outlets = ['w-swap'];
    static values = {
      stateUrl: String,
      pollSeconds: { type: Number, default: 10 },
      token: String,
      status: String,
      newOne: String,
      newMany: String,
      errorMessage: String,
    };

    connect() {
      this.pending = false;
      this.refreshing = false;
      this.failures = 0;
      this.timer = null;
      this.unseen = 0;
      this.initialRows = this.rowIds();
      this.seen = new Set();
      this.acknowledged = new Set();
      this.schedule();
    }

    disconnect() {
      window.clearTimeout(this.timer);
    }

    get listing() {
      return this.element.querySelector('#listing-results');
    }

    /* A row's menu is open. */
    get busy() {
      return Boolean(this.listing?.querySelector(OPEN_MENU));
    }

    say(message) {
      if (this.hasNoticeTarget) {
        this.noticeTarget.textContent = '';
        window.setTimeout(() => (this.noticeTarget.textContent = message), 50);
      }
    }

    /* The ids of the updates listed now. */
    rowIds() {
      return new Set(Array.from(this.listing?.querySelectorAll(TITLES) || [], (el) => el.id));
    }

    /* What has the focus in the listing, as a selector to find it again. */
    focusKey(element) {
      if (!element || !this.listing?.contains(element)) {
        return null;
      }
      const row = element.closest('[data-liveblog-row-actions]');
      if (row) {
        return `[data-liveblog-row-actions="${row.dataset.liveblogRowActions}"] button`;
      }
      return element.id ? `#${CSS.escape(element.id)}` : null;
    }

    /* Rows that were not there before the refresh: highlight them, count
       them (until the user looks at them) and say so. */
    signalNew(before) {
      const fresh = Array.from(this.rowIds()).filter(
        (id) => !before.has(id) && !this.initialRows.has(id) && !this.seen.has(id),
      );
      fresh.forEach((id) => this.seen.add(id));
      // Rows signalled before keep their highlight after a later refresh.
      this.seen.forEach((id) => {
        const row = document.getElementById(id)?.closest('tr');
        if (row && !this.acknowledged.has(id)) {
          row.classList.add(NEW_CLASS);
          row.setAttribute('data-liveblog-new', '');
        }
      });
      if (!fresh.length) {
        return;
      }
      this.unseen += fresh.length;
      this.showCount();
      const message = this.unseen === 1 ? this.newOneValue : this.newManyValue;
      this.say(message.replace('%(count)s', String(this.unseen)));
    }

    showCount() {
      this.countTargets.forEach((badge) => {
        badge.textContent = String(this.unseen);
        badge.hidden = this.unseen === 0;
      });
    }

    /* focusin / pointerdown on the updates: looking acknowledges new rows. */
    acknowledge() {
      if (!this.unseen) {
        return;
      }
      this.seen.forEach((id) => this.acknowledged.add(id));
      this.unseen = 0;
      this.showCount();
      this.element.querySelectorAll('[data-liveblog-new]').forEach((row) => {
        row.classList.remove(NEW_CLASS);
        row.removeAttribute('data-liveblog-new');
      });
    }

    /* Reload the listing with Wagtail's w-swap, unless a row's menu is open
       (then once it closes). Throws when the listing could not be loaded. */
    async refresh() {
      if (!this.listing || !this.hasWSwapOutlet) {
        return;
      }
      if (this.busy || this.refreshing) {
        this.pending = true;
        return;
      }
      this.refreshing = true;
      this.pending = false;
      const focus = this.focusKey(document.activeElement);
      const before = this.rowIds();
      try {
        const url = new URL(this.wSwapOutlet.srcValue, window.location.href);
        url.search = window.location.search;
        if (typeof (await this.wSwapOutlet.replace(url.toString())) !== 'string') {
          throw new Error('The listing was not refreshed');
        }
      } finally {
        this.refreshing = false;
      }
      if (focus) {
        this.listing.querySelector(focus)?.focus();
      }
      this.signalNew(before);
    }

    /* w-dropdown:hide: a refresh that waited for a row's menu goes now. */
    resume() {
      if (this.pending) {
        window.setTimeout(() => {
          if (this.pending && !this.busy) {
            this.refresh().catch(() => {});
          }
        }, 300);
      }
    }

    showStatus(data) {
      if (!data.status || data.status === this.statusValue) {
        return;
      }
      const status = (this.statusValue = data.status);
      if (this.hasBadgeTarget) {
        this.badgeTarget.textContent = data.status_label || status;
        this.badgeTarget.className = `liveblog-desk__badge liveblog-desk__badge--${status}`;
      }
      this.startTargets.forEach((el) => (el.hidden = status === 'live'));
      this.endTargets.forEach((el) => (el.hidden = status === 'ended'));
    }

    async poll() {
      this.timer = null;
      if (document.hidden) {
        return this.schedule();
      }
      try {
        const response = await fetch(this.stateUrlValue, {
          credentials: 'same-origin',
          headers: { Accept: 'application/json' },
          cache: 'no-store',
        });
        if (!response.ok) {
          throw new Error(`HTTP ${response.status}`);
        }
        const data = await response.json();
        this.failures = 0;
        this.showStatus(data);
        if (data.token !== this.tokenValue || this.pending) {
          this.tokenValue = data.token;
          await this.refresh();
        }
      } catch (error) {
        this.failures += 1;
      }
      this.schedule();
    }

    schedule() {
      if (this.timer !== null || !this.element.isConnected) {
        return;
      }
      const pollMs = Math.max(1000, (this.pollSecondsValue || 10) * 1000);
      // Back off while the server does not answer: 1x, 2x, 4x … up to 8x.
      const factor = Math.min(8, 2 ** Math.max(0, this.failures - 1));
      this.timer = window.setTimeout(() => this.poll(), pollMs * factor);
    }

    /* visibilitychange@document: poll at once when the tab is shown again. */
    wake() {
      if (!document.hidden && this.timer !== null) {
        window.clearTimeout(this.timer);
        this.timer = null;
        this.poll();
      }
    }

    /* click on a row's w-action button, before w-action#post: post it in the
       background (the half-written post in the composer stays). */
    async post(event) {
      const button = event.currentTarget;
      event.preventDefault();
      event.stopImmediatePropagation();
      if (button.disabled) {
        return;
      }
      button.disabled = true;
      const config = window.wagtailConfig || {};
      try {
        const response = await fetch(button.dataset.wActionUrlValue, {
          method: 'POST',
          credentials: 'same-origin',
          headers: {
            Accept: 'application/json',
            'X-Requested-With': 'XMLHttpRequest',
            [config.CSRF_HEADER_NAME || 'X-CSRFToken']: config.CSRF_TOKEN,
          },
        });
        const data = await response.json().catch(() => ({}));
        this.say(data.message || (response.ok ? '' : this.errorMessageValue));
      } catch (error) {
        this.say(this.errorMessageValue);
      } finally {
        button.disabled = false;
      }
      // Close the row's menu, then show the change.
      const dropdown = this.listing
        ?.querySelector(OPEN_MENU)
        ?.closest('[data-controller~="w-dropdown"]');
      if (dropdown) {
        this.application.getControllerForElementAndIdentifier(dropdown, 'w-dropdown')?.hide();
      }
      this.pending = true;
      await this.refresh().catch(() => {});
    }
  }

  wagtail.app.register('liveblog-desk', DeskController);
})();
