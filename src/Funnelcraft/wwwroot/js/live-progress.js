// live-progress.js: the one module for live generation progress (DESIGN.md §5, §7).
//
// Data: one EventSource per browser and project, shared by all of its tabs. Web Locks elect a leader tab that holds
// the connection; a BroadcastChannel fans every status out to the other tabs; when the leader closes, the browser
// hands the lock (and so the connection) to another tab. When SSE fails the leader polls generation-status with
// ETag/If-None-Match and goes back to SSE when it recovers. Every connection and timer is closed on pagehide.
//
// UI: the progress card (step 1), the floating tracker (every other page), the generate / cancel / retry actions,
// toasts, browser notifications and aria-live announcements. Data from the server is only ever set as textContent.

const body = document.body;
const projectId = body.dataset.liveProject;
const pageKind = body.dataset.livePage || 'other';
const pageStep = body.dataset.liveStep ? Number(body.dataset.liveStep) : null;
const pollInterval = pageKind === 'step1' ? 2500 : 3000;
const statusUrl = `/api/generate/generation-status?projectId=${encodeURIComponent(projectId)}`;
const eventsUrl = `/api/generate/generation-events?projectId=${encodeURIComponent(projectId)}`;
const svgNs = 'http://www.w3.org/2000/svg';
const isActive = (runStatus) => runStatus === 'queued' || runStatus === 'running';

// ---- timers: every one goes through here, so pagehide can clear them all ----

const timers = new Set();
function later(fn, ms) {
  const id = setTimeout(() => { timers.delete(id); fn(); }, ms);
  timers.add(id);
  return id;
}
function cancelTimer(id) {
  clearTimeout(id);
  timers.delete(id);
}
function clearTimers() {
  for (const id of timers) clearTimeout(id);
  timers.clear();
}

// ---- small DOM helpers ----

function setText(el, text) {
  if (el && el.textContent !== text) el.textContent = text;
}
function icon(name, className = 'i') {
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  const use = document.createElementNS(svgNs, 'use');
  use.setAttribute('href', `#${name}`);
  svg.append(use);
  return svg;
}
function stepUrl(step) {
  return step === 0 ? `/funnel-builder/${projectId}/marketing-profile` : `/funnel-builder/${projectId}/step/${step}`;
}
const store = {
  get: (key) => { try { return sessionStorage.getItem(key); } catch { return null; } },
  set: (key, value) => { try { sessionStorage.setItem(key, value); } catch { /* private mode */ } },
  remove: (key) => { try { sessionStorage.removeItem(key); } catch { /* private mode */ } },
};

// ---- what a status means (the server's StepRowView and RunSummaryView apply the same rules) ----

function describeStep(p, runActive) {
  switch (p.status) {
    case 'in_progress': return { icon: 'i-spinner', state: 'writing', detail: p.detail || 'Writing…', percent: p.percent, href: null, retry: false };
    case 'completed': return { icon: 'i-check', state: 'done', detail: p.detail || 'Ready', percent: 100, href: stepUrl(p.step), retry: false };
    case 'failed': return { icon: 'i-cross', state: 'failed', detail: p.error || 'Failed', percent: null, href: null, retry: !runActive };
    case 'skipped': return { icon: 'i-skipped', state: 'skipped', detail: p.error || 'Skipped', percent: null, href: null, retry: !runActive };
    case 'cancelled': return { icon: 'i-cancelled', state: 'cancelled', detail: 'Cancelled', percent: null, href: null, retry: false };
    default: return { icon: 'i-pending', state: 'waiting', detail: p.detail || 'Waiting', percent: null, href: null, retry: false };
  }
}

function summarize(status) {
  const steps = status.progress || [];
  const count = (s) => steps.filter((p) => p.status === s).length;
  const done = count('completed');
  const failed = count('failed');
  const skipped = count('skipped');
  const partial = steps.filter((p) => p.status === 'in_progress').reduce((sum, p) => sum + (p.percent || 0) / 100, 0);
  const titles = {
    queued: 'Starting…',
    running: 'Writing your funnel',
    completed: 'All content is ready',
    completed_with_errors: failed === 1 ? 'Finished — 1 step failed' : `Finished — ${failed} steps failed`,
    cancelled: 'Generation cancelled',
  };
  return {
    done, failed, skipped, total: steps.length, progress: Math.min(steps.length, done + partial),
    active: isActive(status.runStatus),
    title: titles[status.runStatus] || 'Generation failed',
  };
}

