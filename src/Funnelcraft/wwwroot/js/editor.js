// editor.js: the step editor's form. Lists are added to, removed from and reordered with buttons (keyboard and
// screen-reader friendly: focus stays on the item, changes are announced); saving sends the whole content to
// PUT /api/projects/{projectId}/steps/{step} with If-Match, and the API's answer decides what the form shows:
// field errors beside their fields, a 412 (another tab saved first) with reload or compare, a 409 while a run writes.
import { call, problemText, offline } from './api.js';
import { toContent, paths, placeErrors, itemTitle, listBounds } from './editor-model.js';

const form = document.getElementById('editor');
const alertBox = document.getElementById('editor-alert');
const stale = document.getElementById('editor-stale');
const status = document.getElementById('editor-status');
const placeholder = '__n__';
let fresh = 0;
let dirty = false;

const structural = '[data-field],[data-object],[data-list]';
const owner = (el) => el.parentElement.closest('[data-object],[data-list],[data-item],form');

function read(container) {
  const nodes = [];
  for (const el of container.querySelectorAll(structural)) {
    if (owner(el) !== container) continue;
    if (el.dataset.field !== undefined) {
      nodes.push({ kind: 'value', name: el.dataset.field, type: el.dataset.type, raw: el.value, el });
    } else if (el.dataset.object !== undefined) {
      nodes.push({ kind: 'object', name: el.dataset.object, children: read(el), el });
    } else {
      const items = [...itemsOf(el)].map((li) => ({ kind: 'item', children: read(li), el: li }));
      nodes.push({ kind: 'list', name: el.dataset.list, items, el });
    }
  }
  return nodes;
}

const itemsOf = (list) => list.querySelector(':scope > [data-items]').children;

/** Where an error on a node is shown: a control's own error line, a list's or an item's; null for a hidden value or a group. */
function errorLine(node) {
  if (node.kind === 'value') return node.el.type === 'hidden' ? null : document.getElementById(`${node.el.id}-error`);
  if (node.kind === 'list' || node.kind === 'item') return node.el.querySelector(':scope > [data-error]');
  return null;
}

function clearErrors() {
  for (const line of form.querySelectorAll('[data-error]')) line.textContent = '';
  for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
  alertBox.hidden = true;
  alertBox.replaceChildren();
  stale.hidden = true;
}

function showErrors(errors) {
  const targets = new Map();
  for (const [path, node] of paths(read(form))) {
    const line = errorLine(node);
    if (line) targets.set(path, { node, line });
  }
  const { placed, general } = placeErrors(errors, (path) => targets.has(path));
  const summary = [];
  for (const [path, messages] of placed) {
    const { node, line } = targets.get(path);
    line.textContent = messages.join(' ');
    const focusable = node.kind === 'value' ? node.el : node.el.querySelector('input:not([type="hidden"]), textarea, select, button');
    if (node.kind === 'value') node.el.setAttribute('aria-invalid', 'true');
    summary.push({ text: messages.join(' '), target: focusable });
  }
  for (const message of general) summary.push({ text: message, target: null });
  summary.sort((a, b) => order(a.target) - order(b.target));
  showAlert(`${summary.length === 1 ? 'One thing needs' : `${summary.length} things need`} fixing before this can be saved:`, summary);
}

const all = () => [...form.querySelectorAll('input, textarea, select, button')];
const order = (el) => (el ? all().indexOf(el) : -1);

function showAlert(heading, items = []) {
  const title = document.createElement('p');
  title.textContent = heading;
  alertBox.replaceChildren(title);
  if (items.length > 0) {
    const list = document.createElement('ul');
    for (const { text, target } of items) {
      const li = document.createElement('li');
      if (target?.id) {
        const link = document.createElement('a');
        link.href = `#${target.id}`;
        link.textContent = text;
        link.addEventListener('click', (e) => { e.preventDefault(); target.focus(); });
        li.append(link);
      } else {
        li.textContent = text;
      }
      list.append(li);
    }
    alertBox.append(list);
  }
  alertBox.hidden = false;
  alertBox.focus();
}

function showStale(current) {
  const base = form.dataset.version;
  stale.querySelector('[data-stale-text]').textContent =
    `${form.dataset.name} changed after you opened this editor: version ${current} is current now, so your changes were not saved. Compare the versions, or reload the current one and edit it again.`;
  stale.querySelector('[data-stale-compare]').href = `${form.dataset.compare}?from=${base}&to=${current}`;
  stale.querySelector('[data-stale-reload]').href = form.dataset.edit;
  stale.hidden = false;
  stale.focus();
}

