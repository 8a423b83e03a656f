// live-view.js: one project's status on this page. It applies each newer status (from the feed, another tab or
// an API answer), tells the views what changed — a run started, a step finished or failed, the run ended — and
// renders them. A view is any object with render(status, previews) and, optionally, tick, runStarted, stepCompleted,
// runEnded. It also keeps the newest live preview of each step (acceptPreview); a view is given only those the status
// still shows being written (by step), so a preview disappears with its attempt. Previews never reach the announcer.

import { previewNewer, shownPreviews } from './preview-rules.js';
import { isActive, runEndMessage } from './view-rules.js';

export class LiveView {
  /**
   * @param {object} o
   * @param {string} o.projectId
   * @param {object|null} o.initial        the status the page was rendered with
   * @param {boolean} o.onStep1
   * @param {ReturnType<import('./toasts.js').createNotices>} o.notices
   */
  constructor({ projectId, initial, onStep1, notices }) {
    Object.assign(this, { projectId, onStep1, notices });
    this.status = initial;
    this.views = [];
    this.previews = new Map(); // step -> the newest preview heard
  }

  add(view) {
    if (view) this.views.push(view);
    return this;
  }

  /** A status from anywhere: applied when it is this project's and newer than the one shown. */
  accept(status) {
    if (!status || status.projectId !== this.projectId) return;
    const previous = this.status;
    if (previous && status.version <= previous.version) return;
    this.status = status;
    this.observe(previous, status);
    this.render();
  }

  /** A step's preview from anywhere: kept when newer than the one held for its step, and shown if the status shows its attempt. */
  acceptPreview(preview) {
    if (!preview || typeof preview.step !== 'number' || !previewNewer(preview, this.previews.get(preview.step))) return;
    this.previews.set(preview.step, preview);
    this.render();
  }

  /** A run was started from this tab: the card and tracker show again even if they were closed. */
  started() {
    for (const view of this.views) view.runStarted?.();
  }

  observe(previous, next) {
    const sameRun = previous && previous.runId === next.runId;
    const wasActive = previous && isActive(previous.runStatus);
    const nowActive = isActive(next.runStatus);
    if (nowActive && (!sameRun || !wasActive)) {
      this.started();
      this.notices.announce('Generation started.');
    }
    if (sameRun) {
      for (const p of next.progress || []) {
        const before = (previous.progress || []).find((q) => q.step === p.step);
        if (!before || before.status === p.status) continue;
        if (p.status === 'completed') {
          this.notices.announce(`${p.stepName} is ready.`);
          for (const view of this.views) view.stepCompleted?.(p, () => this.status);
        } else if (p.status === 'failed') {
          this.notices.announce(`${p.stepName} failed: ${p.error || 'unknown error'}`);
        }
      }
    }
    if (!nowActive && next.runId && previous && (sameRun ? wasActive : true)) this.ended(next);
  }

  ended(status) {
    const message = runEndMessage(status, this.onStep1);
    const link = !this.onStep1 && message.kind !== 'success' ? { href: `/funnel-builder/${this.projectId}/step/1`, text: 'Go to step 1' } : null;
    this.notices.toast(message.kind, message.title, message.text, link); // the toast region is itself a polite live region
    this.notices.notifyIfHidden(message.title, message.text, `funnelcraft-${status.runId}-${status.version}`);
    for (const view of this.views) view.runEnded?.(status);
  }

  render() {
    if (!this.status) return;
    const previews = shownPreviews(this.status, this.previews); // at most one held per step, so nothing to prune
    for (const view of this.views) view.render(this.status, previews);
  }

  tick() {
    if (!this.status) return;
    for (const view of this.views) view.tick?.(this.status);
  }
}
