// compare.js: restore either side of a comparison (through the API), then show the step with the restored version current.
import { call, problemText, offline } from './api.js';

const error = document.getElementById('compare-error');

document.addEventListener('click', async (e) => {
  const button = e.target.closest('[data-restore]');
  if (!button) return;
  button.disabled = true;
  error.hidden = true;
  try {
    const result = await call(button.dataset.url, { method: 'POST' });
    if (result.ok) {
      location.assign(`${button.dataset.back}?restored=${encodeURIComponent(button.dataset.restore)}`);
      return;
    }
    error.textContent = problemText(result, `restore version ${button.dataset.restore}`);
  } catch {
    error.textContent = offline;
  }
  error.hidden = false;
  button.disabled = false;
});
