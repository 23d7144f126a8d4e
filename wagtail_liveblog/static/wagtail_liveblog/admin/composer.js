/*
 * The desk's quick composer: a Stimulus controller on Wagtail's app.
 *
 * - On a phone the composer starts as one "Write an update" button that
 *   opens it (it stays open when the desk comes back with errors).
 * - An error scrolls to, and focuses, the first field that has one.
 * - Every rich text editor in it gets an accessible name.
 * - Every submit waits a moment for the rich text editor to save the last
 *   words typed; Ctrl+Enter or Cmd+Enter submits with the primary button.
 * - The first keystroke marks the form as edited for Wagtail's w-unsaved
 *   (which otherwise compares with a copy taken two seconds after load).
 */
(function () {
  'use strict';

  const wagtail = window.wagtail;
  const Stimulus = window.StimulusModule;
  if (!wagtail || !wagtail.app || !Stimulus) {
    return;
  }

  const PHONE = '(max-width: 49.9375em)';
  const SAVE_DELAY_MS = 350;
  const FOCUSABLE = [
    'input:not([type="hidden"]):not([disabled])',
    'select:not([disabled])',
    'textarea:not([disabled])',
    '[contenteditable="true"]',
    'button:not([disabled])',
  ].join(', ');

  class ComposerController extends Stimulus.Controller {
    static targets = ['opener', 'form'];
    static values = { open: Boolean, editorLabel: String };

    connect() {
      this.flushed = false;
      this.markEdited = this.markEdited.bind(this);
      this.formTarget.addEventListener('input', this.markEdited);
      this.formTarget.addEventListener('change', this.markEdited);
      this.observer = new MutationObserver(() => this.labelEditors());
      this.observer.observe(this.formTarget, { childList: true, subtree: true });
      this.labelEditors();
      if (this.openValue) {
        this.focusFirstError(10);
      } else if (window.matchMedia(PHONE).matches) {
        this.collapse();
      }
    }

    disconnect() {
      this.observer.disconnect();
    }

    collapse() {
      this.element.classList.add('is-collapsed');
      this.openerTarget.setAttribute('aria-expanded', 'false');
    }

    open() {
      this.element.classList.remove('is-collapsed');
      this.openerTarget.setAttribute('aria-expanded', 'true');
      const first = this.formTarget.querySelector(FOCUSABLE);
      if (first) {
        first.focus();
      }
    }

    /* Draftail's editable area has no name of its own. */
    labelEditors() {
      const label = this.editorLabelValue;
      this.formTarget
        .querySelectorAll('[contenteditable="true"]:not([aria-label])')
        .forEach((editor) => {
          const block = editor.closest('[data-streamfield-child]');
          const number = block
            ? Array.from(block.parentElement.children)
                .filter((el) => el.matches('[data-streamfield-child]'))
                .indexOf(block) + 1
            : 0;
          editor.setAttribute('aria-label', number ? label + ' ' + number : label);
        });
    }

    /* The first field with an error: the innermost one (the body's blocks
       have their own). The StreamField draws its blocks, and their errors,
       after load: look again a few times. */
    firstInvalid() {
      const form = this.formTarget;
      const invalid = form.querySelector('[aria-invalid="true"]');
      if (invalid) {
        return invalid;
      }
      const field = Array.from(form.querySelectorAll('.w-field--error')).find(
        (el) => !el.querySelector('.w-field--error'),
      );
      const input = field && field.querySelector(FOCUSABLE);
      if (input) {
        return input;
      }
      const message = form.querySelector('.error-message');
      const around = message && message.closest('.liveblog-composer__flag, details');
      return around ? around.querySelector(FOCUSABLE) : null;
    }

    focusFirstError(tries) {
      let target = this.firstInvalid();
      if (!target && tries > 0) {
        window.setTimeout(() => this.focusFirstError(tries - 1), 150);
        return;
      }
      const messages = this.formTarget.querySelector('.help-critical, .error-message');
      if (!target && messages) {
        messages.setAttribute('tabindex', '-1');
        target = messages;
      }
      if (target) {
        target.scrollIntoView({ block: 'center' });
        target.focus({ preventScroll: true });
        // Pictures above it may still be loading and push it down: keep it
        // in view once they are in.
        const again = () => {
          if (document.activeElement === target) {
            target.scrollIntoView({ block: 'center' });
          }
        };
        window.addEventListener('load', again, { once: true });
        window.setTimeout(again, 600);
      }
    }

    markEdited() {
      this.formTarget.setAttribute('data-w-unsaved-force-value', 'true');
      this.formTarget.setAttribute('data-w-unsaved-has-edits-value', 'true');
      this.formTarget.removeEventListener('input', this.markEdited);
      this.formTarget.removeEventListener('change', this.markEdited);
    }

    /* form submit: wait for the rich text editor to save the last words. */
    submit(event) {
      if (this.flushed) {
        // A preview (a new tab) leaves the post unsent: Wagtail's w-unsaved
        // must still warn before the desk is left.
        if (event.submitter && event.submitter.hasAttribute('data-liveblog-preview')) {
          event.stopImmediatePropagation();
        }
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      const form = this.formTarget;
      const submitter = event.submitter || form.querySelector('[data-liveblog-primary]');
      if (document.activeElement && document.activeElement.blur) {
        document.activeElement.blur();
      }
      window.setTimeout(() => {
        this.flushed = true;
        form.requestSubmit(submitter);
        this.flushed = false;
      }, SAVE_DELAY_MS);
    }

    /* keydown.ctrl+enter / meta+enter: a click on the primary button, so that
       Wagtail's w-progress shows it working. */
    primary(event) {
      if (event.altKey) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      const primary = this.formTarget.querySelector('[data-liveblog-primary]');
      if (primary && !primary.disabled) {
        primary.click();
      }
    }
  }

  wagtail.app.register('liveblog-composer', ComposerController);
})();
