// The live player: draws a run with Plotly.js from the blocks of rows the server sends (f2c/render/live.py)
// and plays them back on its own clock with requestAnimationFrame. The server never sends frames.
//
// Streamlit calls this function again with each new `data` on the same parentElement, so the player
// keeps its state on that element and only appends what is new. Text from the server is set with
// textContent: nothing is ever parsed as HTML.

const STORY_SLOW = 3; // epochs 1..3 a fifth of a second each: the line's first swing is the lesson
const STORY_SLOW_S = 0.2;
const STORY_EACH = 40; // then one epoch a frame up to here
const STORY_LOG_S = 5.0; // then the rest of the run on a log clock
const FPS = 60;
const CURVE_MS = 400; // the loss curve is redrawn at most this often while playing
// A tick every decade, or every few when the loss spans many (a diverged run: 1 to 1e37).
const decades = (range) => Math.max(1, Math.ceil((range[1] - range[0]) / 8));
const DASHES = ["dot", "dash", "longdash", "dashdot", "longdashdot"]; // earlier runs, told apart without colour

// A load that failed (a busy server, a dropped connection) is tried again, sooner first: a player at rest
// gets no new data that would ask again, and without Plotly it would stay blank for good.
function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__f2cPlotly) {
    window.__f2cPlotly = new Promise((resolve) => {
      const attempt = (n) => {
        const tag = document.createElement("script");
        tag.src = url;
        tag.async = true;
        tag.onload = () => resolve(window.Plotly);
        tag.onerror = () => {
          tag.remove();
          console.warn(`plotly.js did not load (attempt ${n + 1}); trying again`);
          setTimeout(() => attempt(n + 1), Math.min(500 * 2 ** n, 8000));
        };
        document.head.appendChild(tag);
      };
      attempt(0);
    });
  }
  return window.__f2cPlotly;
}

const RETRY_MS = 1500; // a report the server has not answered by then is sent again
const KEYS = ["epoch", "w", "b", "loss", "dw", "db"];

class LivePlayer {
  constructor(host, setStateValue) {
    this.host = host;
    this.setStateValue = setStateValue;
    this.root = el("div", "f2c-live", host);
    this.root.setAttribute("data-testid", "f2c-live");
    this.readouts = el("div", "f2c-readouts", this.root);
    this.readouts.setAttribute("role", "group");
    this.value = {};
    this.label = {};
    for (const k of KEYS) {
      const box = el("div", "f2c-ro", this.readouts);
      this.label[k] = el("div", "f2c-ro-label", box);
      this.value[k] = el("div", "f2c-ro-value", box);
      this.value[k].setAttribute("data-testid", "f2c-readout-" + k);
      this.value[k].setAttribute("aria-live", "off");
    }
    this.units = el("div", "f2c-units", this.root);
    const prog = el("div", "f2c-progress", this.root);
    this.progressBar = el("div", "f2c-progress-bar", el("div", "f2c-progress-track", prog));
    this.progressText = el("div", "f2c-progress-text", prog);
    const charts = el("div", "f2c-charts", this.root);
    this.fitDiv = el("div", "f2c-fit", charts);
    this.lossDiv = el("div", "f2c-loss", charts);
    const bar = el("div", "f2c-bar", this.root);
    this.playBtn = el("button", "f2c-btn f2c-play", bar);
    this.backBtn = el("button", "f2c-btn", bar, "◀");
    this.fwdBtn = el("button", "f2c-btn", bar, "▶|");
    this.replayBtn = el("button", "f2c-btn", bar);
    this.modeSel = el("select", "f2c-mode", bar);
    this.slider = el("input", "f2c-slider", bar);
    this.slider.type = "range";
    this.slider.min = "0";
    this.slider.value = "0";
    this.sliderText = el("span", "f2c-slider-text", bar);
    this.clearBtn = el("button", "f2c-btn f2c-clear", bar);
    this.clearBtn.hidden = true;
    this.keysNote = el("div", "f2c-keys", this.root);
    this.reset(null);
    this.playing = true;
    this.frames = 0;
    this.drawn = 0; // frames whose epoch changed: what the tests and bench/bench_ui.py count
    this.shownEpoch = -1;
    this.ready = false;
    this.raf = 0;
    this.last = performance.now();
    this.wire();
    this.tick = this.tick.bind(this);
    this.raf = requestAnimationFrame(this.tick);
  }

