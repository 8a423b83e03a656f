// LiveView with previews: views get only the previews the status still shows; the announcer hears step completions only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LiveView } from '../../src/Funnelcraft/wwwroot/js/live/live-view.js';

function setup() {
  const announced = [];
  const notices = { announce: (t) => announced.push(t), toast() {}, notifyIfHidden() {} };
  const renders = [];
  const live = new LiveView({ projectId: 'p', initial: null, onStep1: true, notices });
  live.add({ render: (status, previews) => renders.push({ version: status.version, previews: [...previews].map(([s, p]) => `${s}:${p.seq}`) }) });
  return { live, announced, renders };
}
const run = (version, steps) => ({ projectId: 'p', runId: 'r', runStatus: 'running', version,
  progress: steps.map(([step, status, attempt = 1]) => ({ step, stepName: `Step ${step}`, status, attempt })) });
const preview = (step, seq, attempt = 1) => ({ runId: 'r', step, attempt, seq, content: { name: `v${seq}` } });

test('previews reach the views while their attempt writes the step, and go when it ends; only completions are announced', () => {
  const { live, announced, renders } = setup();
  live.accept(run(1, [[2, 'in_progress'], [3, 'pending']]));
  live.acceptPreview(preview(2, 1));
  live.acceptPreview(preview(2, 2));
  live.acceptPreview(preview(2, 1)); // older: no render
  live.acceptPreview(preview(3, 1)); // step 3 is not being written yet: held, not shown
  assert.deepEqual(renders.map((r) => r.previews), [[], ['2:1'], ['2:2'], ['2:2']]);

  live.accept(run(2, [[2, 'completed'], [3, 'in_progress']]));
  assert.deepEqual(renders.at(-1).previews, ['3:1']); // step 2's preview is gone with its attempt; step 3's now shows
  live.accept(run(3, [[2, 'completed'], [3, 'in_progress', 2]]));
  assert.deepEqual(renders.at(-1).previews, []); // a retry: the failed attempt's preview is not shown
  live.acceptPreview(preview(3, 1, 2));
  assert.deepEqual(renders.at(-1).previews, ['3:1']);
  assert.deepEqual(announced, ['Generation started.', 'Step 2 is ready.']);
});

test('a preview that is not a preview is ignored', () => {
  const { live, renders } = setup();
  live.accept(run(1, [[2, 'in_progress']]));
  live.acceptPreview(null);
  live.acceptPreview({ seq: 3 });
  assert.equal(renders.length, 1);
});
