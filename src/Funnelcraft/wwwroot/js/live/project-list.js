// project-list.js: one project's card on the project list, live: its state in the tracker's words ("3 of 7 ·
// writing", "Ready", "2 failed") and how many of its pieces have content.

import { setText } from './dom.js';
import { projectState } from './view-rules.js';

export class ProjectCardView {
  /** @param {HTMLElement} el a [data-project-card] */
  constructor(el) {
    this.el = el;
    this.total = Number(el.dataset.totalPieces || 7);
    this.pieces = new Set((el.dataset.pieces || '').split(',').filter(Boolean).map(Number));
  }

  render(status) {
    for (const step of status.completedSteps || []) this.pieces.add(step);
    const { state, text } = projectState(status, this.pieces.size, this.total);
    const badge = this.el.querySelector('.project-state');
    badge.dataset.state = state;
    setText(badge.querySelector('.project-state-text'), text);
    const bar = this.el.querySelector('.pieces progress');
    bar.value = this.pieces.size;
    setText(this.el.querySelector('.pieces-text'), `${this.pieces.size} of ${this.total} pieces`);
  }
}
