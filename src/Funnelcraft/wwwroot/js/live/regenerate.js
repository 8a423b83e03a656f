// regenerate.js: the Regenerate button on a content page and its dialog (an optional instruction; the pieces written
// from this one, and whether to rewrite an edited one among them). Confirming sends POST regenerate-step and keeps the
// dialog open until the server answers: a run that started is published at once (the page says a new version is being
// written, the tracker follows it); a refusal is shown in the dialog, an instruction's error beside its field. The
// button is disabled while any run of the project is active (the server would answer 409).

import { busy, setText } from './dom.js';
import { isActive } from './view-rules.js';

export class RegenerateControl {
  /**
   * @param {HTMLButtonElement} button
   * @param {object} o
   * @param {ReturnType<import('./api.js').createApi>} o.api
   * @param {(status: object) => void} o.publish
   * @param {() => void} o.started
   * @param {ReturnType<import('./toasts.js').createNotices>} o.notices
   */
  constructor(button, { api, publish, started, notices, doc = document }) {
    Object.assign(this, { button, api, publish, started, notices });
    this.dialog = doc.getElementById('regenerate-dialog');
    this.form = this.dialog.querySelector('form');
    this.instruction = this.dialog.querySelector('#regenerate-instruction');
    this.fieldError = this.dialog.querySelector('#regenerate-instruction-error');
    this.error = this.dialog.querySelector('#regenerate-error');
    this.withDependents = this.dialog.querySelector('[data-with-dependents]');
    this.overwriteEdits = this.dialog.querySelector('[data-overwrite-edits]');
    this.confirm = this.dialog.querySelector('[data-confirm-regenerate]');
    this.step = Number(this.dialog.dataset.step);
    this.sending = false;
    button.addEventListener('click', () => this.open());
    this.withDependents?.addEventListener('change', () => this.syncChoices());
    this.instruction.addEventListener('input', () => this.showFieldError(''));
    this.form.addEventListener('submit', (e) => {
      if (e.submitter?.value !== 'confirm') return; // Cancel closes the dialog
      e.preventDefault();
      this.send();
    });
    this.dialog.addEventListener('cancel', (e) => {
      if (this.sending) e.preventDefault(); // Escape waits for the answer
    });
  }

  open() {
    this.error.hidden = true;
    this.showFieldError('');
    this.syncChoices();
    this.dialog.showModal();
    this.instruction.focus();
  }

  syncChoices() {
    if (!this.overwriteEdits) return;
    this.overwriteEdits.disabled = !this.withDependents?.checked;
    if (this.overwriteEdits.disabled) this.overwriteEdits.checked = false;
  }

  async send() {
    this.sending = true;
    this.error.hidden = true;
    this.showFieldError('');
    const done = busy(this.confirm, 'Starting…');
    try {
      const { status, body } = await this.api.regenerateStep(this.step, {
        instruction: this.instruction.value.trim() || null,
        withDependents: Boolean(this.withDependents?.checked),
        overwriteEdits: Boolean(this.overwriteEdits?.checked),
      });
      if (status === 202 && body) {
        this.sending = false;
        this.dialog.close('started');
        this.instruction.value = '';
        this.started();
        this.publish(body);
        this.notices.announce('Regenerating. The new version appears here when it is ready.');
        return;
      }
      const fieldProblem = body?.errors?.instruction?.[0];
      if (fieldProblem) {
        this.showFieldError(fieldProblem);
        this.instruction.focus();
      } else {
        this.showError(body?.detail || body?.title || `Could not regenerate (HTTP ${status}).`);
      }
      if (body?.generationStatus) this.publish(body.generationStatus);
    } catch {
      this.showError('Could not reach Funnelcraft. Check the connection and try again.');
    } finally {
      this.sending = false;
      done();
    }
  }

  showFieldError(text) {
    setText(this.fieldError, text);
    if (text) this.instruction.setAttribute('aria-invalid', 'true');
    else this.instruction.removeAttribute('aria-invalid');
  }

  showError(text) {
    setText(this.error, text);
    this.error.hidden = false;
  }

  render(status) {
    const active = isActive(status?.runStatus);
    this.button.disabled = active;
    this.button.title = active ? 'A run is in progress; regenerate when it ends.' : '';
  }
}
