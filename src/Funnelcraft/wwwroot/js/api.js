// api.js: one JSON call to the API from a page, signed with the page's antiforgery token. Answers
// { ok, status, body } where body is the parsed JSON (the problem details on an error), or null.
export async function call(url, { method = 'GET', body, headers = {} } = {}) {
  const token = document.querySelector('meta[name="request-verification-token"]')?.content ?? '';
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      RequestVerificationToken: token,
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let parsed = null;
  try {
    parsed = await response.json();
  } catch { /* no JSON body */ }
  return { ok: response.ok, status: response.status, body: parsed };
}

/** What went wrong, in words: the problem's detail, else a sentence with the status. */
export function problemText(result, action) {
  return result.body?.detail || `Could not ${action} (HTTP ${result.status}).`;
}

export const offline = 'Could not reach Funnelcraft. Check the connection and try again.';
