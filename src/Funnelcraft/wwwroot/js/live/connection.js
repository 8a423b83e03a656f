// connection.js: the leader tab's connection to the server. Server-Sent Events (generation-events) for every event
// kind the feed relays; while the stream is down, polling of generation-status with ETag / If-None-Match, and a new
// stream after a backoff (2 s doubling to 15 s). It reports its state: 'live' (stream open), 'polling' (the stream is
// down, polls answer), 'down' (neither answers), 'signed-out' (a poll answered 401; it then stops). While it polls,
// each tick also reads the preview of every step the newest status shows being written (previewUrl).
// Everything it uses from the browser is passed in, so a test can drive it with fakes.

export class Connection {
  /**
   * @param {object} o
   * @param {string} o.eventsUrl  the SSE stream
   * @param {string} o.statusUrl  the status to poll
   * @param {string[]} o.kinds    SSE event names to relay ('status', 'preview')
   * @param {((step: number) => string)|null} [o.previewUrl] a step's preview, polled for the steps being written
   * @param {number} o.pollInterval
   * @param {{later: Function, cancel: Function}} o.timers
   * @param {{EventSource?: Function, fetch: Function}} o.env
   * @param {(kind: string, data: any) => void} o.deliver
   * @param {(state: string) => void} o.onState
   */
  constructor({ eventsUrl, statusUrl, kinds, previewUrl = null, pollInterval, timers, env, deliver, onState }) {
    Object.assign(this, { eventsUrl, statusUrl, kinds, previewUrl, pollInterval, timers, env, deliver, onState });
    this.status = null; // the newest status a poll read: which steps' previews to poll
    this.closed = false;
    this.etag = null;
    this.source = null;
    this.polling = false;
    this.pollTimer = 0;
    this.retryTimer = 0;
    this.backoff = 2000;
    this.state = '';
    this.connect();
  }

  setState(state) {
    if (this.state === state || this.closed) return;
    this.state = state;
    this.onState(state);
  }

  connect() {
    if (this.closed) return;
    if (!this.env.EventSource) {
      this.startPolling();
      return;
    }
    const source = new this.env.EventSource(this.eventsUrl);
    this.source = source;
    source.addEventListener('open', () => {
      if (source === this.source) this.setState('live');
    });
    for (const kind of this.kinds) {
      source.addEventListener(kind, (e) => {
        if (source !== this.source) return;
        this.stopPolling();
        this.backoff = 2000;
        this.setState('live');
        let data;
        try {
          data = JSON.parse(e.data);
        } catch {
          return; // a malformed event: the next one carries the whole status again
        }
        if (kind === 'status') this.status = data;
        this.deliver(kind, data);
      });
    }
    source.addEventListener('error', () => {
      if (source !== this.source) return;
      // The browser would retry on its own, but nothing arrives meanwhile: poll until a new stream delivers.
      source.close();
      this.source = null;
      this.startPolling();
      this.timers.cancel(this.retryTimer);
      this.retryTimer = this.timers.later(() => this.connect(), this.backoff);
      this.backoff = Math.min(this.backoff * 2, 15000);
    });
  }

  startPolling() {
    if (this.polling || this.closed) return;
    this.polling = true;
    const tick = async () => {
      await this.poll();
      if (this.polling && !this.closed) this.pollTimer = this.timers.later(tick, this.pollInterval);
    };
    tick();
  }

  stopPolling() {
    this.polling = false;
    this.timers.cancel(this.pollTimer);
    this.pollAbort?.abort();
  }

  async poll() {
    const abort = new AbortController();
    this.pollAbort = abort;
    const headers = { Accept: 'application/json' };
    if (this.etag) headers['If-None-Match'] = this.etag;
    let response;
    try {
      response = await this.env.fetch(this.statusUrl, { headers, cache: 'no-store', credentials: 'same-origin', signal: abort.signal });
    } catch {
      if (!abort.signal.aborted && this.polling) this.setState('down'); // offline: the next tick tries again
      return;
    }
    if (!this.polling) return; // the stream came back meanwhile
    if (response.status === 200) {
      this.etag = response.headers.get('ETag');
      let data = null;
      try {
        data = await response.json();
      } catch { /* cut off: the next poll reads it again */ }
      this.setState('polling');
      if (data) {
        this.status = data;
        this.deliver('status', data);
      }
      await this.pollPreviews(abort.signal);
    } else if (response.status === 304) {
      this.setState('polling');
      await this.pollPreviews(abort.signal);
    } else if (response.status === 401) {
      this.setState('signed-out');
      this.close();
    } else {
      this.setState('down');
    }
  }

  /** The preview of each step the newest status shows being written (404 when its attempt has just ended). */
  async pollPreviews(signal) {
    if (!this.previewUrl || !this.status) return;
    const writing = (this.status.progress || []).filter((p) => p.status === 'in_progress');
    await Promise.all(writing.map(async (p) => {
      try {
        const response = await this.env.fetch(this.previewUrl(p.step), { headers: { Accept: 'application/json' }, cache: 'no-store', credentials: 'same-origin', signal });
        if (response.status !== 200 || !this.polling) return;
        const data = await response.json();
        if (data && data.step === p.step) this.deliver('preview', data);
      } catch { /* offline or cut off: the next tick reads it again */ }
    }));
  }

  close() {
    this.closed = true;
    this.stopPolling();
    this.timers.cancel(this.retryTimer);
    this.source?.close();
    this.source = null;
  }
}