  reset(runId) {
    this.runId = runId;
    this.rows = { e: [], w: [], b: [], loss: [], dw: [], db: [], rw: [], rb: [], vl: [] };
    this.n = 0;
    this.pos = -1; // row on screen; -1 = the starting point
    this.clock = 0;
    this.chase = 0; // log(epoch) the playback has caught up to
    this.glide = null;
    this.interval = 0.2; // seconds between blocks, as they arrive
    this.curveDirty = true;
    this.ended = false;
  }

  wire() {
    this.playBtn.onclick = () => this.togglePlay();
    this.backBtn.onclick = () => this.step(-1);
    this.fwdBtn.onclick = () => this.step(1);
    this.replayBtn.onclick = () => this.replay();
    this.modeSel.onchange = () => {
      this.mode = this.modeSel.value;
      this.clock = this.clockFor(this.pos);
    };
    this.slider.oninput = () => this.seek(parseInt(this.slider.value, 10) - 1);
    this.slider.onchange = () => this.report();
    this.clearBtn.onclick = () => this.setStateValue("clear", Date.now()); // the server forgets them
  }

  // ---- data from the server -----------------------------------------------------------------------
  update(data) {
    const meta = data.meta;
    // When each update came and how many rows it held (bench/bench_ui.py and bench_load.py count them).
    (window.__f2cUpdates = window.__f2cUpdates || []).push([performance.now(), data.rows ? data.rows.e.length : 0]);
    if (window.__f2cUpdates.length > 5000) window.__f2cUpdates.splice(0, 1000);
    this.meta = meta;
    this.root.classList.toggle("f2c-present", !!meta.present);
    if (data.run !== this.runId) {
      this.reset(data.run);
      this.playing = !!meta.running || !!meta.finished;
      this.chartsBuilt = false;
    }
    // A block repeats the rows of the few before it (an update the page never drew is carried by the
    // next), so it must agree with what is here: its row before our new ones is our last row.
    const block = data.rows;
    const skip = this.n - data.from;
    const last = this.n ? this.rows.e[this.n - 1] : 0;
    let gap = !block && skip < 0;
    if (block) {
      const fits = skip >= 0 && skip <= block.e.length && (skip === 0 ? !this.n || block.e[0] > last : block.e[skip - 1] === last);
      if (!fits) gap = true;
      else if (skip < block.e.length) this.append(block, skip);
    }
    const end = this.n ? this.rows.e[this.n - 1] : 0;
    // The end is not the end while rows are missing: the server's last epoch must be ours.
    this.behind = gap || (meta.last != null && end !== meta.last);
    if (gap || (meta.complete && this.behind)) {
      // Ask the server to go on from the rows we have; once per state, the report reruns its script.
      const ask = data.from + ":" + this.n;
      if (this.asked !== ask) {
        this.asked = ask;
        this.asks = 0;
        this.askRows();
      }
    } else this.askedAt = 0;
    if (meta.running) this.ended = false;
    if (meta.running && !this.wasRunning) this.playing = true; // Run / Continue pressed
    const stopped = this.wasRunning && !meta.running;
    this.wasRunning = !!meta.running;
    if (meta.seek !== this.seekSeen) {
      // The page asked to show an epoch (its scrubber moved, Step was pressed): show it, paused.
      const first = this.seekSeen === undefined;
      this.seekSeen = meta.seek;
      if (!first && !meta.running) {
        this.playing = false;
        this.seek(this.indexOf(meta.cursor));
        this.report(); // with the epoch after it, where a further Step goes
      }
    }
    if (meta.resume !== this.resumeSeen) {
      // Continue pressed on a paused replay: play on from the epoch on screen.
      const first = this.resumeSeen === undefined;
      this.resumeSeen = meta.resume;
      if (!first) { this.playing = true; this.ended = false; }
    }
    if (!meta.running && meta.paused) this.playing = false;
    // Paused while computing: the report made at the pause went nowhere (the server was still running), so
    // the first report after it is news even at an epoch reported before.
    if (stopped && !this.playing) this.report(true);
    this.texts(meta.text);
    loadPlotly(meta.plotly).then(() => {
      this.ready = true;
      const rebuild = !this.chartsBuilt || this.builtFor !== this.buildKey(this.meta);
      if (rebuild) this.build();
      // While playing, the new rows' loss curve waits for the next frame's turn (CURVE_MS): Streamlit's
      // own work for an update already costs a frame or two, and Plotly's redraw on top would drop more.
      this.draw(rebuild || !this.playing);
    });
  }

