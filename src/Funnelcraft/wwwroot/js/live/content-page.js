// content-page.js: a step's content page while a run rewrites it. One state at a time: "A new version is being
// written", then "Version N+1 is ready — Show it" once it has landed; the header's "Version N of M" follows. Also
// ticks the step off in the side navigation when it is written.

import { setText } from './dom.js';
import { isBeingWritten } from './view-rules.js';

export class ContentPageView {
  /**
   * @param {object} o
   * @param {number|null} o.step           this page's step (null on pages that show none)
   * @param {number} o.shown               the version on screen
   * @param {number} o.latest              the newest version when the page was rendered (0: none)
   * @param {(step: number) => Promise<{version: number}|null>} o.stepVersion
   * @param {Document} [o.doc]
   */
  constructor({ step, shown, latest, stepVersion, doc = document }) {
    Object.assign(this, { step, shown, stepVersion, doc });
    this.loaded = latest;
    this.latest = latest;
    this.writing = doc.getElementById('fc-step-writing');
    this.ready = doc.getElementById('fc-step-banner');
    this.empty = doc.querySelector('[data-empty-writing]');
    this.label = doc.querySelector('.version-label');
  }

  render(status) {
    if (this.step === null) return;
    const writing = isBeingWritten(status, this.step);
    const state = writing ? 'writing' : this.latest > this.loaded ? 'ready' : 'idle';
    if (this.writing) this.writing.hidden = state !== 'writing';
    if (this.empty) this.empty.dataset.emptyWriting = String(writing);
    if (this.ready) {
      this.ready.hidden = state !== 'ready';
      setText(this.ready.querySelector('[data-ready-text]'), `Version ${this.latest} is ready.`);
    }
    if (this.label && this.latest > 0) setText(this.label, `Version ${this.shown} of ${this.latest}`);
  }

  /** A step of the run was written: tick it off in the navigation; on its own page, learn its new version. */
  async stepCompleted(p, status) {
    const nav = this.doc.querySelector(`[data-nav-step="${p.step}"]`);
    if (nav) {
      nav.classList.add('has-content');
      setText(nav.querySelector('.nav-ready-text'), '(ready)');
    }
    if (p.step !== this.step) return;
    let answer = null;
    try {
      answer = await this.stepVersion(p.step);
    } catch { /* unreachable: the page shows the old version, which is still true */ }
    if (answer && answer.version > this.latest) {
      this.latest = answer.version;
      this.render(status());
    }
  }
}
