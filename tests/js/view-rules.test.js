// The status view rules: what a status means on screen. Pure functions, tested with fixed times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeStep, isBeingWritten, projectState, runEndMessage, stepUrl, summarize, timeLeft,
} from '../../src/Funnelcraft/wwwroot/js/live/view-rules.js';

const t0 = Date.parse('2026-03-01T10:00:00.000Z');
const at = (ms) => new Date(t0 + ms).toISOString();
const step = (n, status, extra = {}) => ({ step: n, stepName: `Step ${n}`, status, detail: null, error: null, percent: 0, startedAt: null, estimatedDurationMs: 0, ...extra });
const run = (runStatus, progress, extra = {}) => ({ projectId: 'p', runId: 'r', runStatus, version: 1, progress, estimatedCompletionAt: null, ...extra });
const ctx = { projectId: 'p', runActive: false };

test('step rows: icon, words, percent, link and retry for every status', () => {
  assert.deepEqual(describeStep(step(2, 'pending'), ctx), { icon: 'i-pending', state: 'waiting', detail: 'Waiting', percent: null, href: null, retry: false });
  assert.deepEqual(describeStep(step(3, 'in_progress', { detail: 'slides 30/60', percent: 57 }), ctx),
    { icon: 'i-spinner', state: 'writing', detail: 'slides 30/60', percent: 57, href: null, retry: false });
  assert.deepEqual(describeStep(step(0, 'completed'), ctx), { icon: 'i-check', state: 'done', detail: 'Ready', percent: 100, href: '/funnel-builder/p/marketing-profile', retry: false });
  assert.equal(describeStep(step(2, 'failed', { error: 'Refused' }), ctx).detail, 'Refused');
  assert.equal(describeStep(step(2, 'failed'), ctx).retry, true);
  assert.equal(describeStep(step(5, 'skipped'), ctx).retry, true);
  assert.equal(describeStep(step(5, 'cancelled'), ctx).detail, 'Cancelled');
});

test('no Retry on a row while the run is active, nor when the card offers Retry all failed', () => {
  assert.equal(describeStep(step(2, 'failed'), { ...ctx, runActive: true }).retry, false);
  assert.equal(describeStep(step(2, 'failed'), { ...ctx, retryAll: true }).retry, false);
  assert.equal(describeStep(step(5, 'skipped'), { ...ctx, retryAll: true }).retry, false);
});

test('the deck row says "planning the outline" while its outline is written, with no percent', () => {
  const row = describeStep(step(3, 'in_progress', { detail: 'outline', percent: 0 }), ctx);
  assert.equal(row.detail, 'planning the outline');
  assert.equal(row.percent, null);
  assert.equal(describeStep(step(3, 'in_progress', { detail: 'slides 0/60', percent: 14 }), ctx).detail, 'slides 0/60');
  assert.equal(describeStep(step(2, 'in_progress', { detail: 'constructor' }), ctx).detail, 'constructor');
});

test('step addresses', () => {
  assert.equal(stepUrl('p', 2), '/funnel-builder/p/step/2');
  assert.equal(stepUrl('p', 0), '/funnel-builder/p/marketing-profile');
});

test('summary: titles, counts, note and Retry all failed', () => {
  const s = summarize(run('completed_with_errors', [step(2, 'failed'), step(3, 'failed'), step(5, 'skipped'), step(8, 'completed')]), t0);
  assert.equal(s.title, 'Finished — 2 steps failed');
  assert.deepEqual([s.done, s.failed, s.skipped, s.total], [1, 2, 1, 4]);
  assert.equal(s.note, 'done');
  assert.equal(s.canRetryAll, true);

  const one = summarize(run('completed_with_errors', [step(2, 'failed'), step(5, 'skipped'), step(8, 'completed')]), t0);
  assert.equal(one.title, 'Finished — 1 step failed');
  assert.equal(one.canRetryAll, false);

  const nothing = summarize(run('failed', [step(2, 'failed'), step(3, 'failed'), step(5, 'skipped')]), t0);
  assert.equal(nothing.note, 'nothing'); // never "Finished. Open a step to read it"
  assert.equal(nothing.title, 'Generation failed');

  const running = summarize(run('running', [step(2, 'completed'), step(3, 'in_progress', { percent: 50 }), step(5, 'failed'), step(8, 'failed')]), t0);
  assert.equal(running.note, 'active');
  assert.equal(running.canRetryAll, false);
  assert.equal(running.progress, 1.5);
  assert.equal(summarize(run('queued', []), t0).title, 'Starting…');
  assert.equal(summarize(run('cancelled', []), t0).title, 'Generation cancelled');
});

test('time left: from the estimate, in words', () => {
  const eta = (ms) => run('running', [step(2, 'in_progress', { startedAt: at(0), estimatedDurationMs: 1000 })], { estimatedCompletionAt: at(ms) });
  assert.equal(timeLeft(eta(150_000), t0), 'about 3 min left'); // 2.5 min rounds up, as on the server
  assert.equal(timeLeft(eta(46_000), t0), 'about 1 min left');
  assert.equal(timeLeft(eta(30_000), t0), 'less than a minute left');
  assert.equal(timeLeft(eta(4_000), t0), 'almost done');
  assert.equal(timeLeft({ ...eta(30_000), runStatus: 'completed' }, t0), '');
  assert.equal(timeLeft(run('running', []), t0), '');
});