  append(block, skip) {
    for (const k of Object.keys(this.rows)) {
      if (block[k]) for (let i = skip; i < block[k].length; i++) this.rows[k].push(block[k][i]);
    }
    this.n = this.rows.e.length;
    this.curveDirty = true;
    if (this.ended) this.playing = true; // more rows after the end: play on to the new end
    // Glide to the newest epoch over about the time until the next block, one row a frame.
    const now = performance.now();
    // Under load blocks come seconds apart: the glide then stretches over the real gap (the server sends
    // rows enough for it, f2c/ui/live_player/feed.py), instead of arriving early and waiting.
    if (this.lastBlock) this.interval = 0.6 * this.interval + 0.4 * Math.min(Math.max((now - this.lastBlock) / 1000, 0.1), 3);
    this.lastBlock = now;
    this.glide = { from: this.chase, to: Math.log(this.rows.e[this.n - 1]), start: now };
    this.ended = false;
  }

  texts(t) {
    for (const k of KEYS) this.label[k].textContent = t.labels[k];
    this.readouts.setAttribute("aria-label", t.readouts);
    this.replayBtn.textContent = t.replay;
    this.backBtn.title = this.backBtn.ariaLabel = t.back;
    this.fwdBtn.title = this.fwdBtn.ariaLabel = t.forward;
    this.slider.ariaLabel = t.scrub;
    this.keysNote.textContent = t.keys;
    this.clearBtn.textContent = t.clear;
    this.clearBtn.hidden = !(this.meta.history && this.meta.history.length);
    this.clearBtn.title = t.history;
    if (this.modeSel.options.length === 0 || this.modeSel.dataset.lang !== t.lang) {
      this.modeSel.textContent = "";
      for (const [value, label] of t.modes) {
        const option = el("option", "", this.modeSel, label);
        option.value = value;
      }
      this.modeSel.dataset.lang = t.lang;
      this.modeSel.value = this.mode || "story";
      this.mode = this.modeSel.value;
    }
    this.modeSel.ariaLabel = t.mode;
  }

  // ---- the clock ----------------------------------------------------------------------------------
  storyEpoch(t) {
    if (t < STORY_SLOW * STORY_SLOW_S) return 1 + Math.floor(t / STORY_SLOW_S);
    const t2 = STORY_SLOW * STORY_SLOW_S + (STORY_EACH - STORY_SLOW) / FPS;
    if (t < t2) return STORY_SLOW + 1 + Math.floor((t - STORY_SLOW * STORY_SLOW_S) * FPS);
    if (t - t2 >= STORY_LOG_S) return Infinity;
    const total = Math.max(this.meta.total, STORY_EACH + 1);
    return STORY_EACH * Math.pow(total / STORY_EACH, (t - t2) / STORY_LOG_S);
  }
  clockFor(pos) {
    // The clock time at which a mode shows row `pos`: a mode change or a scrub continues from there.
    if (pos < 0) return 0;
    const e = this.rows.e[pos];
    if (this.mode === "rate") return e / this.meta.rate;
    if (this.mode !== "story") return 0;
    let lo = 0, hi = 60;
    for (let i = 0; i < 40; i++) {
      const mid = (lo + hi) / 2;
      if (this.storyEpoch(mid) < e) lo = mid; else hi = mid;
    }
    return hi;
  }
  targetEpoch(dt) {
    const latest = this.n ? this.rows.e[this.n - 1] : 0;
    if (!latest) return 0;
    // Whatever the mode, the shown epoch glides up to the newest one received: blocks come ~5 times a
    // second, frames 60 times.
    const goal = Math.log(latest);
    const g = this.glide;
    if (g && g.to === goal) {
      const f = Math.min(1, (performance.now() - g.start) / 1000 / (1.2 * this.interval));
      this.chase = Math.max(this.chase, f >= 1 ? goal : g.from + (g.to - g.from) * f);
    } else {
      this.chase = goal;
    }
    const glide = this.chase === goal ? latest : Math.exp(this.chase); // exp(log(n)) may fall short of n
    if (this.mode === "computed") return glide;
    const wanted = this.mode === "rate" ? this.clock * this.meta.rate : this.storyEpoch(this.clock);
    return Math.min(wanted, glide);
  }
  indexOf(epoch) {
    // The last row at or before `epoch` (binary search: the rows are in epoch order).
    const e = this.rows.e;
    let lo = 0, hi = this.n - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (e[mid] <= epoch) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  }

