// tracker.js: the floating tracker on every page but step 1: collapsed by default, expanded/collapsed remembered
// for the session, X hides it on this page (the next page load shows it again while the run goes on), it hides
// itself 5 s after the run ends, completed rows are links.

import { setText } from './dom.js';
import { renderRows } from './rows.js';
import { isActive, summarize } from './view-rules.js';

export class Tracker {
  /**
   * @param {HTMLElement} el
   * @param {object} o
   * @param {string} o.projectId
   * @param {HTMLTemplateElement} o.template
   * @param {{get: Function, set: Function}} o.store
   * @param {{later: Function, cancel: Function}} o.timers
   * @param {() => number} o.now
   * @param {number} [o.deckSlides] how many slides a whole deck has
   */
  constructor(el, { projectId, template, store, timers, now, deckSlides = 0 }) {
    Object.assign(this, { el, projectId, template, store, timers, now, deckSlides });
    this.expandedKey = 'funnelcraft.tracker-expanded';
    this.toggle = el.querySelector('.tracker-toggle');
    this.panel = el.querySelector('.tracker-body');
    this.list = el.querySelector('.step-list');
    this.bar = el.querySelector('.tracker-progress');
    this.lingering = false;
    this.dismissed = false;
    this.hideTimer = 0;
    this.setExpanded(store.get(this.expandedKey) === '1');
    this.toggle.addEventListener('click', () => this.setExpanded(!this.expanded, true));
    el.querySelector('.tracker-close').addEventListener('click', () => {
      this.dismissed = true;
      this.el.hidden = true;
      document.getElementById('main')?.focus();
    });
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.expanded) {
        this.setExpanded(false, true);
        this.toggle.focus();
      }
    });
  }

  setExpanded(expanded, remember = false) {
    this.expanded = expanded;
    this.el.dataset.expanded = String(expanded);
    this.toggle.setAttribute('aria-expanded', String(expanded));
    this.panel.hidden = !expanded;
    if (remember) this.store.set(this.expandedKey, expanded ? '1' : '0');
  }

  runStarted() {
    this.dismissed = false;
    this.lingering = false;
    this.timers.cancel(this.hideTimer);
  }

  runEnded() {
    this.lingering = true;
    this.timers.cancel(this.hideTimer);
    this.hideTimer = this.timers.later(() => {
      this.lingering = false;
      this.el.hidden = true;
    }, 5000);
  }

  render(status, previews = new Map()) {
    this.el.hidden = !(status.runId && !this.dismissed && (isActive(status.runStatus) || this.lingering));
    if (!status.runId) return;
    const s = summarize(status, this.now());
    this.el.dataset.runStatus = status.runStatus;
    const stateIcon = s.active ? 'i-spinner' : status.runStatus === 'completed' ? 'i-check' : status.runStatus === 'cancelled' ? 'i-cancelled' : 'i-cross';
    this.el.querySelector('.tracker-icon use').setAttribute('href', `#${stateIcon}`);
    setText(this.el.querySelector('.tracker-title'), s.title);
    setText(this.el.querySelector('.tracker-count'), `${s.done} of ${s.total} steps`);
    setText(this.el.querySelector('.tracker-eta'), s.timeLeft);
    this.bar.max = s.total || 7;
    this.bar.value = s.progress;
    renderRows(this.list, status, { template: this.template, projectId: this.projectId, previews, deckSlides: this.deckSlides });
  }

  tick(status) {
    if (status.runId) setText(this.el.querySelector('.tracker-eta'), summarize(status, this.now()).timeLeft);
  }
}
