// The feed and its connection, driven with fake EventSource, BroadcastChannel, Web Locks, fetch and timers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFeed } from '../../src/Funnelcraft/wwwroot/js/live/feed.js';
import { createTimers } from '../../src/Funnelcraft/wwwroot/js/live/timers.js';
import { Browser, FakeTimers, response, scriptedFetch, settle, status } from './fakes.js';

/** One tab of a browser: its own timers, and a feed that records what it delivers. */
function tab(browser, clock, { fetch = scriptedFetch([response(304)]), env = {} } = {}) {
  const timers = createTimers(clock);
  const feed = createFeed({
    projectId: 'p1',
    pollInterval: 2500,
    timers,
    env: { EventSource: browser.EventSource, BroadcastChannel: browser.BroadcastChannel, locks: browser.locks, fetch, ...env },
  });
  const seen = [];
  const states = [];
  feed.on('status', (s) => seen.push(s.version));
  feed.onConnection((s) => states.push(s));
  feed.start();
  return { feed, seen, states, timers, fetch };
}

test('tabs of one browser share one event stream, and every tab gets each status', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const tabs = [tab(browser, clock), tab(browser, clock), tab(browser, clock)];
  await settle();
  assert.equal(browser.sources.length, 1);
  assert.match(browser.sources[0].url, /\/api\/generate\/generation-events\?projectId=p1$/);
  assert.deepEqual(tabs.map((t) => t.feed.isLeader), [true, false, false]);

  browser.sources[0].open();
  browser.sources[0].emit('status', status(3));
  browser.sources[0].emit('status', status(2)); // older: nobody applies it
  await settle();
  for (const t of tabs) assert.deepEqual(t.seen, [3]);
  for (const t of tabs) assert.deepEqual(t.states, ['live']);
});

test('when the leading tab goes away another tab takes the lock and connects', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const first = tab(browser, clock);
  const second = tab(browser, clock);
  await settle();
  first.feed.stop();
  await settle();
  assert.equal(browser.sources[0].closed, true);
  assert.equal(browser.openSources.length, 1);
  assert.equal(second.feed.isLeader, true);

  browser.openSources[0].emit('status', status(5));
  await settle();
  assert.deepEqual(second.seen, [5]);
  assert.deepEqual(first.seen, []); // a stopped tab hears nothing more
});

test('a new tab is told the newest status at once by the leader', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const leader = tab(browser, clock);
  await settle();
  browser.sources[0].open();
  browser.sources[0].emit('status', status(7));
  await settle();

  const late = tab(browser, clock);
  await settle();
  assert.deepEqual(late.seen, [7]);
  assert.deepEqual(late.states, ['live']);
  assert.deepEqual(leader.seen, [7]);
});

test('a status one tab learns from an API answer reaches every tab once', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const leader = tab(browser, clock);
  const other = tab(browser, clock);
  await settle();
  other.feed.publish('status', status(4));
  await settle();
  assert.deepEqual(other.seen, [4]);
  assert.deepEqual(leader.seen, [4]);
  browser.sources[0].emit('status', status(4)); // the same version again over the stream
  await settle();
  assert.deepEqual(leader.seen, [4]);
  assert.deepEqual(other.seen, [4]);
});

test('when the stream fails the leader polls with If-None-Match, and a new stream stops the polling', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const fetch = scriptedFetch([response(200, status(9), '"9"'), response(304)]);
  const leader = tab(browser, clock, { fetch });
  await settle();
  browser.sources[0].fail();
  await settle();
  assert.equal(browser.sources[0].closed, true);
  assert.deepEqual(leader.seen, [9]);
  assert.match(fetch.calls[0].url, /\/api\/generate\/generation-status\?projectId=p1$/);
  assert.equal(fetch.calls[0].headers['If-None-Match'], undefined);

  await clock.advance(2500);
  assert.equal(fetch.calls.length, 2);
  assert.equal(fetch.calls[1].headers['If-None-Match'], '"9"');
  assert.deepEqual(leader.seen, [9]); // 304: nothing new
  assert.deepEqual(leader.states, ['polling']);

  // The stream is tried again after its backoff (2 s, already passed); its first event stops the polling.
  assert.equal(browser.sources.length, 2);
  browser.sources[1].emit('status', status(10));
  await settle();
  const polls = fetch.calls.length;
  await clock.advance(10_000);
  assert.equal(fetch.calls.length, polls);
  assert.deepEqual(leader.seen, [9, 10]);
  assert.deepEqual(leader.states, ['polling', 'live']);
});