function timeLeft(status) {
  if (!isActive(status.runStatus) || !status.estimatedCompletionAt) return '';
  const seconds = (Date.parse(status.estimatedCompletionAt) - Date.now()) / 1000;
  if (seconds <= 5) return 'almost done';
  if (seconds < 45) return 'less than a minute left';
  return `about ${Math.max(1, Math.round(seconds / 60))} min left`;
}

// ---- step rows, shared by the card and the tracker ----

const rowTemplate = document.getElementById('fc-row-template');

function renderRows(list, status) {
  const runActive = isActive(status.runStatus);
  const wanted = new Set();
  (status.progress || []).forEach((p, index) => {
    let row = list.querySelector(`:scope > [data-step="${p.step}"]`);
    if (!row) row = rowTemplate.content.firstElementChild.cloneNode(true);
    if (list.children[index] !== row) list.insertBefore(row, list.children[index] || null);
    updateRow(row, p, runActive);
    wanted.add(String(p.step));
  });
  for (const row of [...list.children]) {
    if (!wanted.has(row.dataset.step)) row.remove();
  }
}

function updateRow(row, p, runActive) {
  const d = describeStep(p, runActive);
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

// ---- the API calls the pages make (cookie auth + antiforgery header) ----

async function post(url, payload, headers = {}) {
  const token = document.querySelector('meta[name="request-verification-token"]')?.content ?? '';
  return fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', RequestVerificationToken: token, ...headers },
    body: JSON.stringify(payload),
  });
}