  tick(now) {
    try {
      this.frame(now);
    } finally {
      if (!this.destroyed) this.raf = requestAnimationFrame(this.tick); // one bad frame never stops it
    }
  }

  frame(now) {
    const dt = Math.min((now - this.last) / 1000, 0.1);
    this.last = now;
    if (this.ready && this.playing && this.n) {
      this.clock += dt;
      let pos = this.indexOf(this.targetEpoch(dt));
      if (this.pos >= 0 && pos < this.pos) pos = this.pos;
      this.pos = pos;
      if (this.pos === this.n - 1 && this.meta.complete && !this.behind) {
        this.playing = false;
        this.ended = true;
        this.report();
        // The page's status says Finished only once the run has been played to its end here.
        if (this.played !== this.runId) {
          this.played = this.runId;
          this.playedTries = 0;
          this.sayPlayed(now);
        }
      }
    }
    this.retry(now);
    if (this.ready && this.chartsBuilt && ++this.frames % 60 === 0 && this.theme() !== this.themeNow) this.build();
    if (this.ready) this.draw(false);
  }

  // ---- what the browser tells the server -----------------------------------------------------------
  // A value set while Streamlit swaps the element (the live fragment ends, the page reruns) can be lost:
  // the server then never reruns for it. What the server must hear is said again until an update shows
  // that it heard it.
  sayPlayed(now) {
    this.playedAt = now;
    this.playedTries += 1;
    this.setStateValue("played", { run: this.runId, n: this.playedTries });
  }
  askRows() {
    this.askedAt = performance.now();
    this.asks += 1;
    const end = this.n ? this.rows.e[this.n - 1] : 0;
    this.setStateValue("have", { run: this.runId, rows: this.n, epoch: end, at: Date.now() });
  }
  retry(now) {
    if (!this.meta) return;
    if (this.played === this.runId && this.meta.played !== this.runId && this.playedTries < 20 && now - this.playedAt > RETRY_MS) {
      this.sayPlayed(now);
    }
    if (this.askedAt && this.behind && this.asks < 10 && now - this.askedAt > 2 * RETRY_MS) this.askRows();
  }

  // ---- the buttons --------------------------------------------------------------------------------
  togglePlay() {
    if (this.ended || (this.n && this.pos === this.n - 1 && this.meta.complete)) return this.replay();
    this.playing = !this.playing;
    if (!this.playing) this.report();
    this.draw(true);
  }
  pause() {
    this.playing = false;
    this.draw(true);
    this.report(true);
  }
  step(delta) {
    this.playing = false;
    this.seek(Math.max(-1, Math.min(this.n - 1, this.pos + delta)));
  }
  seek(pos) {
    this.pos = pos;
    this.clock = this.clockFor(pos);
    this.chase = pos >= 0 ? Math.log(this.rows.e[pos]) : 0;
    this.ended = false;
    this.draw(true);
  }
  replay() {
    this.pos = -1;
    this.clock = 0;
    this.chase = 0;
    this.ended = false;
    this.playing = true;
    this.draw(true);
  }
  report(fresh) {
    // The page's other panels (the single-step cells, "see inside") follow the epoch on screen. A pause
    // counts as news even at an epoch reported before (Streamlit calls back only on a changed value), so
    // that Step then goes on from the epoch on screen; other reports repeat the count (no rerun loop).
    if (fresh) this.reports = (this.reports || 0) + 1;
    // `next`: the epoch of the row after it, the one Step shows where the rows are thinned (past epoch 200).
    if (this.pos >= 0 && !this.meta.running) {
      const next = this.pos + 1 < this.n ? this.rows.e[this.pos + 1] : null;
      this.setStateValue("cursor", { e: this.rows.e[this.pos], next, n: this.reports || 0 });
    }
  }

  // ---- drawing ------------------------------------------------------------------------------------
  values() {
    const m = this.meta;
    if (this.pos < 0) return { ...m.start, epoch: 0, final: false };
    const r = this.rows, i = this.pos;
    const v = { epoch: r.e[i], w: r.w[i], b: r.b[i], loss: r.loss[i], dw: r.dw[i], db: r.db[i], rw: r.rw[i], rb: r.rb[i], vl: r.vl.length ? r.vl[i] : null, final: false };
    if (i === this.n - 1 && m.final) Object.assign(v, m.final, { final: true });
    return v;
  }

