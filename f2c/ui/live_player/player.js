// The live player: draws a run with Plotly.js from the blocks of rows the server sends (f2c/render/live.py)
// and plays them back on its own clock with requestAnimationFrame. The server never sends frames.
//
// Streamlit calls this function again with each new `data` on the same parentElement, so the player
// keeps its state on that element and only appends what is new. Text from the server is set with
// textContent: nothing is ever parsed as HTML.

const STORY_SLOW = 3; // epochs 1..3 a quarter second each: the line's first swing is the lesson
const STORY_SLOW_S = 0.25;
const STORY_EACH = 40; // then one epoch a frame up to here
const STORY_LOG_S = 5.0; // then the rest of the run on a log clock
const FPS = 60;

function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__f2cPlotly) {
    window.__f2cPlotly = new Promise((resolve, reject) => {
      const tag = document.createElement("script");
      tag.src = url;
      tag.async = true;
      tag.onload = () => resolve(window.Plotly);
      tag.onerror = () => reject(new Error("plotly.js did not load"));
      document.head.appendChild(tag);
    });
  }
  return window.__f2cPlotly;
}

// Python's number formats, so the browser shows what the server would ("0.5358", "1.23e-05").
function pyExp(text) {
  return text.replace(/e([+-])(\d)$/, "e$10$2");
}
export function fmt(v, digits = 4) {
  if (!Number.isFinite(v)) return "—";
  if (v !== 0 && (Math.abs(v) >= 1e7 || Math.abs(v) < 10 ** -digits)) return pyExp(v.toExponential(digits - 1));
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}
function pyG(v, d) {
  if (v === 0) return "0";
  const [mant, e] = v.toExponential(d - 1).split("e");
  const exp = parseInt(e, 10);
  if (exp < -4 || exp >= d) return pyExp(mant.replace(/\.?0+$/, "") + "e" + (exp < 0 ? "-" : "+") + Math.abs(exp));
  let f = v.toFixed(Math.max(0, d - 1 - exp));
  if (f.includes(".")) f = f.replace(/\.?0+$/, "");
  return f;
}
export function short(v) {
  if (!Number.isFinite(v)) return "—";
  let text = "";
  for (const d of [6, 5, 4, 3]) {
    text = pyG(v, d);
    if (text.length <= 8) break;
  }
  return text;
}
// toLocaleString is slow enough to show in a profile at 60 frames a second: group the digits by hand.
const int = (n) => String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

// Only what changed is written: every write to the page costs a style and layout pass.
function setText(node, text) {
  if (node.textContent !== text) node.textContent = text;
}

