// draft.js: a content page's draft while its step is written. When the status shows the page's step being written
// and its live preview has arrived, the page shows the draft in the step's own layout — the server renders the
// preview with the same partials as a finished version (?handler=Draft) — in place of the content, marked as a draft:
// no copy buttons, no anchors, nothing to edit or export. It is fetched again as the preview grows, at most one
// request at a time and one every `gap` ms. When the step is written the page reloads to show the final version
// (always on a page that had no version);
// when the attempt fails or is cancelled the draft goes and the content is back. A page that has no version yet shows
// the draft at once; a page showing a version keeps it ("this one stays until it is ready") and offers "Watch the
// draft being written" — the user's choice — with "Show version N instead" to go back; then "Version N+1 is ready"
// says when it lands, as before.

export class DraftView {
  /**
   * @param {object} o
   * @param {number} o.step                 this page's step
   * @param {HTMLElement} o.el              the draft section (#fc-draft)
   * @param {HTMLElement} o.content         the content region it replaces (#fc-content)
   * @param {HTMLElement|null} [o.offer]    the "Watch the draft" line, shown while the user looks at the current version
   * @param {(step: number) => Promise<string|null>} o.fetchDraft  the draft's markup, null when there is none
   * @param {{later: Function, cancel: Function}} o.timers
   * @param {() => void} o.reload           shows the final version (reloads the page)
   * @param {boolean} [o.hasVersion]      the page shows a version: the draft waits to be asked for
   * @param {number} [o.gap]
   * @param {Document} [o.doc]
   * @param {(html: string) => Document} [o.parse]
   */
  constructor({ step, el, content, offer = null, fetchDraft, timers, reload, hasVersion = false, gap = 500, doc = document,
    parse = (html) => new DOMParser().parseFromString(html, 'text/html') }) {
    Object.assign(this, { step, el, content, offer, fetchDraft, timers, reload, hasVersion, gap, doc, parse });
    this.body = el.querySelector('[data-draft-body]');
    this.wanted = null; // the preview to show: `${runId}:${attempt}:${seq}`
    this.loaded = null; // the preview on screen
    this.attempt = null; // `${runId}:${attempt}` being drafted
    this.declined = null; // the attempt whose draft the user put away
    this.loading = false;
    this.timer = 0;
    el.querySelector('[data-draft-hide]')?.addEventListener('click', () => {
      this.declined = this.attempt;
      this.show();
    });
    offer?.querySelector('[data-draft-show]')?.addEventListener('click', () => {
      this.declined = null;
      if (this.wanted !== this.loaded) this.schedule(0);
      this.show();
    });
  }

  get showing() {
    return this.loaded !== null && this.attempt !== null && this.declined !== this.attempt;
  }

  render(status, previews) {
    const preview = previews?.get(this.step);
    if (!preview) {
      this.clear();
      return;
    }
    const attempt = `${preview.runId}:${preview.attempt}`;
    if (attempt !== this.attempt) {
      this.clear();
      this.attempt = attempt;
      this.declined = this.hasVersion ? attempt : null;
    }
    this.wanted = `${attempt}:${preview.seq}`;
    const watched = this.declined !== attempt;
    if (watched && !this.loading && this.wanted !== this.loaded) this.schedule(this.loaded === null ? 0 : this.gap);
    this.show();
  }

  /** One load at a time, and never pushed back by newer previews (they arrive faster than the gap). */
  schedule(ms) {
    if (this.timer) return;
    this.timer = this.timers.later(() => {
      this.timer = 0;
      this.load();
    }, ms);
  }

  async load() {
    if (this.loading || this.attempt === null) return;
    this.loading = true;
    const wanted = this.wanted;
    const attempt = this.attempt;
    let html = null;
    try {
      html = await this.fetchDraft(this.step);
    } catch { /* unreachable: the next preview tries again */ }
    this.loading = false;
    if (attempt !== this.attempt) return; // the attempt ended meanwhile
    if (html !== null) {
      this.put(html);
      this.loaded = wanted;
      this.show();
    }
    if (this.wanted !== wanted && this.declined !== this.attempt) this.schedule(this.gap);
  }

  /** The server's rendering of the draft, minus what belongs to a saved version: ids, links within the page, buttons. */
  put(html) {
    const parsed = this.parse(html);
    for (const el of parsed.querySelectorAll('button, [data-copy-email]')) el.remove();
    for (const el of parsed.querySelectorAll('[id]')) el.removeAttribute('id');
    for (const el of parsed.querySelectorAll('[aria-labelledby]')) el.removeAttribute('aria-labelledby');
    for (const el of parsed.querySelectorAll('a[href]')) el.removeAttribute('href');
    this.body.replaceChildren(...[...parsed.body.childNodes].map((n) => this.doc.importNode(n, true)));
  }

  show() {
    const showing = this.showing;
    this.el.hidden = !showing;
    this.content.hidden = showing;
    this.doc.body.dataset.draft = showing ? 'shown' : ''; // the "being written, this one stays" notice gives way
    if (this.offer) this.offer.hidden = !(this.attempt !== null && this.declined === this.attempt);
  }

  clear() {
    this.timers.cancel(this.timer);
    this.timer = 0;
    this.attempt = null;
    this.wanted = null;
    this.loaded = null;
    this.body.replaceChildren();
    this.show();
  }

  /**
   * The page's step was written: the final version replaces the draft the user was watching, or the "being written"
   * empty state of a page that had no version (nothing there to keep reading).
   */
  stepCompleted(p) {
    if (p.step === this.step && (this.showing || !this.hasVersion)) this.reload();
  }
}
