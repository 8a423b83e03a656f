// content.js: the version history menu, version restore (through the API, with the page's antiforgery token) and
// copy-to-clipboard buttons (a field, a section by id, an e-mail).
const error = document.getElementById('restore-error');
const timers = new Set();
addEventListener('pagehide', () => {
  for (const id of timers) clearTimeout(id);
  timers.clear();
});

async function restore(button) {
  const token = document.querySelector('meta[name="request-verification-token"]')?.content ?? '';
  button.disabled = true;
  error.hidden = true;
  try {
    const response = await fetch(button.dataset.url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Accept: 'application/json', RequestVerificationToken: token },
    });
    if (response.ok) {
      location.assign(`${location.pathname}?restored=${encodeURIComponent(button.dataset.restore)}`);
      return;
    }
    let detail = null;
    try {
      detail = (await response.json()).detail;
    } catch { /* not JSON */ }
    error.textContent = detail || `Could not restore version ${button.dataset.restore} (HTTP ${response.status}).`;
    error.hidden = false;
  } catch {
    error.textContent = 'Could not reach Funnelcraft. Check the connection and try again.';
    error.hidden = false;
  }
  button.disabled = false;
}

async function copy(button, text) {
  try {
    await navigator.clipboard.writeText(text.trim());
    button.classList.add('copied');
    const label = button.querySelector('span');
    const before = label?.textContent;
    if (label) label.textContent = 'Copied';
    const id = setTimeout(() => {
      timers.delete(id);
      button.classList.remove('copied');
      if (label) label.textContent = before;
    }, 1500);
    timers.add(id);
  } catch { /* clipboard refused: nothing to do */ }
}

// The history menu closes on a click elsewhere and on Escape, like any menu.
const history = document.getElementById('history');
document.addEventListener('click', (e) => {
  if (history?.open && !history.contains(e.target)) history.open = false;
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape' && history?.open) {
    history.open = false;
    history.querySelector('summary').focus();
  }
});

document.addEventListener('click', (e) => {
  const restoreButton = e.target.closest('[data-restore]');
  if (restoreButton) {
    restore(restoreButton);
    return;
  }
  const copyButton = e.target.closest('[data-copy]');
  if (copyButton) {
    copy(copyButton, copyButton.closest('.copy-item')?.querySelector('dd')?.textContent ?? '');
    return;
  }
  const sectionButton = e.target.closest('[data-copy-from]');
  if (sectionButton) {
    copy(sectionButton, document.getElementById(sectionButton.dataset.copyFrom)?.innerText ?? '');
    return;
  }
  const emailButton = e.target.closest('[data-copy-email]');
  if (emailButton) {
    const email = emailButton.closest('.email');
    const subject = email.querySelector('.email-subject').textContent;
    const bodyText = email.querySelector('.email-body').textContent;
    copy(emailButton, `Subject: ${subject}\n\n${bodyText}`);
  }
});
