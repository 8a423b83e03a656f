// preview-rules.js: what a step's live preview means on screen. Pure functions of the preview (and the status it
// belongs to), no DOM: which preview replaces which, whether the status still shows its attempt writing the step, and
// the words a row shows of the content so far. The content is a draft as far as the writer has written it: any field
// may be missing, cut short or (from a misbehaving writer) of the wrong type, so every field is read defensively.

const STEP = { profile: 0, offer: 2, deck: 3, enrollment: 5, watch: 8, registration: 9, followup: 11 };

/** The feed's rule: another run's preview, a later attempt, or a later one of the same attempt replaces the last. */
export function previewNewer(next, last) {
  if (!next || typeof next.step !== 'number') return false;
  if (!last) return true;
  if (next.runId !== last.runId) return true;
  return next.attempt > last.attempt || (next.attempt === last.attempt && next.seq > last.seq);
}

/** Whether the status shows the preview's attempt still writing its step (the server's LivePreview.ShowsIn). */
export function previewShows(status, preview) {
  if (!status || !preview || status.runId !== preview.runId) return false;
  const p = (status.progress || []).find((q) => q.step === preview.step);
  return Boolean(p) && p.status === 'in_progress' && p.attempt === preview.attempt;
}

/** The previews the status still shows, by step (a finished, failed or cancelled attempt's preview is gone). */
export function shownPreviews(status, previews) {
  const shown = new Map();
  for (const [step, preview] of previews) {
    if (previewShows(status, preview)) shown.set(step, preview);
  }
  return shown;
}

const text = (value) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : '');
const list = (value) => (Array.isArray(value) ? value.filter((x) => x && typeof x === 'object') : []);
const obj = (value) => (value && typeof value === 'object' && !Array.isArray(value) ? value : {});

/** Cuts text to `max` characters at a word where it can, with an ellipsis. */
export function clip(value, max = 90) {
  if (value.length <= max) return value;
  const cut = value.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function line(title, detail) {
  const t = clip(title, 70);
  const d = clip(detail);
  return t || d ? { title: t, text: d } : null;
}

/** The last item of a list that has `field` written, with its position in the list (1-based). */
function lastWith(items, field) {
  for (let i = items.length - 1; i >= 0; i--) {
    if (text(items[i][field])) return { item: items[i], index: i + 1 };
  }
  return null;
}

/**
 * What a running row shows of a step's content so far: `{ title, text }` (either may be empty) or null when nothing
 * readable has arrived. The offer: its name and tagline; the deck: its title, then "Slide 12 of 60: …" counting up;
 * the pages: headline and subheadline; the e-mails: the sequence's name and the newest subject line; the marketing
 * profile: the business and the brand voice's opening.
 * @param {number} step
 * @param {any} content
 * @param {{deckSlides?: number}} [o] how many slides a whole deck has
 */
export function describePreview(step, content, { deckSlides = 0 } = {}) {
  const c = obj(content);
  switch (step) {
    case STEP.offer:
      return line(text(c.name), text(c.tagline) || text(c.description));
    case STEP.deck: {
      const slides = list(c.slides).filter((s) => text(s.title));
      const last = lastWith(slides, 'title');
      if (!last) return line(text(c.title), '');
      const number = Number.isInteger(last.item.slideNumber) ? last.item.slideNumber : last.index;
      const of = deckSlides > 0 ? ` of ${deckSlides}` : '';
      return line(text(c.title), `Slide ${number}${of}: ${text(last.item.title)} · ${slides.length} written`);
    }
    case STEP.enrollment:
    case STEP.watch:
    case STEP.registration:
      return line(text(c.headline), text(c.subheadline));
    case STEP.followup: {
      const last = lastWith(list(c.messages), 'subjectLine');
      return line(text(c.sequenceName), last ? `E-mail ${last.index}: ${text(last.item.subjectLine)}` : '');
    }
    case STEP.profile: {
      const business = text(obj(c.businessContext).businessName);
      return line(business, text(c.brandVoice));
    }
    default:
      return null;
  }
}