test('time left is never behind what a running step still needs by its own estimate', () => {
  // The server's estimate says 3 s; the deck started 2 s ago and takes 20 s: 18 s are left, not "almost done".
  const status = run('running', [step(3, 'in_progress', { startedAt: at(-2000), estimatedDurationMs: 20_000 })], { estimatedCompletionAt: at(3000) });
  assert.equal(timeLeft(status, t0), 'less than a minute left');
  // A pending step needs all of its estimate.
  const pending = run('running', [step(5, 'pending', { estimatedDurationMs: 90_000 })], { estimatedCompletionAt: at(1000) });
  assert.equal(timeLeft(pending, t0), 'about 2 min left');
  // An estimate gone negative still counts what the steps need.
  const negative = run('running', [step(3, 'in_progress', { startedAt: at(-5000), estimatedDurationMs: 40_000 })], { estimatedCompletionAt: at(-10_000) });
  assert.equal(timeLeft(negative, t0), 'less than a minute left');
});

test('a run past its estimate, or whose step overran its own, is "taking longer than usual", never "almost done"', () => {
  // The slow-writer case: the step estimated at 3 s has run for 20 s.
  const overrun = run('running', [step(3, 'in_progress', { startedAt: at(-20_000), estimatedDurationMs: 3000 })], { estimatedCompletionAt: at(2000) });
  assert.equal(timeLeft(overrun, t0), 'taking longer than usual');
  const past = run('running', [step(3, 'in_progress', { startedAt: at(-1000), estimatedDurationMs: 3000 })], { estimatedCompletionAt: at(-1) });
  assert.equal(timeLeft(past, t0), 'taking longer than usual'); // the run is past its estimate
  const within = run('running', [step(3, 'in_progress', { startedAt: at(-1000), estimatedDurationMs: 3000 })], { estimatedCompletionAt: at(2500) });
  assert.equal(timeLeft(within, t0), 'almost done');
  const pastAndOver = run('running', [step(3, 'in_progress', { startedAt: at(-4000), estimatedDurationMs: 3000 })], { estimatedCompletionAt: at(-1000) });
  assert.equal(timeLeft(pastAndOver, t0), 'taking longer than usual');
  const pastNoSteps = run('running', [step(3, 'in_progress', { startedAt: at(-4000) })], { estimatedCompletionAt: at(-1000) });
  assert.equal(timeLeft(pastNoSteps, t0), 'taking longer than usual');
  // An overrunning step beside a long pending one: the pending one still needs a minute and more.
  const mixed = run('running', [step(2, 'in_progress', { startedAt: at(-30_000), estimatedDurationMs: 3000 }), step(11, 'pending', { estimatedDurationMs: 70_000 })],
    { estimatedCompletionAt: at(5000) });
  assert.equal(timeLeft(mixed, t0), 'about 1 min left');
});

test('time left, a slow run second by second: never "almost done" from 10 s to 60 s', () => {
  // The run of the report: the server still expected 3 s, the step (estimated at 20 s now) ran for 61 s.
  for (let s = 0; s <= 61; s++) {
    const status = run('running', [step(2, 'in_progress', { startedAt: at(0), estimatedDurationMs: 20_000 })], { estimatedCompletionAt: at(3000) });
    const words = timeLeft(status, t0 + s * 1000);
    assert.equal(words, s < 15 ? 'less than a minute left' : 'taking longer than usual', `at ${s} s`);
  }
});

test('the end-of-run toast: on step 1 it points at the card, elsewhere at step 1', () => {
  const failed = run('completed_with_errors', [step(2, 'failed'), step(5, 'skipped'), step(3, 'completed')]);
  assert.equal(runEndMessage(failed, true).text, '1 step failed and 1 was skipped. You can retry them from the card.');
  assert.equal(runEndMessage(failed, false).text, '1 step failed and 1 was skipped. You can retry them on step 1.');
  const two = run('completed_with_errors', [step(2, 'failed'), step(3, 'failed'), step(8, 'completed')]);
  assert.match(runEndMessage(two, true).text, /with Retry all failed on the card\.$/);
  const all = run('failed', [step(2, 'failed'), step(3, 'failed')]);
  assert.deepEqual([runEndMessage(all, true).kind, runEndMessage(all, true).title], ['error', 'Generation failed']);
  assert.equal(runEndMessage(run('completed', [step(2, 'completed')]), true).text, '1 of 1 steps written.');
  assert.equal(runEndMessage(run('cancelled', []), true).kind, 'info');
});

test('a project on the list says what its tracker says', () => {
  const live = run('running', [step(2, 'completed'), step(3, 'completed'), step(5, 'completed'), step(8, 'in_progress'), step(9), step(11), step(0)]);
  assert.deepEqual(projectState(live, 7, 7), { state: 'writing', text: '3 of 7 · writing' });
  assert.deepEqual(projectState({ ...live, runStatus: 'completed' }, 7, 7), { state: 'ready', text: 'Ready' });
  assert.deepEqual(projectState(run('completed_with_errors', [step(2, 'failed'), step(3, 'failed')]), 0, 7), { state: 'failed', text: '2 failed' });
  assert.deepEqual(projectState(null, 0, 7), { state: 'idle', text: 'Not generated yet' });
  assert.deepEqual(projectState({ runId: null }, 4, 7), { state: 'idle', text: '4 of 7 pieces' });
});

test('a step is being written while its run is active and it is pending or writing', () => {
  const status = run('running', [step(2, 'completed'), step(3, 'in_progress'), step(5, 'pending')]);
  assert.deepEqual([2, 3, 5, 8].map((n) => isBeingWritten(status, n)), [false, true, true, false]);
  assert.equal(isBeingWritten({ ...status, runStatus: 'cancelled' }, 3), false);
});