async function problemOf(response) {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

// ---- toasts, notifications, announcements ----

const toasts = document.getElementById('fc-toasts');
const announcer = document.getElementById('fc-announcer');

function toast(kind, title, text, link) {
  const el = document.createElement('div');
  el.className = `toast toast-${kind}`;
  el.append(icon({ success: 'i-check', warn: 'i-alert', error: 'i-cross' }[kind] || 'i-info', 'toast-icon'));
  const content = document.createElement('div');
  content.className = 'toast-text';
  const strong = document.createElement('strong');
  strong.textContent = title;
  content.append(strong);
  if (text) {
    const p = document.createElement('p');
    p.textContent = text;
    content.append(p);
  }
  if (link) {
    const a = document.createElement('a');
    a.href = link.href;
    a.textContent = link.text;
    content.append(a);
  }
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'icon-btn toast-close';
  close.setAttribute('aria-label', 'Dismiss');
  close.append(icon('i-close'));
  close.addEventListener('click', () => el.remove());
  el.append(content, close);
  toasts.append(el);
  later(() => el.remove(), 8000);
}

function announce(text) {
  const line = document.createElement('p');
  line.textContent = text;
  announcer.append(line);
  while (announcer.childElementCount > 3) announcer.firstElementChild.remove();
}

function notifyIfHidden(title, text, tag) {
  if (document.visibilityState !== 'hidden' || !('Notification' in window) || Notification.permission !== 'granted') return;
  try {
    // The same tag from several hidden tabs collapses into one notification.
    const n = new Notification(title, { body: text, tag, icon: '/favicon.svg' });
    n.addEventListener('click', () => { window.focus(); n.close(); });
  } catch { /* some platforms only allow notifications from a service worker */ }
}

function runEndMessage(status) {
  const s = summarize(status);
  if (status.runStatus === 'completed') {
    return { kind: 'success', title: 'All content is ready', text: `${s.done} of ${s.total} steps written.` };
  }
  if (status.runStatus === 'cancelled') {
    return { kind: 'info', title: 'Generation cancelled', text: 'Content that was already finished is kept.' };
  }
  const failed = s.failed === 1 ? '1 step failed' : `${s.failed} steps failed`;
  const skipped = s.skipped ? ` and ${s.skipped} ${s.skipped === 1 ? 'was' : 'were'} skipped` : '';
  return {
    kind: status.runStatus === 'failed' ? 'error' : 'warn',
    title: status.runStatus === 'failed' ? 'Generation failed' : 'Finished with errors',
    text: `${failed}${skipped}. You can retry ${s.failed + s.skipped === 1 ? 'it' : 'them'} on step 1.`,
  };
}

// ---- the progress card on step 1 ----

class ProgressCard {
  constructor(el) {
    this.el = el;
    this.closedKey = `funnelcraft.card-closed.${projectId}`;
    this.list = el.querySelector('.step-list');
    this.bar = el.querySelector('.card-progress');
    this.notify = el.querySelector('[data-notify]');
    this.cancel = el.querySelector('[data-cancel]');
    el.querySelector('.card-close').addEventListener('click', () => {
      store.set(this.closedKey, this.runId ?? '');
      el.hidden = true;
      document.querySelector('[data-generate]')?.focus();
    });
    this.cancel.addEventListener('click', () => live.cancel(this.cancel));
    this.list.addEventListener('click', (e) => {
      const button = e.target.closest('[data-retry]');
      if (button) live.retry(Number(button.dataset.retry), button);
    });
    this.notify.addEventListener('click', async () => {
      const permission = await Notification.requestPermission();
      if (permission === 'granted') toast('success', 'Notifications are on', 'You will get a notification when the run ends while this tab is in the background.');
      this.render(live.status);
    });
  }

  runStarted() {
    store.remove(this.closedKey);
  }

  render(status) {
    this.runId = status.runId;
    if (!status.runId) {
      this.el.hidden = true;
      return;
    }
    this.el.hidden = store.get(this.closedKey) === status.runId;
    const s = summarize(status);
    this.el.dataset.run = status.runId;
    this.el.dataset.runStatus = status.runStatus;
    setText(this.el.querySelector('.card-title'), s.title);
    setText(this.el.querySelector('.card-count'), `${s.done} of ${s.total} steps`);
    this.tick(status);
    this.bar.max = s.total || 7;
    this.bar.value = s.progress;
    renderRows(this.list, status);
    this.el.querySelector('.card-note').dataset.state = s.active ? 'active' : 'done';
    this.cancel.hidden = !s.active;
    this.notify.hidden = !(s.active && 'Notification' in window && Notification.permission === 'default');
  }

  tick(status) {
    setText(this.el.querySelector('.card-eta'), timeLeft(status));
  }
}

// ---- the floating tracker on every other page ----

class Tracker {
  constructor(el) {
    this.el = el;
    this.dismissedKey = `funnelcraft.tracker-dismissed.${projectId}`;
    this.expandedKey = 'funnelcraft.tracker-expanded';
    this.toggle = el.querySelector('.tracker-toggle');
    this.panel = el.querySelector('.tracker-body');
    this.list = el.querySelector('.step-list');
    this.bar = el.querySelector('.tracker-progress');
    this.lingering = false;
    this.hideTimer = 0;
    this.setExpanded(store.get(this.expandedKey) === '1');
    this.toggle.addEventListener('click', () => this.setExpanded(!this.expanded, true));
    el.querySelector('.tracker-close').addEventListener('click', () => {
      store.set(this.dismissedKey, live.status?.runId ?? '');
      this.el.hidden = true;
      document.getElementById('main')?.focus();
    });
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.expanded) {
        this.setExpanded(false, true);
        this.toggle.focus();
      }
    });
  }

  setExpanded(expanded, remember = false) {
    this.expanded = expanded;
    this.el.dataset.expanded = String(expanded);
    this.toggle.setAttribute('aria-expanded', String(expanded));
    this.panel.hidden = !expanded;
    if (remember) store.set(this.expandedKey, expanded ? '1' : '0');
  }

  runStarted() {
    store.remove(this.dismissedKey);
    this.lingering = false;
    cancelTimer(this.hideTimer);
  }

  runEnded() {
    this.lingering = true;
    cancelTimer(this.hideTimer);
    this.hideTimer = later(() => {
      this.lingering = false;
      this.el.hidden = true;
    }, 5000);
  }

  render(status) {
    const visible = Boolean(status.runId) && store.get(this.dismissedKey) !== status.runId
      && (isActive(status.runStatus) || this.lingering);
    this.el.hidden = !visible;
    if (!status.runId) return;
    const s = summarize(status);
    this.el.dataset.runStatus = status.runStatus;
    const stateIcon = s.active ? 'i-spinner' : status.runStatus === 'completed' ? 'i-check' : status.runStatus === 'cancelled' ? 'i-cancelled' : 'i-cross';
    this.el.querySelector('.tracker-icon use').setAttribute('href', `#${stateIcon}`);
    setText(this.el.querySelector('.tracker-title'), s.title);
    setText(this.el.querySelector('.tracker-count'), `${s.done} of ${s.total} steps`);
    this.tick(status);
    this.bar.max = s.total || 7;
    this.bar.value = s.progress;
    renderRows(this.list, status);
  }

  tick(status) {
    setText(this.el.querySelector('.tracker-eta'), timeLeft(status));
  }
}

