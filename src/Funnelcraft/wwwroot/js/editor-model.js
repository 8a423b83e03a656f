// editor-model.js: the pure part of the step editor, without the DOM. The page's form is read into a tree of
// { kind: 'value', name, type, raw } | { kind: 'object', name, children } | { kind: 'list', name, items: [{ children }] },
// turned into the step's content JSON, and the API's field errors are placed on the nearest part of the form that
// can show them. The rules themselves are the server's: the browser sends what the person typed.

/** A control's value as JSON: text as typed; a number when it reads as one; an empty number is null (the server says it is missing). */
export function readValue(type, raw) {
  if (type === 'number' || type === 'integer') {
    const text = raw.trim();
    if (text === '') return null;
    const number = Number(text);
    return Number.isFinite(number) ? number : raw;
  }
  return raw;
}

/** The content object a tree of nodes describes. */
export function toContent(nodes) {
  const content = {};
  for (const node of nodes) content[node.name] = nodeValue(node);
  return content;
}

function nodeValue(node) {
  if (node.kind === 'value') return readValue(node.type, node.raw);
  if (node.kind === 'object') return toContent(node.children);
  return node.items.map(itemValue);
}

function itemValue(item) {
  const self = item.children.find((c) => c.name === '.');
  return self ? nodeValue(self) : toContent(item.children);
}

/** Every node with its JSON path, as the API names fields: "features[1].title"; a list item's own value is the item's path. */
export function* paths(nodes, parent = '') {
  for (const node of nodes) {
    const path = node.name === '.' ? parent : parent ? `${parent}.${node.name}` : node.name;
    yield [path, node];
    if (node.kind === 'object') yield* paths(node.children, path);
    if (node.kind === 'list') {
      for (let i = 0; i < node.items.length; i += 1) {
        const itemPath = `${path}[${i}]`;
        yield [itemPath, node.items[i]];
        yield* paths(node.items[i].children, itemPath);
      }
    }
  }
}

/** The path one level up: "features[1].title" → "features[1]" → "features" → "". */
export function parentPath(path) {
  const match = /^(.*)(\[\d+\]|\.[^.[\]]+)$/.exec(path);
  if (match) return match[1];
  return '';
}

/**
 * Places field errors ({ path: [messages] }) on the closest path that can show them (the field, else its item, else
 * its list…). Answers { placed: Map(path → messages), general: [messages] } — general for what no part of the form shows.
 */
export function placeErrors(errors, canShow) {
  const placed = new Map();
  const general = [];
  for (const [field, messages] of Object.entries(errors ?? {})) {
    let path = field === 'content' ? '' : field;
    while (path !== '' && !canShow(path)) path = parentPath(path);
    if (path === '') {
      general.push(...messages);
    } else {
      placed.set(path, [...(placed.get(path) ?? []), ...messages]);
    }
  }
  return { placed, general };
}

/** "feature", 2 → "Feature 2". */
export function itemTitle(noun, position) {
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${position}`;
}

/** What a list's buttons may do with `count` items: add below max, remove above min. */
export function listBounds(count, min, max) {
  return { canAdd: count < max, canRemove: count > min };
}