function el(tag, cls, parent, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

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
    this.keysNote = el("div", "f2c-keys", this.root);
    this.reset(null);
    this.playing = true;
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
        this.setStateValue("have", { run: this.runId, rows: this.n, epoch: end, at: Date.now() });
      }
    }
    if (meta.running) this.ended = false;
    if (meta.running && !this.wasRunning) this.playing = true; // Run / Continue pressed
    this.wasRunning = !!meta.running;
    if (meta.seek !== this.seekSeen) {
      // The page asked to show an epoch (its scrubber moved, Step was pressed): show it, paused.
      const first = this.seekSeen === undefined;
      this.seekSeen = meta.seek;
      if (!first && !meta.running) {
        this.playing = false;
        this.seek(this.indexOf(meta.cursor));
      }
    }
    if (!meta.running && meta.paused) this.playing = false;
    this.texts(meta.text);
    loadPlotly(meta.plotly).then(() => {
      this.ready = true;
      if (!this.chartsBuilt) this.build();
      this.draw(true);
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
    if (this.lastBlock) this.interval = 0.8 * this.interval + 0.2 * Math.min(Math.max((now - this.lastBlock) / 1000, 0.1), 0.5);
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
      const f = Math.min(1, (performance.now() - g.start) / 1000 / this.interval);
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
          this.setStateValue("played", this.runId);
        }
      }
    }
    if (this.ready) this.draw(false);
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
  report() {
    // The page's other panels (the single-step cells, "see inside") follow the epoch on screen.
    if (this.pos >= 0 && !this.meta.running) this.setStateValue("cursor", this.rows.e[this.pos]);
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
    const font = { size: m.present ? 22 : 16 };
    const x = m.x_range;
    const traces = [];
    if (m.textbook) traces.push({ x, y: x.map((v) => ((v - 32) * 5) / 9), mode: "lines", name: t.textbook, line: { color: "#888888", dash: "dot", width: 3 }, hoverinfo: "skip" });
    if (m.best) traces.push({ x, y: x.map((v) => m.best[0] * v + m.best[1]), mode: "lines", name: t.best, line: { color: "#009E73", dash: "dash", width: 3 }, hoverinfo: "skip" });
    traces.push({ x: m.points.x, y: m.points.y, mode: "markers", name: t.data, marker: { color: "#0072B2", size: m.present ? 14 : 11, line: { color: "white", width: 1.5 } } });
    if (m.validation) traces.push({ x: m.validation.x, y: m.validation.y, mode: "markers", name: t.validation, marker: { color: "white", size: m.present ? 14 : 11, symbol: "diamond", line: { color: "#CC79A7", width: 2.5 } } });
    this.lineTrace = traces.length;
    traces.push({ x, y: [0, 0], mode: "lines", name: t.line, line: { color: "#D55E00", width: 4 }, hoverinfo: "skip" });
    // The legend sits in the fit chart's empty top-left corner (the data rise to the right).
    const legend = { x: 0.01, y: 0.99, xanchor: "left", yanchor: "top", bgcolor: "rgba(255,255,255,0.8)", font: { size: font.size - 2 } };
    const base = { font, margin: { l: m.present ? 92 : 72, r: 20, t: 48, b: m.present ? 64 : 56 }, legend, hovermode: "closest", dragmode: false, paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "rgba(0,0,0,0)" };
    const grid = { gridcolor: "#E5E7EB", zeroline: false };
    P.newPlot(this.fitDiv, traces, { ...base, title: { text: t.fit_title, x: 0 }, xaxis: { ...grid, title: { text: t.x }, range: x, fixedrange: true }, yaxis: { ...grid, title: { text: t.y }, range: m.y_range, fixedrange: true } }, { displayModeBar: false, responsive: true });
    const total = Math.max(m.total, 10);
    const loss = [{ x: [], y: [], mode: "lines", name: t.loss, line: { color: "#0072B2", width: 3 }, hovertemplate: t.hover + "<extra></extra>" }];
    if (m.validation) loss.push({ x: [], y: [], mode: "lines", name: t.vloss, line: { color: "#CC79A7", width: 3, dash: "dash" }, hovertemplate: t.hover + "<extra></extra>" });
    this.cursorTrace = loss.length;
    loss.push({ x: [1], y: [m.start.loss || 1], mode: "markers", cliponaxis: false, name: t.cursor, showlegend: false, marker: { color: "#CC79A7", size: m.present ? 20 : 16, symbol: "diamond", line: { color: "white", width: 2 } }, hoverinfo: "skip" });
    P.newPlot(this.lossDiv, loss, { ...base, showlegend: !!m.validation, title: { text: t.loss_title, x: 0 }, xaxis: { ...grid, type: "log", title: { text: t.epoch }, range: [-0.04, Math.log10(total) + 0.04], dtick: 1, tickformat: "~s", fixedrange: true }, yaxis: { ...grid, type: "log", title: { text: t.loss_axis }, dtick: 1, exponentformat: "power", fixedrange: true } }, { displayModeBar: false, responsive: true });
    // Hovering shows epoch and loss; a click or a drag along the curve moves the player there.
    let dragging = false;
    this.lossDiv.addEventListener("pointerdown", () => { dragging = true; });
    window.addEventListener("pointerup", () => { if (dragging) { dragging = false; this.report(); } });
    const go = (ev) => {
      const point = ev.points && ev.points[0];
      if (!point || point.curveNumber === this.cursorTrace) return;
      this.playing = false;
      this.seek(this.indexOf(point.x));
    };
    this.lossDiv.on("plotly_click", go);
    for (const div of [this.fitDiv, this.lossDiv]) div.on("plotly_afterplot", () => { if (this.line) this.moveFast(); });
    this.lossDiv.on("plotly_hover", (ev) => { if (dragging) go(ev); });
    this.chartsBuilt = true;
    this.curveDirty = true;
    this.shownEpoch = -2;
  }

  draw(force) {
    if (!this.chartsBuilt) return;
    const P = window.Plotly, m = this.meta, t = m.text;
    if (this.curveDirty) {
      this.curveDirty = false;
      const keep = (a) => a.map((v) => (v > 0 ? v : null)); // a log axis cannot show 0
      const update = { x: [this.rows.e.slice()], y: [keep(this.rows.loss)] };
      if (m.validation) { update.x.push(this.rows.e.slice()); update.y.push(keep(this.rows.vl)); }
      P.restyle(this.lossDiv, update, m.validation ? [0, 1] : [0]);
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
    const fast = this.moveFast();
    this.fastFrames = (this.fastFrames || 0) + (fast ? 1 : 0);
    if (!fast || !this.playing) this.sync();
    setText(this.playBtn, this.playing ? "❚❚ " + t.pause : "▶ " + t.play);
    if (this.slider.value !== String(this.pos + 1)) this.slider.value = String(this.pos + 1);
    setText(this.sliderText, t.at.replace("{epoch}", int(v.epoch)));
    window.__f2cLive = { fast: this.fastFrames, drawn: this.drawn, epoch: v.epoch, rows: this.n, playing: this.playing, ended: this.ended };
  }

  // Plotly.restyle recomputes and redraws a whole chart (~10-30 ms): too slow for every frame. While
  // playing, each frame moves the two SVG elements that change (the fitted line's path, the cursor's
  // marker) to pixels from Plotly's own axis conversions; Plotly's data is synced when the playback
  // stops, and after any redraw of its own (a resize) the elements are moved again.
  moveFast() {
    try {
      const fit = this.fitDiv._fullLayout, loss = this.lossDiv._fullLayout;
      const path = this.fitDiv.querySelectorAll(".scatterlayer .trace")[this.lineTrace]?.querySelector("path.js-line");
      const mark = this.lossDiv.querySelectorAll(".scatterlayer .trace")[this.cursorTrace]?.querySelector(".points path");
      if (!fit || !loss || !path || !mark) return false;
      const xa = fit.xaxis, ya = fit.yaxis, x = this.meta.x_range, [w, b] = this.line;
      const px = (v) => xa.l2p(v), py = (v) => Math.max(-1e5, Math.min(1e5, ya.l2p(v)));
      path.setAttribute("d", `M${px(x[0])},${py(w * x[0] + b)}L${px(x[1])},${py(w * x[1] + b)}`);
      if (this.cursor) {
        const lx = loss.xaxis, ly = loss.yaxis;
        mark.setAttribute("transform", `translate(${lx.l2p(Math.log10(this.cursor[0]))},${ly.l2p(Math.log10(this.cursor[1]))})`);
        mark.style.display = "";
      } else {
        mark.style.display = "none";
      }
      return true;
    } catch (error) {
      return false;
    }
  }
  sync() {
    const P = window.Plotly, x = this.meta.x_range, [w, b] = this.line;
    P.restyle(this.fitDiv, { x: [x], y: [[w * x[0] + b, w * x[1] + b]] }, [this.lineTrace]);
    const c = this.cursor || [1, this.meta.start.loss || 1];
    P.restyle(this.lossDiv, { x: [[c[0]]], y: [[c[1]]], "marker.opacity": this.cursor ? 1 : 0 }, [this.cursorTrace]);
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