// ---- the generate button and its confirm dialog (step 1) ----

class GenerateControl {
  constructor(button) {
    this.button = button;
    this.page = button.closest('[data-has-content]');
    this.dialog = document.getElementById('generate-dialog');
    this.error = document.getElementById('generate-error');
    this.busy = document.querySelector('[data-generate-busy]');
    this.choice = document.getElementById('intake-choice');
    this.pending = false;
    button.addEventListener('click', () => this.open());
    this.dialog.addEventListener('close', () => {
      if (this.dialog.returnValue === 'confirm') this.start();
      this.dialog.returnValue = '';
    });
  }

  open() {
    const selected = this.choice?.selectedOptions[0];
    setText(this.dialog.querySelector('[data-intake-label]'), selected ? selected.textContent.trim() : 'your intake');
    this.error.hidden = true;
    this.dialog.showModal();
  }

  async start() {
    this.pending = true;
    this.render(live.status);
    const regenerate = this.page?.dataset.hasContent === 'true';
    try {
      const response = await post('/api/generate/auto-generate-all',
        { projectId, intakeId: this.choice?.value || null, regenerate }, { 'Idempotency-Key': newKey() });
      const payload = await problemOf(response);
      if (response.status === 202 && payload) {
        live.startedHere();
        live.publish(payload);
        document.getElementById('fc-card-title')?.focus(); // the button is now disabled: follow the run
      } else {
        this.showError(payload?.detail || `Could not start the run (HTTP ${response.status}).`);
        if (payload?.generationStatus) live.publish(payload.generationStatus);
      }
    } catch {
      this.showError('Could not reach Funnelcraft. Check the connection and try again.');
    } finally {
      this.pending = false;
      this.render(live.status);
    }
  }

  showError(text) {
    this.error.textContent = text;
    this.error.hidden = false;
  }

  render(status) {
    const active = isActive(status.runStatus);
    this.button.disabled = this.pending || active || this.button.dataset.hasIntake !== 'true';
    if (this.busy) this.busy.dataset.active = String(active);
    if (!active && (status.completedSteps || []).length > 0 && this.page) this.page.dataset.hasContent = 'true';
  }
}

// ---- the live view: applies each newer status to everything on the page ----

class LiveView {
  constructor(initial) {
    this.status = initial;
    const card = document.getElementById('fc-card');
    const tracker = document.getElementById('fc-tracker');
    const generate = document.querySelector('[data-generate]');
    this.card = card ? new ProgressCard(card) : null;
    this.tracker = tracker ? new Tracker(tracker) : null;
    this.generate = generate ? new GenerateControl(generate) : null;
    this.banner = document.getElementById('fc-step-banner');
    this.feed = null;
  }

