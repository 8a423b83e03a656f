// feed.js: one connection per browser and project, shared by its tabs. Every tab asks for the Web Lock
// `funnelcraft-live:{projectId}`; the tab holding it opens the Connection and re-broadcasts what arrives on a
// BroadcastChannel of the same name; the others listen. A new tab says hello and the leader answers with what it
// remembers (the newest status). When the leader goes away, the browser grants the lock to a waiting tab.
//
// Event kinds are a table: each says how to tell a newer event from an older one and under which key the leader
// remembers it for a new tab: the status (one), and each step's live preview (the newest per step; a new tab gets
// them with the status, and the page drops any its status no longer shows).

import { Connection } from './connection.js';
import { previewNewer } from './preview-rules.js';

export const statusEvents = {
  status: { key: () => 'status', newer: (next, last) => !last || next.version > last.version },
  preview: { key: (p) => String(p.step), newer: previewNewer },
};

/**
 * @param {object} o
 * @param {string} o.projectId
 * @param {number} o.pollInterval
 * @param {{later: Function, cancel: Function}} o.timers
 * @param {{EventSource?: Function, BroadcastChannel?: Function, locks?: {request: Function}, fetch: Function}} o.env
 * @param {Record<string, {key: (data: any) => string, newer: (next: any, last: any) => boolean}>} [o.events]
 */
export function createFeed({ projectId, pollInterval, timers, env, events = statusEvents }) {
  const name = `funnelcraft-live:${projectId}`;
  const query = `projectId=${encodeURIComponent(projectId)}`;
  const handlers = new Map(Object.keys(events).map((kind) => [kind, new Set()]));
  const stateHandlers = new Set();
  const remembered = new Map(); // `${kind}:${key}` -> data, what a new tab is told
  let channel = null;
  let connection = null;
  let release = null;
  let stopped = true;
  let lockAbort = null;
  let state = '';

  function remember(kind, data) {
    const rule = events[kind];
    if (!rule || data == null) return false;
    const slot = `${kind}:${rule.key(data)}`;
    if (!rule.newer(data, remembered.get(slot))) return false;
    remembered.set(slot, data);
    return true;
  }

  function dispatch(kind, data) {
    for (const handler of handlers.get(kind) ?? []) handler(data);
  }

  function setState(next) {
    if (state === next) return;
    state = next;
    for (const handler of stateHandlers) handler(next);
  }

  /** This tab holds the lock: connect, and keep the lock (the returned promise) until the page goes away. */
  function lead() {
    if (stopped) return undefined;
    connection = new Connection({
      eventsUrl: `/api/generate/generation-events?${query}`,
      statusUrl: `/api/generate/generation-status?${query}`,
      previewUrl: events.preview ? (step) => `/api/projects/${encodeURIComponent(projectId)}/steps/${step}/preview` : null,
      kinds: Object.keys(events),
      pollInterval,
      timers,
      env,
      deliver: (kind, data) => publish(kind, data),
      onState: (next) => {
        channel?.postMessage({ type: 'connection', state: next });
        setState(next);
      },
    });
    return new Promise((resolve) => { release = resolve; });
  }

  function receive(message) {
    if (message?.type === 'event') {
      if (remember(message.kind, message.data)) dispatch(message.kind, message.data);
    } else if (message?.type === 'connection') {
      setState(message.state);
    } else if (message?.type === 'hello' && connection) {
      for (const [slot, data] of remembered) channel.postMessage({ type: 'event', kind: slot.slice(0, slot.indexOf(':')), data });
      if (state) channel.postMessage({ type: 'connection', state });
    }
  }

  /** An event from this tab's connection or from an API answer: applied here and told to every other tab. */
  function publish(kind, data) {
    if (!remember(kind, data)) return;
    channel?.postMessage({ type: 'event', kind, data });
    dispatch(kind, data);
  }

  return {
    on(kind, handler) {
      handlers.get(kind)?.add(handler);
      return this;
    },
    onConnection(handler) {
      stateHandlers.add(handler);
      return this;
    },
    publish,
    get isLeader() { return connection !== null; },
    start() {
      if (!stopped) return;
      stopped = false;
      if (env.BroadcastChannel && env.locks) {
        lockAbort = new AbortController();
        channel = new env.BroadcastChannel(name);
        channel.addEventListener('message', (e) => receive(e.data));
        env.locks.request(name, { signal: lockAbort.signal }, () => lead()).catch(() => { /* aborted on stop */ });
        channel.postMessage({ type: 'hello' });
      } else {
        lead();
      }
    },
    stop() {
      stopped = true;
      lockAbort?.abort();
      connection?.close();
      connection = null;
      release?.();
      release = null;
      channel?.close();
      channel = null;
      remembered.clear();
      state = '';
    },
  };
}