  build() {
    const m = this.meta, t = m.text, P = window.Plotly;
    this.themeNow = this.theme();
    const c = palette(this.themeNow);
    this.colors = c;
    const font = { size: m.present ? 22 : 16, color: c.text };
    const x = m.x_range, history = m.history || [];
    const traces = [];
    if (m.textbook) traces.push({ x, y: x.map((v) => ((v - 32) * 5) / 9), mode: "lines", name: t.textbook, line: { color: c.textbook, dash: "dot", width: 3 }, hoverinfo: "skip" });
    if (m.best) traces.push({ x, y: x.map((v) => m.best[0] * v + m.best[1]), mode: "lines", name: t.best, line: { color: c.best, dash: "dash", width: 3 }, hoverinfo: "skip" });
    // Earlier runs of this session: faint, each its own line style and named in the legend.
    history.forEach((h, i) => traces.push({ x, y: x.map((v) => h.rw * v + h.rb), mode: "lines", name: h.label, opacity: 0.55, line: { color: c.history, dash: DASHES[i % DASHES.length], width: 2 }, hoverinfo: "skip" }));
    traces.push({ x: m.points.x, y: m.points.y, mode: "markers", name: t.data, marker: { color: c.data, size: m.present ? 14 : 11, line: { color: c.outline, width: 1.5 } } });
    if (m.validation) traces.push({ x: m.validation.x, y: m.validation.y, mode: "markers", name: t.validation, marker: { color: c.paper, size: m.present ? 14 : 11, symbol: "diamond", line: { color: c.validation, width: 2.5 } } });
    // The fit now is drawn by the overlay; this trace only names it in the legend.
    traces.push({ x: [null], y: [null], mode: "lines", name: t.line, line: { color: c.line, width: 4 }, hoverinfo: "skip" });
    this.margin = { l: m.present ? 92 : 72, r: 20, t: 48, b: m.present ? 64 : 56 };
    // The legend sits in the fit chart's empty top-left corner (the data rise to the right).
    const legend = { x: 0.01, y: 0.99, xanchor: "left", yanchor: "top", bgcolor: c.legend, font: { size: font.size - 2, color: c.text } };
    const base = { font, margin: this.margin, legend, hovermode: "closest", dragmode: false, paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)", hoverlabel: { font: { size: font.size - 2 } } };
    const grid = { gridcolor: c.grid, linecolor: c.grid, zeroline: false, automargin: false };
    const config = { displayModeBar: false, responsive: true };
    P.react(this.fitDiv, traces, { ...base, title: { text: t.fit_title, x: 0, font: { color: c.text } }, xaxis: { ...grid, title: { text: t.x }, range: x, fixedrange: true }, yaxis: { ...grid, title: { text: t.y }, range: m.y_range, fixedrange: true } }, config);
    const total = Math.max(m.total, 10);
    this.lossX = [-0.04, Math.log10(total) + 0.04];
    const hover = t.hover + "<extra></extra>";
    const loss = history.map((h, i) => ({ x: h.e, y: h.loss, mode: "lines", name: h.label, opacity: 0.55, line: { color: c.history, dash: DASHES[i % DASHES.length], width: 2 }, hovertemplate: h.label + "<br>" + hover }));
    this.curveTrace = loss.length;
    loss.push({ x: [], y: [], mode: "lines", name: t.loss, line: { color: c.loss, width: 3 }, hovertemplate: hover });
    if (m.validation) loss.push({ x: [], y: [], mode: "lines", name: t.vloss, line: { color: c.validation, width: 3, dash: "dash" }, hovertemplate: hover });
    this.lossY = this.lossRange();
    P.react(this.lossDiv, loss, { ...base, showlegend: !!m.validation || history.length > 0, title: { text: t.loss_title, x: 0, font: { color: c.text } }, xaxis: { ...grid, type: "log", title: { text: t.epoch }, range: this.lossX, dtick: 1, tickformat: "~s", fixedrange: true }, yaxis: { ...grid, type: "log", title: { text: t.loss_axis }, range: this.lossY, autorange: false, dtick: decades(this.lossY), exponentformat: "power", fixedrange: true } }, config);
    if (!this.overlay) this.overlay = new Overlay(this.fitDiv, this.lossDiv);
    this.overlay.style(c, m.present ? 20 : 16);
    if (!this.chartEvents) {
      this.chartEvents = true;
      // Hovering shows epoch and loss; a click or a drag along the curve moves the player there.
      let dragging = false;
      this.lossDiv.addEventListener("pointerdown", () => { dragging = true; });
      window.addEventListener("pointerup", () => { if (dragging) { dragging = false; this.report(); } });
      const go = (ev) => {
        const point = ev.points && ev.points[0];
        if (!point || point.curveNumber !== this.curveTrace) return;
        this.playing = false;
        this.seek(this.indexOf(point.x));
      };
      this.lossDiv.on("plotly_click", go);
      this.lossDiv.on("plotly_hover", (ev) => { if (dragging) go(ev); });
      // A redraw of Plotly's own (a resize): the overlay follows the new plot area.
      for (const div of [this.fitDiv, this.lossDiv]) div.on("plotly_afterplot", () => { this.measure(); this.drawOverlay(); });
    }
    this.measure();
    this.chartsBuilt = true;
    this.builtFor = this.buildKey(m);
    this.curveDirty = true;
    this.shownEpoch = -2;
  }