  /** A status from anywhere (this tab's connection, another tab, an API response): applied when it is newer. */
  accept(status) {
    if (!status || status.projectId !== projectId) return;
    const previous = this.status;
    if (previous && status.version <= previous.version) return;
    this.status = status;
    this.observe(previous, status);
    this.render();
  }

  /** Tell every tab (and this one) about a status this tab learned from an API response. */
  publish(status) {
    if (this.feed) this.feed.publish(status);
    else this.accept(status);
  }

  startedHere() {
    this.card?.runStarted();
    this.tracker?.runStarted();
  }

  observe(previous, next) {
    const sameRun = previous && previous.runId === next.runId;
    const wasActive = previous && isActive(previous.runStatus);
    const nowActive = isActive(next.runStatus);
    if (nowActive && (!sameRun || !wasActive)) {
      this.startedHere();
      announce('Generation started.');
    }
    if (sameRun) {
      for (const p of next.progress || []) {
        const before = (previous.progress || []).find((q) => q.step === p.step);
        if (!before || before.status === p.status) continue;
        if (p.status === 'completed') {
          announce(`${p.stepName} is ready.`);
          this.stepCompleted(p.step);
        } else if (p.status === 'failed') {
          announce(`${p.stepName} failed: ${p.error || 'unknown error'}`);
        }
      }
    }
    const ended = !nowActive && next.runId && previous && (sameRun ? wasActive : true) && next.runStatus;
    if (ended) this.runEnded(next);
  }

  stepCompleted(step) {
    const nav = document.querySelector(`[data-nav-step="${step}"]`);
    if (nav) {
      nav.classList.add('has-content');
      setText(nav.querySelector('.nav-ready-text'), '(ready)');
    }
    if (pageKind === 'content' && step === pageStep && this.banner) this.banner.hidden = false;
  }

  runEnded(status) {
    const message = runEndMessage(status);
    const link = pageKind !== 'step1' && message.kind !== 'success' ? { href: `/funnel-builder/${projectId}/step/1`, text: 'Go to step 1' } : null;
    toast(message.kind, message.title, message.text, link); // the toast region is itself a polite live region
    notifyIfHidden(message.title, message.text, `funnelcraft-${status.runId}-${status.version}`);
    this.tracker?.runEnded();
  }

  render() {
    const status = this.status;
    this.card?.render(status);
    this.tracker?.render(status);
    this.generate?.render(status);
  }

  tick() {
    this.card?.tick(this.status);
    this.tracker?.tick(this.status);
  }

  async cancel(button) {
    button.disabled = true;
    try {
      const response = await post('/api/generate/cancel', { projectId });
      const payload = await problemOf(response);
      if (response.status === 202 && payload) this.publish(payload);
      else toast('warn', 'Nothing to cancel', payload?.detail || `HTTP ${response.status}`);
    } catch {
      toast('error', 'Could not cancel', 'Check the connection and try again.');
    } finally {
      button.disabled = false;
    }
  }

  async retry(step, button) {
    button.disabled = true;
    try {
      const response = await post('/api/generate/retry-step', { projectId, step });
      const payload = await problemOf(response);
      if (response.status === 202 && payload) {
        this.startedHere();
        this.publish(payload);
      } else {
        toast('warn', 'Could not retry', payload?.detail || `HTTP ${response.status}`);
      }
    } catch {
      toast('error', 'Could not retry', 'Check the connection and try again.');
    } finally {
      button.disabled = false;
    }
  }
}

// ---- the leader's connection: SSE, or polling while SSE is down ----

class Connection {
  constructor(deliver) {
    this.deliver = deliver;
    this.closed = false;
    this.etag = null;
    this.source = null;
    this.polling = false;
    this.pollTimer = 0;
    this.retryTimer = 0;
    this.backoff = 2000;
    this.connect();
  }

