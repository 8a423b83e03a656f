// dom.js: the few DOM helpers the live modules share. Text from the server is only ever set as textContent.

const svgNs = 'http://www.w3.org/2000/svg';

export function setText(el, text) {
  if (el && el.textContent !== text) el.textContent = text;
}

/** An icon from the page's SVG sprite. */
export function icon(name, className = 'i') {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  const use = document.createElementNS(svgNs, 'use');
  use.setAttribute('href', `#${name}`);
  svg.append(use);
  return svg;
}

/** Marks a button busy at once (disabled, aria-busy, its label swapped) until the returned function is called. */
export function busy(button, label) {
  const text = button.querySelector('.btn-label') ?? button;
  const before = text.textContent;
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  button.dataset.busy = 'true';
  text.textContent = label;
  return () => {
    button.disabled = false;
    button.removeAttribute('aria-busy');
    delete button.dataset.busy;
    text.textContent = before;
  };
}

/** sessionStorage that never throws (private mode, storage disabled). */
export const sessionStore = {
  get: (key) => { try { return sessionStorage.getItem(key); } catch { return null; } },
  set: (key, value) => { try { sessionStorage.setItem(key, value); } catch { /* unavailable */ } },
  remove: (key) => { try { sessionStorage.removeItem(key); } catch { /* unavailable */ } },
};