test('the stream is retried with a doubling backoff up to 15 s', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  tab(browser, clock, { fetch: scriptedFetch([response(304)]) });
  await settle();
  const gaps = [];
  for (let i = 0; i < 5; i++) {
    const before = browser.sources.length;
    const started = clock.now;
    browser.sources.at(-1).fail();
    while (browser.sources.length === before) await clock.advance(500);
    gaps.push(clock.now - started);
  }
  assert.deepEqual(gaps, [2000, 4000, 8000, 15000, 15000]);
});

test('with the stream and the polls both failing the feed says it is down, every tab hears it, and it recovers', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  let online = false;
  const fetch = scriptedFetch([() => (online ? response(200, status(12), '"12"') : new TypeError('Failed to fetch'))]);
  const leader = tab(browser, clock, { fetch });
  const follower = tab(browser, clock);
  await settle();
  browser.sources[0].open();
  browser.sources[0].fail();
  await settle();
  assert.deepEqual(leader.states, ['live', 'down']);
  assert.deepEqual(follower.states, ['live', 'down']);

  online = true;
  await clock.advance(2500);
  assert.deepEqual(leader.states, ['live', 'down', 'polling']);
  assert.deepEqual(follower.states, ['live', 'down', 'polling']);
  assert.deepEqual(follower.seen, [12]);
});

test('a poll answered 401 stops the feed and says signed-out', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const fetch = scriptedFetch([response(401)]);
  const leader = tab(browser, clock, { fetch });
  await settle();
  browser.sources[0].fail();
  await settle();
  assert.deepEqual(leader.states, ['signed-out']);
  await clock.advance(60_000);
  assert.equal(fetch.calls.length, 1);
  assert.equal(browser.sources.length, 1); // and no new stream
});

test('stop closes the stream and the channel and leaves no timer behind', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const leader = tab(browser, clock, { fetch: scriptedFetch([new TypeError('offline')]) });
  await settle();
  browser.sources[0].fail(); // polling and a stream retry are now scheduled
  await settle();
  assert.ok(leader.timers.size > 0);
  leader.feed.stop();
  leader.timers.clear();
  await settle();
  assert.equal(leader.timers.size, 0);
  assert.equal(clock.queue.size, 0);
  assert.equal(browser.openSources.length, 0);
  assert.equal(browser.channels.size, 0);
  assert.equal(browser.held.size, 0);
});

test('without BroadcastChannel or Web Locks the tab connects on its own', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const alone = tab(browser, clock, { env: { BroadcastChannel: undefined, locks: undefined } });
  await settle();
  assert.equal(alone.feed.isLeader, true);
  browser.sources[0].emit('status', status(1));
  await settle();
  assert.deepEqual(alone.seen, [1]);
});

test('without EventSource the leader polls from the start', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const fetch = scriptedFetch([response(200, status(2), '"2"')]);
  const leader = tab(browser, clock, { fetch, env: { EventSource: undefined } });
  await settle();
  assert.equal(browser.sources.length, 0);
  assert.deepEqual(leader.seen, [2]);
  assert.deepEqual(leader.states, ['polling']);
});

test('another event kind plugs in through the events table: relayed to every tab and remembered per key', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const events = {
    status: { key: () => 'status', newer: (next, last) => !last || next.version > last.version },
    preview: { key: (p) => String(p.step), newer: (next, last) => !last || next.attempt > last.attempt || (next.attempt === last.attempt && next.seq > last.seq) },
  };
  const make = () => {
    const feed = createFeed({ projectId: 'p1', pollInterval: 2500, timers: createTimers(clock), events,
      env: { EventSource: browser.EventSource, BroadcastChannel: browser.BroadcastChannel, locks: browser.locks, fetch: scriptedFetch([response(304)]) } });
    const previews = [];
    feed.on('preview', (p) => previews.push(`${p.step}:${p.seq}`));
    feed.start();
    return previews;
  };
  const leader = make();
  await settle();
  const source = browser.sources[0];
  assert.deepEqual([...source.listeners.keys()].sort(), ['error', 'open', 'preview', 'status']);
  source.emit('preview', { step: 2, attempt: 1, seq: 1 });
  source.emit('preview', { step: 3, attempt: 1, seq: 1 });
  source.emit('preview', { step: 2, attempt: 1, seq: 2 });
  source.emit('preview', { step: 2, attempt: 1, seq: 1 }); // late: dropped
  await settle();
  assert.deepEqual(leader, ['2:1', '3:1', '2:2']);
  const late = make();
  await settle();
  assert.deepEqual(late.sort(), ['2:2', '3:1']); // the newest of each step, at once
});

