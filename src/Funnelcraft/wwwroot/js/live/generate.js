// generate.js: the Generate / Regenerate All Content button on step 1 and its confirm dialog. A confirm shows a
// "Starting…" toast at once, until the server has answered (then the card shows the run, or the error shows);
// the button stays disabled while a run is active.

import { setText } from './dom.js';
import { isActive } from './view-rules.js';

export class GenerateControl {
  /**
   * @param {HTMLButtonElement} button
   * @param {object} o
   * @param {ReturnType<import('./api.js').createApi>} o.api
   * @param {(status: object) => void} o.publish
   * @param {() => void} o.started
   * @param {() => object} o.current
   * @param {ReturnType<import('./toasts.js').createNotices>} o.notices
   */
  constructor(button, { api, publish, started, current, notices }) {
    Object.assign(this, { button, api, publish, started, current, notices });
    this.page = button.closest('[data-has-content]');
    this.dialog = document.getElementById('generate-dialog');
    this.error = document.getElementById('generate-error');
    this.busyLine = document.querySelector('[data-generate-busy]');
    this.choice = document.getElementById('intake-choice');
    this.pending = false;
    button.addEventListener('click', () => this.open());
    this.dialog.addEventListener('close', () => {
      if (this.dialog.returnValue === 'confirm') this.start();
      this.dialog.returnValue = '';
    });
  }

  open() {
    const selected = this.choice?.selectedOptions[0];
    setText(this.dialog.querySelector('[data-intake-label]'), selected ? selected.textContent.trim() : 'your intake');
    this.error.hidden = true;
    this.dialog.showModal();
  }

  async start() {
    this.pending = true;
    this.render(this.current());
    const starting = this.notices.toast('info', 'Starting…', 'Funnelcraft is setting up the run.', null, 30_000);
    const regenerate = this.page?.dataset.hasContent === 'true';
    try {
      const overwrite = this.dialog.querySelector('[data-overwrite-edits]');
      const { status, body } = await this.api.start(this.choice?.value, regenerate, Boolean(regenerate && overwrite?.checked));
      if (overwrite) overwrite.checked = false;
      if (status === 202 && body) {
        this.started();
        this.publish(body);
        document.getElementById('fc-card-title')?.focus(); // the button is now disabled: follow the run
      } else {
        this.showError(body?.detail || `Could not start the run (HTTP ${status}).`);
        if (body?.generationStatus) this.publish(body.generationStatus);
      }
    } catch {
      this.showError('Could not reach Funnelcraft. Check the connection and try again.');
    } finally {
      starting.remove();
      this.pending = false;
      this.render(this.current());
    }
  }

  showError(text) {
    this.error.textContent = text;
    this.error.hidden = false;
  }

  render(status) {
    const active = isActive(status?.runStatus);
    this.button.disabled = this.pending || active || this.button.dataset.hasIntake !== 'true';
    if (this.busyLine) this.busyLine.dataset.active = String(active);
    if (!active && (status?.completedSteps || []).length > 0 && this.page) this.page.dataset.hasContent = 'true';
  }
}