  connect() {
    if (this.closed) return;
    if (!('EventSource' in window)) {
      this.startPolling();
      return;
    }
    const source = new EventSource(eventsUrl);
    this.source = source;
    source.addEventListener('status', (e) => {
      this.stopPolling();
      this.backoff = 2000;
      try {
        this.deliver(JSON.parse(e.data));
      } catch { /* a malformed event: the next one carries the whole status again */ }
    });
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      // The browser would retry on its own, but nothing arrives meanwhile: poll until a new stream delivers.
      source.close();
      this.source = null;
      this.startPolling();
      cancelTimer(this.retryTimer);
      this.retryTimer = later(() => this.connect(), this.backoff);
      this.backoff = Math.min(this.backoff * 2, 15000);
    });
  }

  startPolling() {
    if (this.polling || this.closed) return;
    this.polling = true;
    const tick = async () => {
      await this.poll();
      if (this.polling && !this.closed) this.pollTimer = later(tick, pollInterval);
    };
    tick();
  }

  stopPolling() {
    this.polling = false;
    cancelTimer(this.pollTimer);
    this.pollAbort?.abort();
  }

  async poll() {
    this.pollAbort = new AbortController();
    const headers = { Accept: 'application/json' };
    if (this.etag) headers['If-None-Match'] = this.etag;
    try {
      const response = await fetch(statusUrl, { headers, cache: 'no-store', credentials: 'same-origin', signal: this.pollAbort.signal });
      if (response.status === 200) {
        this.etag = response.headers.get('ETag');
        this.deliver(await response.json());
      } else if (response.status === 401) {
        this.close();
        toast('warn', 'You are signed out', 'Sign in again to follow the progress.', { href: '/account/login', text: 'Sign in' });
      }
    } catch { /* offline or aborted: the next tick tries again */ }
  }

  close() {
    this.closed = true;
    this.stopPolling();
    cancelTimer(this.retryTimer);
    this.source?.close();
    this.source = null;
  }
}

// ---- one connection per browser: the tab holding the lock connects, the others listen ----

class SharedFeed {
  constructor(onStatus) {
    this.onStatus = onStatus;
    this.name = `funnelcraft-live:${projectId}`;
    this.last = null;
    this.connection = null;
    this.release = null;
    this.stopped = false;
    this.lockAbort = new AbortController();
    if ('BroadcastChannel' in window && navigator.locks) {
      this.channel = new BroadcastChannel(this.name);
      this.channel.addEventListener('message', (e) => this.receive(e.data));
      navigator.locks.request(this.name, { signal: this.lockAbort.signal }, () => this.lead()).catch(() => { /* aborted on pagehide */ });
      this.channel.postMessage({ type: 'hello' });
    } else {
      this.lead();
    }
  }

  /** Holds the lock until this page goes away; the next waiting tab then becomes the leader. */
  lead() {
    if (this.stopped) return undefined;
    this.connection = new Connection((status) => this.publish(status));
    return new Promise((resolve) => { this.release = resolve; });
  }

  receive(message) {
    if (message?.type === 'status') {
      this.remember(message.status);
      this.onStatus(message.status);
    } else if (message?.type === 'hello' && this.connection && this.last) {
      this.channel.postMessage({ type: 'status', status: this.last });
    }
  }

  publish(status) {
    this.remember(status);
    this.channel?.postMessage({ type: 'status', status });
    this.onStatus(status);
  }

  remember(status) {
    if (status && (!this.last || status.version > this.last.version)) this.last = status;
  }

  stop() {
    this.stopped = true;
    this.lockAbort.abort();
    this.connection?.close();
    this.connection = null;
    this.release?.();
    this.channel?.close();
  }
}

// ---- start, and stop everything when the page goes away ----

let initial = null;
try {
  initial = JSON.parse(body.dataset.liveStatus || 'null');
} catch { /* start empty; the feed sends the current status at once */ }

const live = new LiveView(initial);
if (initial) live.render();

function startFeed() {
  live.feed = new SharedFeed((status) => live.accept(status));
  const tick = () => {
    live.tick();
    later(tick, 5000);
  };
  later(tick, 5000);
}

addEventListener('pagehide', () => {
  live.feed?.stop();
  live.feed = null;
  clearTimers();
});
addEventListener('pageshow', (e) => {
  if (e.persisted && !live.feed) startFeed();
});

if (projectId) startFeed();
