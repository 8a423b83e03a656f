// actions.js: what the card's buttons do. Each shows its button busy at once, calls the API, and hands the status
// it answers to every tab (publish); a refusal or a network failure becomes a toast.

import { busy } from './dom.js';

/**
 * @param {object} o
 * @param {ReturnType<import('./api.js').createApi>} o.api
 * @param {(status: object) => void} o.publish  a status learned from an answer, for every tab
 * @param {() => void} o.started               a run was started from this tab
 * @param {ReturnType<import('./toasts.js').createNotices>} o.notices
 */
export function createActions({ api, publish, started, notices }) {
  async function run(button, label, call, { starts, refused }) {
    const done = busy(button, label);
    try {
      const { status, body } = await call();
      if (status === 202 && body) {
        if (starts) started();
        publish(body);
      } else {
        notices.toast('warn', refused, body?.detail || `HTTP ${status}`);
        if (body?.generationStatus) publish(body.generationStatus);
      }
    } catch {
      notices.toast('error', refused, 'Check the connection and try again.');
    } finally {
      done();
    }
  }

  return {
    cancel: (button) => run(button, 'Cancelling…', api.cancel, { starts: false, refused: 'Nothing to cancel' }),
    retryStep: (step, button) => run(button, 'Retrying…', () => api.retryStep(step), { starts: true, refused: 'Could not retry' }),
    retryFailed: (button) => run(button, 'Retrying…', api.retryFailed, { starts: true, refused: 'Could not retry' }),
  };
}