  // Streamlit's theme as the page shows it (its background), which follows a change in the settings menu
  // at once; the server's st.context.theme when the page does not say.
  theme() {
    const bg = getComputedStyle(this.root).getPropertyValue("--st-background-color").trim();
    const rgb = parseColor(bg);
    if (!rgb) return this.meta.theme === "dark" ? "dark" : "light";
    const [r, g, b] = rgb;
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? "dark" : "light";
  }

  buildKey(m) {
    return JSON.stringify([this.theme(), m.present, m.text.lang, (m.history || []).map((h) => h.label + h.e.length)]);
  }

  // The loss axis shows from the lowest loss to the highest (set here, not autoranged: the overlay's
  // cursor is placed on the same range), with a little room.
  lossRange() {
    let lo = Infinity, hi = -Infinity;
    const see = (v) => { if (v > 0) { if (v < lo) lo = v; if (v > hi) hi = v; } };
    see(this.meta.start.loss);
    for (const v of this.rows.loss) see(v);
    for (const v of this.rows.vl) see(v);
    for (const h of this.meta.history || []) for (const v of h.loss) see(v);
    if (!(hi >= lo)) return [-1, 1];
    const a = Math.log10(lo), b = Math.log10(hi), pad = Math.max((b - a) * 0.05, 0.05);
    return [a - pad, b + pad];
  }

  measure() {
    if (!this.overlay) return;
    this.overlay.measure({ margin: this.margin, x: this.meta.x_range, y: this.meta.y_range }, { margin: this.margin, x: this.lossX, y: this.lossY });
  }

  drawOverlay() {
    if (this.overlay && this.line) this.overlay.draw(this.line[0], this.line[1], this.cursor);
  }

