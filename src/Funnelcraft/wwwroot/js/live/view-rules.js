// view-rules.js: what a status means on screen. Pure functions of the status (and the time, passed in): no DOM, no
// storage, no clock of their own. The server renders a page's first state with the same rules in C# (StepRowView,
// RunSummaryView, ProjectStateView, FunnelUrls, ContentModel.IsBeingWritten in Pages/FunnelBuilder); a browser test
// (ViewRulesAgreementTests) runs every case through both and compares them.

export const isActive = (runStatus) => runStatus === 'queued' || runStatus === 'running';

/** The address of a step's content page (step 0, the marketing profile, has a name of its own). */
export function stepUrl(projectId, step) {
  return step === 0 ? `/funnel-builder/${projectId}/marketing-profile` : `/funnel-builder/${projectId}/step/${step}`;
}

// Phases a writer reports by name rather than as a count, in the words a person reads.
const phases = new Map([['outline', 'planning the outline']]);

/**
 * One row of the card or the tracker. `retryAll`: the card offers one "Retry all failed" button instead of a Retry
 * on each row (two or more steps failed).
 */
export function describeStep(p, { projectId, runActive, retryAll = false }) {
  const canRetry = !runActive && !retryAll;
  switch (p.status) {
    case 'in_progress': return row('i-spinner', 'writing', phases.get(p.detail) || p.detail || 'Writing…', p.percent > 0 ? p.percent : null, null, false);
    case 'completed': return row('i-check', 'done', p.detail || 'Ready', 100, stepUrl(projectId, p.step), false);
    case 'failed': return row('i-cross', 'failed', p.error || 'Failed', null, null, canRetry);
    case 'skipped': return row('i-skipped', 'skipped', p.error || 'Skipped', null, null, canRetry);
    case 'cancelled': return row('i-cancelled', 'cancelled', 'Cancelled', null, null, false);
    default: return row('i-pending', 'waiting', p.detail || 'Waiting', null, null, false);
  }
}

function row(icon, state, detail, percent, href, retry) {
  return { icon, state, detail, percent, href, retry };
}

function counts(status) {
  const steps = status.progress || [];
  const count = (s) => steps.filter((p) => p.status === s).length;
  return { steps, done: count('completed'), failed: count('failed'), skipped: count('skipped') };
}

const plural = (n, one, many) => (n === 1 ? one : many);

/** The card's and the tracker's headline: title, counts, the bar, the note under the rows, Retry all failed. */
export function summarize(status, now) {
  const { steps, done, failed, skipped } = counts(status);
  const active = isActive(status.runStatus);
  const partial = steps.filter((p) => p.status === 'in_progress').reduce((sum, p) => sum + (p.percent || 0) / 100, 0);
  const titles = {
    queued: 'Starting…',
    running: 'Writing your funnel',
    completed: 'All content is ready',
    completed_with_errors: failed > 0 ? `Finished — ${failed} ${plural(failed, 'step', 'steps')} failed`
      : `Finished — ${skipped} ${plural(skipped, 'step', 'steps')} skipped`,
    cancelled: 'Generation cancelled',
  };
  return {
    done, failed, skipped, total: steps.length,
    progress: Math.min(steps.length, done + partial),
    active,
    title: titles[status.runStatus] || 'Generation failed',
    // active: "you can leave"; done: "open a step"; nothing: the run ended without writing anything.
    note: active ? 'active' : done > 0 ? 'done' : 'nothing',
    canRetryAll: !active && failed >= 2,
    timeLeft: timeLeft(status, now),
  };
}

/**
 * "about 2 min left". Never behind what a step still needs by its own estimate (startedAt + estimatedDurationMs; a
 * pending step needs all of its estimate), and never "almost done" for a run past its estimate or with a step
 * that has overrun its own: that run is "taking longer than usual".
 */
export function timeLeft(status, now) {
  if (!isActive(status.runStatus)) return '';
  let need = 0;
  let overrun = false;
  let known = false;
  for (const p of status.progress || []) {
    const estimate = p.estimatedDurationMs || 0;
    if (estimate <= 0 || (p.status !== 'in_progress' && p.status !== 'pending')) continue;
    known = true;
    const left = p.status === 'in_progress' && p.startedAt ? Date.parse(p.startedAt) + estimate - now : estimate;
    if (left <= 0) overrun = true;
    else need = Math.max(need, left);
  }
  const eta = status.estimatedCompletionAt ? Date.parse(status.estimatedCompletionAt) - now : null;
  if (eta === null && !known) return '';
  const seconds = Math.max(eta ?? 0, need) / 1000;
  if (seconds > 5) {
    return seconds < 45 ? 'less than a minute left' : `about ${Math.max(1, Math.round(seconds / 60))} min left`;
  }
  return overrun || (eta !== null && eta <= 0) ? 'taking longer than usual' : 'almost done';
}

/** The toast (and notification) when a run ends; on step 1 it points at the card, elsewhere at step 1. */
export function runEndMessage(status, onStep1) {
  const { steps, done, failed, skipped } = counts(status);
  if (status.runStatus === 'completed') {
    return { kind: 'success', title: 'All content is ready', text: `${done} of ${steps.length} steps written.` };
  }
  if (status.runStatus === 'cancelled') {
    return { kind: 'info', title: 'Generation cancelled', text: 'Content that was already finished is kept.' };
  }
  const parts = [];
  if (failed) parts.push(`${failed} ${plural(failed, 'step', 'steps')} failed`);
  if (skipped) parts.push(`${skipped} ${plural(skipped, 'was', 'were')} skipped`);
  const them = failed + skipped === 1 ? 'it' : 'them';
  const where = onStep1 ? (failed >= 2 ? 'with Retry all failed on the card' : 'from the card') : 'on step 1';
  const nothing = done === 0;
  return {
    kind: nothing || status.runStatus === 'failed' ? 'error' : 'warn',
    title: nothing || status.runStatus === 'failed' ? 'Generation failed' : 'Finished with errors',
    text: `${parts.join(' and ') || 'Nothing was written'}. You can retry ${them} ${where}.`,
  };
}

/** A project's line on the project list, the same words as its tracker: "3 of 7 · writing", "Ready", "2 failed". */
export function projectState(status, piecesWritten, totalPieces) {
  if (!status || !status.runId) {
    return { state: 'idle', text: piecesWritten > 0 ? `${piecesWritten} of ${totalPieces} pieces` : 'Not generated yet' };
  }
  const { steps, done, failed, skipped } = counts(status);
  switch (status.runStatus) {
    case 'queued': return { state: 'writing', text: 'Starting…' };
    case 'running': return { state: 'writing', text: `${done} of ${steps.length} · writing` };
    case 'completed': return { state: 'ready', text: 'Ready' };
    case 'cancelled': return { state: 'cancelled', text: 'Cancelled' };
    default: return { state: 'failed', text: failed > 0 ? `${failed} failed` : `${skipped} skipped` };
  }
}

/** True while the run is still to write (or is writing) this step: its page says a new version is being written. */
export function isBeingWritten(status, step) {
  if (!status || !isActive(status.runStatus)) return false;
  const p = (status.progress || []).find((q) => q.step === step);
  return Boolean(p) && (p.status === 'pending' || p.status === 'in_progress');
}
