// live-progress.js: live generation progress on every page that follows a project. It reads
// what the page was rendered with, builds the pieces (live/*.js, one job each) with what they need passed in, and
// starts and stops them with the page. The project list follows every project that was running when it loaded.

import { createApi } from './live/api.js';
import { createActions } from './live/actions.js';
import { ProgressCard } from './live/card.js';
import { ContentPageView } from './live/content-page.js';
import { sessionStore } from './live/dom.js';
import { DraftView } from './live/draft.js';
import { createFeed } from './live/feed.js';
import { GenerateControl } from './live/generate.js';
import { LiveView } from './live/live-view.js';
import { ProjectCardView } from './live/project-list.js';
import { RegenerateControl } from './live/regenerate.js';
import { createTimers } from './live/timers.js';
import { createNotices } from './live/toasts.js';
import { Tracker } from './live/tracker.js';

const body = document.body;
const pageKind = body.dataset.livePage || 'other';
const onStep1 = pageKind === 'step1';
const token = document.querySelector('meta[name="request-verification-token"]')?.content ?? '';
const template = document.getElementById('fc-row-template');
const deckSlides = Number(template?.dataset.deckSlides || 0);
const timers = createTimers();
const now = () => Date.now();
const env = {
  EventSource: globalThis.EventSource,
  BroadcastChannel: globalThis.BroadcastChannel,
  locks: navigator.locks,
  fetch: globalThis.fetch.bind(globalThis),
};
const notices = createNotices({
  region: document.getElementById('fc-toasts'),
  announcer: document.getElementById('fc-announcer'),
  offline: document.getElementById('fc-offline'),
  timers,
});

const parse = (json) => {
  try {
    return JSON.parse(json || 'null');
  } catch {
    return null; // start empty: the feed sends the current status at once
  }
};

/** Everything that follows one project on this page: its view (with the given parts) and its feed. */
function follow(projectId, initial, parts) {
  const live = new LiveView({ projectId, initial, onStep1, notices });
  const feed = createFeed({ projectId, pollInterval: onStep1 ? 2500 : 3000, timers, env });
  feed.on('status', (status) => live.accept(status));
  feed.on('preview', (preview) => live.acceptPreview(preview));
  feed.onConnection(notices.connection);
  const context = {
    projectId,
    api: createApi({ projectId, token }),
    publish: (status) => feed.publish('status', status),
    started: () => live.started(),
    current: () => live.status,
  };
  for (const part of parts) live.add(part(context));
  live.render();
  return { live, feed };
}

const followed = [];
const mainProject = body.dataset.liveProject;
if (mainProject) {
  const card = document.getElementById('fc-card');
  const tracker = document.getElementById('fc-tracker');
  const generate = document.querySelector('[data-generate]');
  const regenerate = document.querySelector('[data-regenerate]');
  const projectCard = document.querySelector(`[data-project-card="${mainProject}"]`);
  const draft = pageKind === 'content' ? document.getElementById('fc-draft') : null;
  followed.push(follow(mainProject, parse(body.dataset.liveStatus), [
    (c) => card && new ProgressCard(card, { ...c, template, deckSlides, store: sessionStore, now, toast: notices.toast,
      actions: createActions({ ...c, notices }) }),
    (c) => tracker && new Tracker(tracker, { ...c, template, deckSlides, store: sessionStore, timers, now }),
    (c) => generate && new GenerateControl(generate, { ...c, notices }),
    (c) => regenerate && new RegenerateControl(regenerate, { ...c, notices }),
    (c) => new ContentPageView({ step: pageKind === 'content' ? Number(body.dataset.liveStep) : null,
      shown: Number(body.dataset.liveShown || 0), latest: Number(body.dataset.liveVersion || 0), stepVersion: c.api.stepVersion }),
    (c) => draft && new DraftView({ step: Number(body.dataset.liveStep), el: draft, content: document.getElementById('fc-content'),
      offer: document.querySelector('.draft-offer'), fetchDraft: c.api.draft, timers, hasVersion: Number(body.dataset.liveVersion || 0) > 0,
      reload: () => location.replace(location.pathname) }),
    () => projectCard && new ProjectCardView(projectCard),
  ]));
}
// Other running projects on the project list (a few: each holds a connection of this browser).
for (const el of [...document.querySelectorAll('[data-project-card][data-live-status]')].slice(0, 4)) {
  if (el.dataset.projectCard !== mainProject) followed.push(follow(el.dataset.projectCard, parse(el.dataset.liveStatus), [() => new ProjectCardView(el)]));
}

function start() {
  for (const { feed } of followed) feed.start();
  const tick = () => {
    for (const { live } of followed) live.tick();
    timers.later(tick, 5000);
  };
  timers.later(tick, 5000);
}

addEventListener('pagehide', () => {
  for (const { feed } of followed) feed.stop();
  timers.clear();
});
addEventListener('pageshow', (e) => {
  if (e.persisted) start();
});
start();