async function save(button) {
  clearErrors();
  button.disabled = true;
  status.textContent = 'Saving…';
  try {
    const result = await call(form.dataset.url, {
      method: 'PUT',
      headers: { 'If-Match': form.dataset.etag },
      body: { content: toContent(read(form)) },
    });
    status.textContent = '';
    if (result.ok) {
      const saved = result.body;
      if (String(saved.version) === form.dataset.version) {
        showAlert(`Nothing changed: version ${saved.version} already holds this content, so no new version was made.`);
      } else {
        dirty = false;
        location.assign(`${form.dataset.back}?edited=${encodeURIComponent(saved.version)}`);
        return;
      }
    } else if (result.status === 400 && result.body?.errors) {
      showErrors(result.body.errors);
    } else if (result.status === 412) {
      showStale(result.body?.currentVersion ?? '?');
    } else {
      showAlert(problemText(result, 'save'));
    }
  } catch {
    status.textContent = '';
    showAlert(offline);
  }
  button.disabled = false;
}

// ---- lists ----

function renumber(list) {
  const items = [...itemsOf(list)];
  const noun = list.dataset.noun;
  const { canAdd, canRemove } = listBounds(items.length, Number(list.dataset.min), Number(list.dataset.max));
  items.forEach((li, i) => {
    const position = i + 1;
    li.querySelector('[data-item-title]').textContent = itemTitle(noun, position);
    for (const button of li.querySelectorAll(':scope > .edit-item-head [data-move], :scope > .edit-item-head [data-remove]')) {
      const move = button.dataset.move;
      button.setAttribute('aria-label', move ? `Move ${noun} ${position} ${move}` : `Remove ${noun} ${position}`);
      button.disabled = move === 'up' ? i === 0 : move === 'down' ? i === items.length - 1 : !canRemove;
    }
    if (list.dataset.numbered) {
      const field = [...li.querySelectorAll(`[data-field="${list.dataset.numbered}"]`)].find((el) => owner(el) === li);
      if (field) field.value = String(position);
    }
  });
  list.querySelector(':scope > [data-add]').disabled = !canAdd;
}

function add(list) {
  const template = list.querySelector(':scope > template[data-template]');
  const item = template.content.firstElementChild.cloneNode(true);
  fresh += 1;
  for (const el of item.querySelectorAll('[id], [for], [aria-describedby]')) {
    for (const attribute of ['id', 'for', 'aria-describedby']) {
      const value = el.getAttribute(attribute);
      if (value?.includes(placeholder)) el.setAttribute(attribute, value.replaceAll(placeholder, `new${fresh}`));
    }
  }
  list.querySelector(':scope > [data-items]').append(item);
  renumber(list);
  dirty = true;
  item.querySelector('input:not([type="hidden"]), textarea, select')?.focus();
  status.textContent = `${itemTitle(list.dataset.noun, itemsOf(list).length)} added.`;
}

function remove(list, item) {
  const items = [...itemsOf(list)];
  const index = items.indexOf(item);
  item.remove();
  renumber(list);
  dirty = true;
  const next = itemsOf(list)[Math.min(index, itemsOf(list).length - 1)];
  (next?.querySelector('[data-remove]:not(:disabled), [data-move]:not(:disabled)') ?? list.querySelector(':scope > [data-add]')).focus();
  status.textContent = `${itemTitle(list.dataset.noun, index + 1)} removed; ${itemsOf(list).length} left.`;
}

function move(list, item, button, direction) {
  const sibling = direction === 'up' ? item.previousElementSibling : item.nextElementSibling;
  if (!sibling) return;
  if (direction === 'up') sibling.before(item); else sibling.after(item);
  renumber(list);
  dirty = true;
  const position = [...itemsOf(list)].indexOf(item) + 1;
  (button.disabled ? item.querySelector('[data-move]:not(:disabled)') : button)?.focus();
  status.textContent = `Moved to position ${position} of ${itemsOf(list).length}.`;
}

if (form) {
  for (const list of form.querySelectorAll('[data-list]')) renumber(list);
  form.addEventListener('click', (e) => {
    const button = e.target.closest('button');
    if (!button || button.type === 'submit') return;
    const list = button.closest('[data-list]');
    if (button.matches('[data-add]')) add(list);
    else if (button.matches('[data-remove]')) remove(list, button.closest('[data-item]'));
    else if (button.matches('[data-move]')) move(list, button.closest('[data-item]'), button, button.dataset.move);
  });
  form.addEventListener('input', () => { dirty = true; });
  // Reloading after a 412 is the person's choice (the notice says the changes were not saved): no leave-page prompt.
  stale.querySelector('[data-stale-reload]').addEventListener('click', () => { dirty = false; });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    save(form.querySelector('[data-save]'));
  });
  addEventListener('beforeunload', (e) => {
    if (dirty) e.preventDefault();
  });
}
