// card.js: the progress card on step 1: title, "3 of 7 steps", time left, the bar, the rows, the note, and the
// Cancel / Retry / Retry all failed / Notify buttons. Closing it hides it until the next run (sessionStorage).

import { setText } from './dom.js';
import { renderRows } from './rows.js';
import { summarize } from './view-rules.js';

export class ProgressCard {
  /**
   * @param {HTMLElement} el
   * @param {object} o
   * @param {string} o.projectId
   * @param {HTMLTemplateElement} o.template
   * @param {{get: Function, set: Function, remove: Function}} o.store
   * @param {ReturnType<import('./actions.js').createActions>} o.actions
   * @param {() => object} o.current     the status shown now
   * @param {() => number} o.now
   * @param {any} [o.Notification]
   * @param {(kind: string, title: string, text: string) => void} o.toast
   * @param {number} [o.deckSlides] how many slides a whole deck has (its row counts them)
   */
  constructor(el, { projectId, template, store, actions, current, now, Notification = globalThis.Notification, toast, deckSlides = 0 }) {
    Object.assign(this, { el, projectId, template, store, current, now, Notification, deckSlides });
    this.closedKey = `funnelcraft.card-closed.${projectId}`;
    this.list = el.querySelector('.step-list');
    this.bar = el.querySelector('.card-progress');
    this.notify = el.querySelector('[data-notify]');
    this.cancel = el.querySelector('[data-cancel]');
    this.retryAll = el.querySelector('[data-retry-all]');
    this.runId = null;
    el.querySelector('.card-close').addEventListener('click', () => {
      store.set(this.closedKey, this.runId ?? '');
      el.hidden = true;
      document.querySelector('[data-generate]')?.focus();
    });
    this.cancel.addEventListener('click', () => actions.cancel(this.cancel));
    this.retryAll.addEventListener('click', () => actions.retryFailed(this.retryAll));
    this.list.addEventListener('click', (e) => {
      const button = e.target.closest('[data-retry]');
      if (button && !button.disabled) actions.retryStep(Number(button.dataset.retry), button);
    });
    this.notify.addEventListener('click', async () => {
      const permission = await this.Notification.requestPermission();
      if (permission === 'granted') toast('success', 'Notifications are on', 'You will get a notification when the run ends while this tab is in the background.');
      this.render(this.current());
    });
  }

  runStarted() {
    this.store.remove(this.closedKey);
  }

  render(status, previews = this.previews ?? new Map()) {
    this.previews = previews;
    this.runId = status.runId;
    if (!status.runId) {
      this.el.hidden = true;
      return;
    }
    this.el.hidden = this.store.get(this.closedKey) === status.runId;
    const s = summarize(status, this.now());
    this.el.dataset.run = status.runId;
    this.el.dataset.runStatus = status.runStatus;
    setText(this.el.querySelector('.card-title'), s.title);
    setText(this.el.querySelector('.card-count'), `${s.done} of ${s.total} steps`);
    setText(this.el.querySelector('.card-eta'), s.timeLeft);
    this.bar.max = s.total || 7;
    this.bar.value = s.progress;
    renderRows(this.list, status, { template: this.template, projectId: this.projectId, retryAll: s.canRetryAll, previews, deckSlides: this.deckSlides });
    this.el.querySelector('.card-note').dataset.state = s.note;
    this.cancel.hidden = !s.active;
    this.retryAll.hidden = !s.canRetryAll;
    this.notify.hidden = !(s.active && this.Notification && this.Notification.permission === 'default');
  }

  tick(status) {
    if (status.runId) setText(this.el.querySelector('.card-eta'), summarize(status, this.now()).timeLeft);
  }
}
