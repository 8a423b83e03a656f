// toasts.js: what the page tells the user besides the card: toasts (a polite live region), browser notifications
// when the tab is hidden, the aria-live announcer for finished steps, and the "Reconnecting…" notice.

import { icon } from './dom.js';

/**
 * @param {object} o
 * @param {HTMLElement} o.region    the toast container (role=status)
 * @param {HTMLElement} o.announcer the sr-only aria-live region
 * @param {HTMLElement|null} o.offline the "Reconnecting…" notice
 * @param {{later: Function}} o.timers
 * @param {Document} [o.doc]
 * @param {any} [o.Notification]    the browser's Notification, when it has one
 */
export function createNotices({ region, announcer, offline, timers, doc = document, Notification = globalThis.Notification }) {
  function toast(kind, title, text, link, ms = 8000) {
    const el = doc.createElement('div');
    el.className = `toast toast-${kind}`;
    el.append(icon({ success: 'i-check', warn: 'i-alert', error: 'i-cross' }[kind] || 'i-info', 'toast-icon'));
    const content = doc.createElement('div');
    content.className = 'toast-text';
    const strong = doc.createElement('strong');
    strong.textContent = title;
    content.append(strong);
    if (text) {
      const p = doc.createElement('p');
      p.textContent = text;
      content.append(p);
    }
    if (link) {
      const a = doc.createElement('a');
      a.href = link.href;
      a.textContent = link.text;
      content.append(a);
    }
    const close = doc.createElement('button');
    close.type = 'button';
    close.className = 'icon-btn toast-close';
    close.setAttribute('aria-label', 'Dismiss');
    close.append(icon('i-close'));
    close.addEventListener('click', () => el.remove());
    el.append(content, close);
    region.append(el);
    timers.later(() => el.remove(), ms);
    return el;
  }

  function announce(text) {
    const line = doc.createElement('p');
    line.textContent = text;
    announcer.append(line);
    while (announcer.childElementCount > 3) announcer.firstElementChild.remove();
  }

  function notifyIfHidden(title, text, tag) {
    if (doc.visibilityState !== 'hidden' || !Notification || Notification.permission !== 'granted') return;
    try {
      // The same tag from several hidden tabs collapses into one notification.
      const n = new Notification(title, { body: text, tag, icon: '/favicon.svg' });
      n.addEventListener('click', () => { globalThis.focus(); n.close(); });
    } catch { /* some platforms only allow notifications from a service worker */ }
  }

  let signedOut = false;
  /** The feed's connection state: a notice while nothing reaches the server, a toast once when signed out. */
  function connection(state) {
    if (offline) offline.hidden = state !== 'down';
    if (state === 'signed-out' && !signedOut) {
      signedOut = true;
      toast('warn', 'You are signed out', 'Sign in again to follow the progress.', { href: '/account/login', text: 'Sign in' });
    }
  }

  return { toast, announce, notifyIfHidden, connection };
}
