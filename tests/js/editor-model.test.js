// node --test tests/js: the editor's pure part (reading the form's tree into content, paths, placing field errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readValue, toContent, paths, parentPath, placeErrors, itemTitle, listBounds } from '../../src/Funnelcraft/wwwroot/js/editor-model.js';

const value = (name, raw, type = 'string') => ({ kind: 'value', name, type, raw });

const offer = [
  value('name', 'The Desk Reset'),
  value('price', ' 497 ', 'number'),
  { kind: 'object', name: 'problemSection', children: [value('heading', 'Why it hurts')] },
  {
    kind: 'list',
    name: 'features',
    items: [
      { children: [value('title', 'Morning routine'), value('description', 'Ten minutes.')] },
      { children: [value('title', ''), value('description', 'Second')] },
    ],
  },
  { kind: 'list', name: 'bulletPoints', items: [{ children: [value('.', 'One')] }, { children: [value('.', 'Two')] }] },
];

test('the tree becomes the content JSON, list items of one value as strings', () => {
  assert.deepEqual(toContent(offer), {
    name: 'The Desk Reset',
    price: 497,
    problemSection: { heading: 'Why it hurts' },
    features: [{ title: 'Morning routine', description: 'Ten minutes.' }, { title: '', description: 'Second' }],
    bulletPoints: ['One', 'Two'],
  });
});

test('numbers: a number when they read as one, null when empty, else the text for the server to refuse', () => {
  assert.equal(readValue('number', '12.5'), 12.5);
  assert.equal(readValue('integer', '  '), null);
  assert.equal(readValue('integer', 'twelve'), 'twelve');
  assert.equal(readValue('integer', '1.5'), 1.5);
  assert.equal(readValue('string', '  kept as typed '), '  kept as typed ');
});

test('paths name fields as the API does', () => {
  const names = [...paths(offer)].map(([path]) => path);
  assert.deepEqual(names, [
    'name', 'price', 'problemSection', 'problemSection.heading',
    'features', 'features[0]', 'features[0].title', 'features[0].description', 'features[1]', 'features[1].title', 'features[1].description',
    'bulletPoints', 'bulletPoints[0]', 'bulletPoints[0]', 'bulletPoints[1]', 'bulletPoints[1]',
  ]);
});

test('parent paths walk up through items and objects', () => {
  assert.equal(parentPath('features[1].title'), 'features[1]');
  assert.equal(parentPath('features[1]'), 'features');
  assert.equal(parentPath('toneSettings.wordsToAvoid[0]'), 'toneSettings.wordsToAvoid');
  assert.equal(parentPath('name'), '');
});

test('errors go to the closest part of the form that can show them; the rest are general', () => {
  const shown = new Set(['name', 'features', 'features[1]', 'features[1].title']);
  const { placed, general } = placeErrors({
    name: ['Name is missing.'],
    'features[1].title': ['Features item 2 needs a title.'],
    'slides[4].slideNumber': ['Slide 5 is numbered 7.'],
    'features[1].slideNumber': ['Hidden.'],
    content: ['The content must be an object.'],
  }, (path) => shown.has(path));
  assert.deepEqual([...placed], [
    ['name', ['Name is missing.']],
    ['features[1].title', ['Features item 2 needs a title.']],
    ['features[1]', ['Hidden.']],
  ]);
  assert.deepEqual(general, ['Slide 5 is numbered 7.', 'The content must be an object.']);
});

test('item titles and list bounds', () => {
  assert.equal(itemTitle('bullet point', 3), 'Bullet point 3');
  assert.deepEqual(listBounds(3, 3, 6), { canAdd: true, canRemove: false });
  assert.deepEqual(listBounds(6, 3, 6), { canAdd: false, canRemove: true });
});
