// The content page's draft: fetched as the preview grows (one request at a time, at most one per gap, never starved
// by previews arriving faster than the gap), shown in place of the content, gone with its attempt, and replaced by
// the final version (a reload) when the step is written. DOM pieces are minimal fakes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DraftView } from '../../src/Funnelcraft/wwwroot/js/live/draft.js';
import { createTimers } from '../../src/Funnelcraft/wwwroot/js/live/timers.js';
import { FakeTimers, settle } from './fakes.js';

const fakeEl = () => {
  const listeners = {};
  const body = { children: [], replaceChildren(...nodes) { this.children = nodes; } };
  return { hidden: true, body, listeners, querySelector: (s) => (s === '[data-draft-body]' ? body : { addEventListener: (t, fn) => { listeners[s] = fn; } }) };
};
const parsed = (html) => ({ querySelectorAll: () => [], body: { childNodes: [html] } });

function setup({ hasVersion = false } = {}) {
  const clock = new FakeTimers();
  const offer = { hidden: true, ...fakeEl() };
  const fetched = [];
  let answer = (n) => `<article>draft ${n}</article>`;
  const view = new DraftView({
    step: 2, el: fakeEl(), content: { hidden: false }, offer, hasVersion, timers: createTimers(clock), gap: 500,
    fetchDraft: async (step) => { fetched.push([step, clock.now]); return answer(fetched.length); },
    reload: () => { view.reloaded = (view.reloaded ?? 0) + 1; },
    doc: { body: { dataset: {} }, importNode: (n) => n }, parse: parsed,
  });
  return { view, clock, fetched, setAnswer: (fn) => { answer = fn; } };
}
const preview = (seq, attempt = 1) => new Map([[2, { runId: 'r', step: 2, attempt, seq, content: {} }]]);

test('the draft is fetched at once, then at most every gap while previews keep coming, and shown in place of the content', async () => {
  const { view, clock, fetched } = setup();
  view.render({}, preview(1));
  await clock.advance(0);
  assert.deepEqual(fetched, [[2, 0]]);
  assert.equal(view.el.hidden, false);
  assert.equal(view.content.hidden, true);
  assert.deepEqual(view.body.children, ['<article>draft 1</article>']);
  assert.equal(view.doc.body.dataset.draft, 'shown');

  for (let seq = 2; seq <= 11; seq++) { // a preview every 200 ms for 2 s
    view.render({}, preview(seq));
    await clock.advance(200);
  }
  const times = fetched.map(([, at]) => at);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  assert.ok(times.length >= 4, `fetched at ${times}`); // kept up while previews came every 200 ms
  assert.ok(gaps.every((g) => g >= 500 && g <= 700), `gaps ${gaps}`); // never more often than the gap, never starved
  const count = fetched.length;
  await clock.advance(5000);
  assert.ok(fetched.length <= count + 1); // at most the newest one left, then nothing: no preview is newer
});

test('a draft the server no longer has (404) leaves the content shown; a later preview tries again', async () => {
  const { view, clock, fetched, setAnswer } = setup();
  setAnswer(() => null);
  view.render({}, preview(1));
  await clock.advance(0);
  assert.equal(view.el.hidden, true);
  assert.equal(view.content.hidden, false);
  setAnswer(() => '<p>now</p>');
  view.render({}, preview(2));
  await clock.advance(0);
  assert.equal(fetched.length, 2);
  assert.equal(view.el.hidden, false);
});

test('the draft goes with its attempt, and a written step reloads the page to show the final version', async () => {
  const { view, clock } = setup();
  view.render({}, preview(1));
  await clock.advance(0);
  view.stepCompleted({ step: 3 });
  assert.equal(view.reloaded, undefined); // another step
  view.stepCompleted({ step: 2 });
  assert.equal(view.reloaded, 1);

  view.render({}, new Map()); // failed or cancelled: the status no longer shows it
  assert.equal(view.el.hidden, true);
  assert.equal(view.content.hidden, false);
  assert.deepEqual(view.body.children, []);
  view.stepCompleted({ step: 2 });
  assert.equal(view.reloaded, 2); // a page with no version shows the step as soon as it is written, draft or not
});

test('"Show version N instead" puts the current version back for this attempt; the next attempt\'s draft shows again', async () => {
  const { view, clock } = setup();
  view.render({}, preview(1));
  await clock.advance(0);
  view.el.listeners['[data-draft-hide]']();
  assert.equal(view.el.hidden, true);
  assert.equal(view.content.hidden, false);
  view.render({}, preview(2));
  await clock.advance(1000);
  assert.equal(view.el.hidden, true);
  view.stepCompleted({ step: 2 });
  assert.equal(view.reloaded, 1); // no version on this page: the written step is shown whatever was on screen

  view.render({}, preview(1, 2));
  await clock.advance(0);
  await settle();
  assert.equal(view.el.hidden, false);
});

test('a page showing a version keeps it: the draft is offered, fetched only once asked for, and then replaced by the final version', async () => {
  const { view, clock, fetched } = setup({ hasVersion: true });
  view.render({}, preview(1));
  view.render({}, preview(2));
  await clock.advance(2000);
  assert.equal(fetched.length, 0); // nobody is watching: nothing fetched
  assert.equal(view.el.hidden, true);
  assert.equal(view.content.hidden, false);
  assert.equal(view.offer.hidden, false); // "Watch the draft being written"
  view.stepCompleted({ step: 2 });
  assert.equal(view.reloaded, undefined); // not watched: the "Version N is ready" banner says it

  view.offer.listeners['[data-draft-show]']();
  await clock.advance(0);
  assert.equal(fetched.length, 1);
  assert.equal(view.el.hidden, false);
  assert.equal(view.content.hidden, true);
  assert.equal(view.offer.hidden, true);
  view.stepCompleted({ step: 2 });
  assert.equal(view.reloaded, 1);
});
