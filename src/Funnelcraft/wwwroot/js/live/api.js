// api.js: the calls the pages make, with the cookie and the page's antiforgery token. Each answers
// { status, body } (body: the JSON answer, a status or a problem, or null), or throws when the server is unreachable.

import { stepUrl } from './view-rules.js';

export function createApi({ projectId, token, fetch = globalThis.fetch.bind(globalThis), newKey = defaultKey }) {
  async function call(method, url, payload, headers = {}) {
    const response = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        Accept: 'application/json',
        ...(payload === undefined ? {} : { 'Content-Type': 'application/json' }),
        ...(method === 'GET' ? {} : { RequestVerificationToken: token }),
        ...headers,
      },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
    let body = null;
    try {
      body = await response.json();
    } catch { /* no JSON body */ }
    return { status: response.status, body };
  }

  return {
    start: (intakeId, regenerate, overwriteEdits = false) => call('POST', '/api/generate/auto-generate-all',
      { projectId, intakeId: intakeId || null, regenerate, overwriteEdits }, { 'Idempotency-Key': newKey() }),
    cancel: () => call('POST', '/api/generate/cancel', { projectId }),
    retryStep: (step) => call('POST', '/api/generate/retry-step', { projectId, step }),
    retryFailed: () => call('POST', '/api/generate/retry-failed', { projectId }),
    regenerateStep: (step, { instruction = null, withDependents = false, overwriteEdits = false } = {}) =>
      call('POST', '/api/generate/regenerate-step', { projectId, step, instruction, withDependents, overwriteEdits }, { 'Idempotency-Key': newKey() }),
    /** The step's current content version: { version } or null when it has none. */
    stepVersion: async (step) => {
      const { status, body } = await call('GET', `/api/projects/${projectId}/steps/${step}`);
      return status === 200 && body ? { version: body.version } : null;
    },
    /** The draft of a step being written, rendered in its layout (markup); null when it is not being written. */
    draft: async (step) => {
      const response = await fetch(`${stepUrl(projectId, step)}?handler=Draft`, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' } });
      return response.status === 200 ? response.text() : null;
    },
  };
}

function defaultKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}
