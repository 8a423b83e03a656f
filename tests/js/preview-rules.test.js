// The preview view rules: which preview replaces which, which the status still shows, and what a running row shows of
// each step's content so far — whole, partial, empty and malformed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clip, describePreview, previewNewer, previewShows, shownPreviews } from '../../src/Funnelcraft/wwwroot/js/live/preview-rules.js';

const preview = (step, seq, extra = {}) => ({ runId: 'r1', step, attempt: 1, seq, content: {}, ...extra });
const status = (progress, extra = {}) => ({ projectId: 'p', runId: 'r1', runStatus: 'running', version: 3, progress, ...extra });
const writing = (step, attempt = 1) => ({ step, status: 'in_progress', attempt });

test('a later seq, a later attempt or another run replaces the preview held; an older one does not', () => {
  assert.equal(previewNewer(preview(2, 1), undefined), true);
  assert.equal(previewNewer(preview(2, 5), preview(2, 4)), true);
  assert.equal(previewNewer(preview(2, 4), preview(2, 5)), false);
  assert.equal(previewNewer(preview(2, 5), preview(2, 5)), false);
  assert.equal(previewNewer(preview(2, 1, { attempt: 2 }), preview(2, 40)), true); // a retry starts afresh
  assert.equal(previewNewer(preview(2, 40), preview(2, 1, { attempt: 2 })), false);
  assert.equal(previewNewer(preview(2, 1, { runId: 'r2' }), preview(2, 40)), true);
  assert.equal(previewNewer({ seq: 1 }, undefined), false); // no step: not a preview
  assert.equal(previewNewer(null, undefined), false);
});

test('a preview shows only while the status shows its attempt writing its step', () => {
  assert.equal(previewShows(status([writing(2)]), preview(2, 1)), true);
  assert.equal(previewShows(status([{ step: 2, status: 'completed', attempt: 1 }]), preview(2, 1)), false);
  assert.equal(previewShows(status([{ step: 2, status: 'failed', attempt: 1 }]), preview(2, 1)), false);
  assert.equal(previewShows(status([writing(2, 2)]), preview(2, 9)), false); // the retry's own preview has not come yet
  assert.equal(previewShows(status([writing(2)], { runId: 'r0' }), preview(2, 1)), false);
  assert.equal(previewShows(status([writing(3)]), preview(2, 1)), false);
  assert.equal(previewShows(null, preview(2, 1)), false);

  const held = new Map([[2, preview(2, 4)], [3, preview(3, 2)], [5, preview(5, 1)]]);
  const shown = shownPreviews(status([{ step: 2, status: 'completed', attempt: 1 }, writing(3), { step: 5, status: 'cancelled', attempt: 1 }]), held);
  assert.deepEqual([...shown.keys()], [3]);
});

test('the offer row shows its name and tagline as they arrive', () => {
  assert.equal(describePreview(2, {}), null);
  assert.deepEqual(describePreview(2, { name: 'Clinic Gro' }), { title: 'Clinic Gro', text: '' });
  assert.deepEqual(describePreview(2, { name: 'Clinic Growth Blueprint', tagline: 'Fill your diary in' }),
    { title: 'Clinic Growth Blueprint', text: 'Fill your diary in' });
  // Before a tagline the description's opening stands in; once the tagline has begun it wins.
  assert.equal(describePreview(2, { name: 'X', description: 'A programme' }).text, 'A programme');
});

test('the deck row shows its title, then the newest slide counting up towards the whole deck', () => {
  assert.deepEqual(describePreview(3, { title: 'From Empty Chairs' }, { deckSlides: 60 }), { title: 'From Empty Chairs', text: '' });
  const slides = [
    { slideNumber: 1, title: 'Welcome', description: 'Hello', section: 'hook' },
    { slideNumber: 2, title: 'Why now', description: 'Be' },
    { slideNumber: 11, title: 'The problem' },
    { slideNumber: 12 }, // its title has not begun yet
  ];
  assert.deepEqual(describePreview(3, { title: 'From Empty Chairs', slides }, { deckSlides: 60 }),
    { title: 'From Empty Chairs', text: 'Slide 11 of 60: The problem · 3 written' });
  assert.equal(describePreview(3, { title: 'T', slides: slides.slice(0, 2) }, { deckSlides: 60 }).text, 'Slide 2 of 60: Why now · 2 written');
  assert.equal(describePreview(3, { title: 'T', slides: slides.slice(0, 1) }).text, 'Slide 1: Welcome · 1 written'); // total unknown
  assert.equal(describePreview(3, { title: 'T', slides: [{ title: 'No number yet' }] }, { deckSlides: 60 }).text, 'Slide 1 of 60: No number yet · 1 written');
});

test('page rows show the headline and subheadline; the e-mails their sequence and newest subject line', () => {
  for (const step of [5, 8, 9]) {
    assert.deepEqual(describePreview(step, { headline: 'Stop losing patients', subheadline: 'A free train' }),
      { title: 'Stop losing patients', text: 'A free train' });
  }
  assert.deepEqual(describePreview(11, { sequenceName: 'After the webinar' }), { title: 'After the webinar', text: '' });
  assert.deepEqual(describePreview(11, { sequenceName: 'After', messages: [{ subjectLine: 'Your replay' }, { subjectLine: 'Last ch' }, { name: 'third' }] }),
    { title: 'After', text: 'E-mail 2: Last ch' });
});

test('the marketing profile row shows the business and the opening of the brand voice', () => {
  assert.deepEqual(describePreview(0, { brandVoice: 'Warm,  plain\nand direct' }), { title: '', text: 'Warm, plain and direct' });
  assert.deepEqual(describePreview(0, { brandVoice: 'Warm', businessContext: { businessName: 'Bright Smiles' } }), { title: 'Bright Smiles', text: 'Warm' });
});

test('malformed content shows nothing rather than failing: wrong types, arrays, nulls, unknown steps', () => {
  assert.equal(describePreview(2, null), null);
  assert.equal(describePreview(2, 'a string'), null);
  assert.equal(describePreview(2, [1, 2]), null);
  assert.equal(describePreview(2, { name: 42, tagline: { x: 1 } }), null);
  assert.equal(describePreview(3, { title: null, slides: 'not a list' }), null);
  assert.deepEqual(describePreview(3, { title: 'T', slides: [null, 7, 'x', { title: 5 }] }, { deckSlides: 60 }), { title: 'T', text: '' });
  assert.equal(describePreview(11, { messages: [{ subjectLine: ['x'] }] }), null);
  assert.equal(describePreview(0, { businessContext: 'x' }), null);
  assert.equal(describePreview(99, { name: 'x' }), null);
  assert.equal(describePreview(5, { headline: '   ' }), null);
});

test('long text is cut at a word with an ellipsis', () => {
  const long = 'Fill your diary with the patients you want most without spending a penny more on ads every single month';
  const row = describePreview(2, { name: 'N', tagline: long });
  assert.ok(row.text.length <= 90);
  assert.ok(row.text.endsWith('…'));
  assert.ok(long.startsWith(row.text.slice(0, -1)));
  assert.equal(clip('short'), 'short');
  assert.equal(clip('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
});