test('previews ride the same stream and channel: every tab gets each newer preview, a new tab the newest of each step', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const heard = (t) => {
    const previews = [];
    t.feed.on('preview', (p) => previews.push(`${p.step}:${p.attempt}.${p.seq}`));
    return previews;
  };
  const leader = tab(browser, clock);
  const other = tab(browser, clock);
  const leaderPreviews = heard(leader);
  const otherPreviews = heard(other);
  await settle();
  assert.equal(browser.sources.length, 1); // still one connection for the browser
  const source = browser.sources[0];
  source.emit('status', status(3, { progress: [{ step: 2, status: 'in_progress', attempt: 1 }] }));
  source.emit('preview', { runId: 'r1', step: 2, attempt: 1, seq: 1, content: { name: 'Cl' } });
  source.emit('preview', { runId: 'r1', step: 3, attempt: 1, seq: 1, content: { title: 'T' } });
  source.emit('preview', { runId: 'r1', step: 2, attempt: 1, seq: 2, content: { name: 'Clinic' } });
  source.emit('preview', { runId: 'r1', step: 2, attempt: 1, seq: 1, content: { name: 'Cl' } }); // late: dropped
  source.emit('preview', { runId: 'r1', step: 2, attempt: 2, seq: 1, content: {} }); // the retry starts afresh
  await settle();
  for (const previews of [leaderPreviews, otherPreviews]) assert.deepEqual(previews, ['2:1.1', '3:1.1', '2:1.2', '2:2.1']);
  assert.deepEqual(other.seen, [3]); // statuses unaffected

  const late = tab(browser, clock);
  const latePreviews = heard(late);
  await settle();
  assert.deepEqual(latePreviews.sort(), ['2:2.1', '3:1.1']);
  assert.deepEqual(late.seen, [3]);
});

test('while the stream is down each poll also reads the preview of every step the status shows being written', async () => {
  const browser = new Browser();
  const clock = new FakeTimers();
  const running = status(9, { progress: [{ step: 2, status: 'completed', attempt: 1 }, { step: 3, status: 'in_progress', attempt: 1 }, { step: 5, status: 'in_progress', attempt: 1 }] });
  let seq = 0;
  const fetch = scriptedFetch([(url) => {
    if (url.includes('/generation-status')) return seq === 0 ? response(200, running, '"9"') : response(304);
    const step = Number(/steps\/(\d+)\/preview/.exec(url)[1]);
    if (step === 5) return response(404);
    seq++;
    return response(200, { runId: 'r1', step, attempt: 1, seq, content: { title: `part ${seq}` } });
  }]);
  const leader = tab(browser, clock, { fetch });
  const previews = [];
  leader.feed.on('preview', (p) => previews.push(`${p.step}:${p.seq}`));
  await settle();
  browser.sources[0].fail();
  await settle();
  const urls = fetch.calls.map((c) => c.url);
  assert.match(urls[0], /generation-status/);
  assert.deepEqual(urls.slice(1).sort(), ['/api/projects/p1/steps/3/preview', '/api/projects/p1/steps/5/preview']); // not the finished step 2
  assert.deepEqual(previews, ['3:1']);

  await clock.advance(2500); // 304: the status is unchanged, its steps' previews are read again
  assert.deepEqual(previews, ['3:1', '3:2']);
  assert.deepEqual(leader.seen, [9]);

  // The stream is back: the polling (and with it the preview polling) stops.
  browser.sources[1].emit('status', status(10));
  await settle();
  const calls = fetch.calls.length;
  await clock.advance(10_000);
  assert.equal(fetch.calls.length, calls);
});
