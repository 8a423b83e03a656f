// Fakes of what the feed takes from the browser: EventSource, BroadcastChannel, Web Locks, fetch and timers. Several
// "tabs" of one browser share a Browser (its channels and locks). Nothing here waits on real time.

export class FakeTimers {
  constructor() {
    this.now = 0;
    this.queue = new Map(); // id -> { at, fn }
    this.nextId = 1;
  }

  setTimeout = (fn, ms) => {
    const id = this.nextId++;
    this.queue.set(id, { at: this.now + ms, fn });
    return id;
  };

  clearTimeout = (id) => {
    this.queue.delete(id);
  };

  /** Moves the clock on, running every timer that falls due (in order), and settles promises in between. */
  async advance(ms) {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.queue].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.queue.delete(due[0]);
      this.now = due[1].at;
      due[1].fn();
      await settle();
    }
    this.now = end;
    await settle();
  }
}

/** Lets pending promise callbacks and queued messages run. */
export async function settle() {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
}

export class Browser {
  constructor() {
    this.channels = new Set();
    this.held = new Map(); // lock name -> release function of the holder
    this.waiting = new Map(); // lock name -> [{ callback, signal, resolve, reject }]
    this.sources = [];
    const browser = this;

    this.BroadcastChannel = class {
      constructor(name) {
        this.name = name;
        this.listeners = new Set();
        this.closed = false;
        browser.channels.add(this);
      }

      addEventListener(type, fn) {
        if (type === 'message') this.listeners.add(fn);
      }

      postMessage(data) {
        if (this.closed) throw new Error('channel closed');
        const copy = structuredClone(data);
        for (const other of browser.channels) {
          if (other !== this && other.name === this.name && !other.closed) {
            setImmediate(() => { if (!other.closed) for (const fn of other.listeners) fn({ data: copy }); });
          }
        }
      }

      close() {
        this.closed = true;
        browser.channels.delete(this);
      }
    };

    this.locks = {
      request(name, options, callback) {
        return new Promise((resolve, reject) => {
          const entry = { callback, resolve, reject, signal: options.signal };
          options.signal?.addEventListener('abort', () => {
            const queue = browser.waiting.get(name) ?? [];
            const index = queue.indexOf(entry);
            if (index >= 0) {
              queue.splice(index, 1);
              reject(new DOMException('aborted', 'AbortError'));
            }
          });
          if (!browser.waiting.has(name)) browser.waiting.set(name, []);
          browser.waiting.get(name).push(entry);
          browser.grant(name);
        });
      },
    };

    this.EventSource = class {
      constructor(url) {
        this.url = url;
        this.listeners = new Map();
        this.closed = false;
        browser.sources.push(this);
      }

      addEventListener(type, fn) {
        if (!this.listeners.has(type)) this.listeners.set(type, []);
        this.listeners.get(type).push(fn);
      }

      close() {
        this.closed = true;
      }

      dispatch(type, event = {}) {
        for (const fn of this.listeners.get(type) ?? []) fn(event);
      }

      open() { this.dispatch('open'); }

      emit(kind, data) { this.dispatch(kind, { data: JSON.stringify(data) }); }

      fail() { this.dispatch('error'); }
    };
  }

  grant(name) {
    if (this.held.has(name)) return;
    const entry = this.waiting.get(name)?.shift();
    if (!entry) return;
    this.held.set(name, true);
    Promise.resolve(entry.callback()).then((value) => {
      this.held.delete(name);
      entry.resolve(value);
      this.grant(name);
    });
  }

  get openSources() {
    return this.sources.filter((s) => !s.closed);
  }
}

/** A fetch that answers from a script: each call takes the next answer (a Response-like object, or an Error to throw). */
export function scriptedFetch(answers) {
  const calls = [];
  const fetch = async (url, init = {}) => {
    calls.push({ url, headers: { ...(init.headers || {}) } });
    const next = answers.length > 1 ? answers.shift() : answers[0];
    const answer = typeof next === 'function' ? next(url, init) : next;
    if (answer instanceof Error) throw answer;
    return answer;
  };
  fetch.calls = calls;
  return fetch;
}

export function response(status, body, etag) {
  return {
    status,
    headers: { get: (name) => (name.toLowerCase() === 'etag' ? etag ?? null : null) },
    json: async () => body,
  };
}

export function status(version, extra = {}) {
  return { projectId: 'p1', version, runId: 'r1', runStatus: 'running', progress: [], ...extra };
}