  draw(force) {
    if (!this.chartsBuilt) return;
    const P = window.Plotly, m = this.meta, t = m.text;
    const now = performance.now();
    // The loss curve is Plotly's to draw (a whole chart, tens of ms): while playing, at most a few
    // times a second as blocks arrive; at once when paused or near the end.
    if (this.curveDirty && (force || !this.playing || now - (this.curveAt || 0) > CURVE_MS || this.pos >= this.n - 2)) {
      this.curveDirty = false;
      this.curveAt = now;
      const keep = (a) => a.map((v) => (v > 0 ? v : null)); // a log axis cannot show 0
      const update = { x: [this.rows.e.slice()], y: [keep(this.rows.loss)] };
      const traces = [this.curveTrace];
      if (m.validation) { update.x.push(this.rows.e.slice()); update.y.push(keep(this.rows.vl)); traces.push(this.curveTrace + 1); }
      this.lossY = this.lossRange();
      P.update(this.lossDiv, update, { "yaxis.range": this.lossY, "yaxis.dtick": decades(this.lossY) }, traces);
      this.measure();
      this.slider.max = String(this.n);
      force = true;
    }
    const v = this.values();
    if (!force && v.epoch === this.shownEpoch) return;
    if (v.epoch !== this.shownEpoch) this.drawn += 1;
    this.shownEpoch = v.epoch;
    setText(this.value.epoch, int(v.epoch));
    setText(this.value.w, fmt(v.w, 4));
    setText(this.value.b, fmt(v.b, 4));
    setText(this.value.loss, short(v.loss));
    setText(this.value.dw, short(v.dw));
    setText(this.value.db, short(v.db));
    const rw = v.rw ?? m.start.rw, rb = v.rb ?? m.start.rb;
    const notes = [];
    if (m.normalized) notes.push(t.units.replace("{w}", fmt(rw, 4)).replace("{b}", fmt(rb, 4)));
    else if (v.final) notes.push(t.final_note);
    if (m.diverged && this.n && this.pos === this.n - 1) notes.push(t.diverged.replace("{epoch}", int(v.epoch)));
    setText(this.units, notes.join("  ·  "));
    const total = m.total;
    this.progressBar.style.transform = `scaleX(${Math.min(v.epoch / total, 1)})`; // no layout, only compositing
    setText(this.progressText, t.progress.replace("{epoch}", int(v.epoch)).replace("{total}", int(total)));
    this.line = [rw, rb];
    this.cursor = this.pos >= 0 && v.loss > 0 ? [v.epoch, v.loss] : null;
    this.drawOverlay();
    setText(this.playBtn, this.playing ? "❚❚ " + t.pause : "▶ " + t.play);
    if (this.slider.value !== String(this.pos + 1)) this.slider.value = String(this.pos + 1);
    setText(this.sliderText, t.at.replace("{epoch}", int(v.epoch)));
    window.__f2cLive = { drawn: this.drawn, epoch: v.epoch, rows: this.n, playing: this.playing, ended: this.ended, line: this.line, cursor: this.cursor };
  }

  destroy() {
    this.destroyed = true;
    cancelAnimationFrame(this.raf);
    if (window.Plotly) {
      window.Plotly.purge(this.fitDiv);
      window.Plotly.purge(this.lossDiv);
    }
  }
}

// Keys (documented under the player): Space = Run / Pause, → = Step, 0 = Reset. Streamlit keeps "r" and
// "c"; keys typed into a field or on a focused button do what they do there.
function onKey(ev) {
  const target = ev.target;
  if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
  if (target && (target.closest("input, textarea, select, button, [contenteditable=true], [role=slider]"))) return;
  const click = (key) => {
    const button = document.querySelector(".st-key-" + key + " button");
    if (button && !button.disabled) { button.click(); return true; }
    return false;
  };
  if (ev.code === "Space") {
    ev.preventDefault();
    // Playing pauses, even a computed run the browser still replays (Run would start it over).
    const player = window.__f2cPlayer;
    if (player && player.playing && click("f2c_btn_pause")) return;
    if (!click("f2c_btn_run")) click("f2c_btn_pause");
  } else if (ev.key === "ArrowRight") {
    ev.preventDefault();
    click("f2c_btn_step");
  } else if (ev.key === "0") {
    ev.preventDefault();
    click("f2c_btn_reset");
  }
}

// The page's Pause button freezes the playback at once, before the server has even heard of it.
function onPageClick(ev) {
  const player = window.__f2cPlayer;
  if (!player || !ev.target || !ev.target.closest) return;
  if (ev.target.closest(".st-key-f2c_btn_pause button")) player.pause();
}

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  // One player per page. When Streamlit rebuilds the element (the fragment that fed it during the run
  // ends), the same player, its charts and its rows move into the new element instead of starting over.
  let player = window.__f2cPlayer;
  if (!player || player.destroyed) {
    player = new LivePlayer(parentElement, setStateValue);
  } else if (player.host !== parentElement) {
    player.host = parentElement;
    parentElement.appendChild(player.root);
  }
  parentElement.__f2cPlayer = player;
  player.setStateValue = setStateValue;
  window.__f2cPlayer = player;
  if (!window.__f2cKeys) {
    window.__f2cKeys = true;
    document.addEventListener("keydown", onKey);
    document.addEventListener("click", onPageClick, true);
  }
  if (data) player.update(data);
  // Streamlit also calls this clean-up when a newer update overtook this one: only a player whose
  // element left the page is torn down.
  return () => {
    setTimeout(() => {
      if (player.host !== parentElement || parentElement.isConnected) return;
      player.destroy();
    }, 1000);
  };
}
