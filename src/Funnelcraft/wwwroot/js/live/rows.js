// rows.js: the step rows of the card and the tracker, kept in the order of status.progress and updated in place
// (the server renders the first rows from the same rules, so nothing jumps when the script takes over).

import { setText } from './dom.js';
import { describePreview } from './preview-rules.js';
import { describeStep, isActive } from './view-rules.js';

/**
 * @param {HTMLElement} list  the <ol class="step-list">
 * @param {object} status
 * @param {object} o
 * @param {HTMLTemplateElement} o.template a row to clone
 * @param {string} o.projectId
 * @param {boolean} [o.retryAll] the card shows one Retry all failed instead of a Retry per row
 * @param {Map<number, object>} [o.previews] the live preview of each step being written
 * @param {number} [o.deckSlides] how many slides a whole deck has
 */
export function renderRows(list, status, { template, projectId, retryAll = false, previews = new Map(), deckSlides = 0 }) {
  const ctx = { projectId, runActive: isActive(status.runStatus), retryAll };
  const wanted = new Set();
  (status.progress || []).forEach((p, index) => {
    let row = list.querySelector(`:scope > [data-step="${p.step}"]`);
    if (!row) row = template.content.firstElementChild.cloneNode(true);
    if (list.children[index] !== row) list.insertBefore(row, list.children[index] || null);
    updateRow(row, p, describeStep(p, ctx));
    const preview = previews.get(p.step);
    updatePreview(row, preview ? describePreview(p.step, preview.content, { deckSlides }) : null);
    wanted.add(String(p.step));
  });
  for (const row of [...list.children]) {
    if (!wanted.has(row.dataset.step)) row.remove();
  }
}

function updateRow(row, p, d) {
  row.dataset.step = String(p.step);
  row.dataset.status = p.status;
  const use = row.querySelector('.step-icon use');
  if (use.getAttribute('href') !== `#${d.icon}`) use.setAttribute('href', `#${d.icon}`);
  let name = row.querySelector('.step-name');
  if ((name.tagName === 'A') !== Boolean(d.href)) {
    const replacement = document.createElement(d.href ? 'a' : 'span');
    replacement.className = 'step-name';
    name.replaceWith(replacement);
    name = replacement;
  }
  if (d.href && name.getAttribute('href') !== d.href) name.setAttribute('href', d.href);
  setText(name, p.stepName);
  setText(row.querySelector('.step-state'), `(${d.state})`);
  setText(row.querySelector('.step-detail'), d.detail);
  const percent = row.querySelector('.step-percent');
  percent.hidden = d.percent === null;
  setText(percent, d.percent === null ? '' : `${d.percent}%`);
  const retry = row.querySelector('.step-retry');
  retry.hidden = !d.retry;
  retry.dataset.retry = String(p.step);
  retry.setAttribute('aria-label', `Retry ${p.stepName}`);
}

/** The text arriving for a step being written (not a live region: only step completions are announced). */
function updatePreview(row, line) {
  const el = row.querySelector('.step-preview');
  if (!el) return;
  el.hidden = !line;
  setText(el.querySelector('.step-preview-title'), line?.title ?? '');
  setText(el.querySelector('.step-preview-text'), line?.text ?? '');
}
