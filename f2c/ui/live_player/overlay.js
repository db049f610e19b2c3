// What moves on every frame, drawn over the Plotly charts: the fitted line and the loss curve's cursor.
//
// Plotly.restyle or relayout redraws a whole chart (tens of ms, measured), and moving Plotly's own SVG
// elements needs its private axis objects. So the charts are built with ranges and margins the player
// sets itself, and these two elements are placed from the same numbers: the plot area is the chart's box
// less its margins (Plotly's documented meaning of `margin`), each axis maps its range linearly onto it.
// Each sits in a layer of its own (will-change), so a frame repaints two small layers, not the charts.

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, parent, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

// The plot area of a chart in its own pixels, and a linear map of [lo, hi] onto it along x or y.
export function plotArea(div, margin) {
  const width = Math.round(div.clientWidth), height = Math.round(div.clientHeight);
  return { l: margin.l, t: margin.t, w: Math.max(width - margin.l - margin.r, 1), h: Math.max(height - margin.t - margin.b, 1) };
}
const mapX = (area, range) => (v) => area.l + ((v - range[0]) / (range[1] - range[0])) * area.w;
const mapY = (area, range) => (v) => area.t + ((range[1] - v) / (range[1] - range[0])) * area.h;

class Overlay {
  constructor(fitDiv, lossDiv) {
    this.fitDiv = fitDiv;
    this.lossDiv = lossDiv;
    // Under the fit chart's traces (its backgrounds are transparent): the points and legend stay on top.
    this.fitLayer = svg("svg", null, { class: "f2c-layer f2c-under", "aria-hidden": "true" });
    fitDiv.prepend(this.fitLayer);
    this.clip = svg("svg", this.fitLayer, { overflow: "hidden" }); // clips the line to the plot area
    this.line = svg("line", this.clip, { "stroke-width": 4, "stroke-linecap": "round" });
    this.cursor = document.createElement("div");
    this.cursor.className = "f2c-cursor";
    this.cursor.setAttribute("aria-hidden", "true");
    lossDiv.appendChild(this.cursor);
    this.shown = "";
  }

  style(colors, size) {
    this.line.setAttribute("stroke", colors.line);
    const s = this.cursor.style;
    s.width = s.height = size + "px";
    s.marginLeft = s.marginTop = -size / 2 + "px";
    s.background = colors.cursor;
    s.borderColor = colors.outline;
  }

  // The charts' geometry, read once per layout (a resize, new ranges), not on every frame.
  measure(fit, loss) {
    this.fit = { area: plotArea(this.fitDiv, fit.margin), x: fit.x, y: fit.y };
    this.loss = { area: plotArea(this.lossDiv, loss.margin), x: loss.x, y: loss.y };
    this.shown = "";
  }

  // The line w*x + b over the fit chart's x range, the cursor at (epoch, loss) on log axes or hidden.
  draw(w, b, cursor) {
    const f = this.fit, g = this.loss;
    if (!f || !g) return;
    const px = mapX(f.area, f.x), py = mapY(f.area, f.y);
    const clamp = (v) => Math.max(-1e5, Math.min(1e5, v));
    const x0 = f.x[0], x1 = f.x[1];
    const key = [w, b, cursor && cursor[0], cursor && cursor[1]].join();
    if (key === this.shown) return;
    this.shown = key;
    const a = f.area;
    this.clip.setAttribute("x", a.l);
    this.clip.setAttribute("y", a.t);
    this.clip.setAttribute("width", a.w);
    this.clip.setAttribute("height", a.h);
    this.line.setAttribute("x1", px(x0) - a.l);
    this.line.setAttribute("y1", clamp(py(w * x0 + b) - a.t));
    this.line.setAttribute("x2", px(x1) - a.l);
    this.line.setAttribute("y2", clamp(py(w * x1 + b) - a.t));
    if (cursor && cursor[0] > 0 && cursor[1] > 0) {
      const cx = mapX(g.area, g.x)(Math.log10(cursor[0])), cy = mapY(g.area, g.y)(Math.log10(cursor[1]));
      this.cursor.style.transform = `translate(${cx.toFixed(1)}px, ${cy.toFixed(1)}px) rotate(45deg)`; // compositing only
      this.cursor.style.visibility = "visible";
    } else {
      this.cursor.style.visibility = "hidden";
    }
  }
}

// The charts' colours for Streamlit's light and dark themes: the Okabe-Ito palette (told apart with
// colour-blindness), lighter blues on dark, and text, grid and outlines that read on either background.
export function palette(theme) {
  const common = { best: "#009E73", line: "#D55E00", validation: "#CC79A7", cursor: "#CC79A7" };
  if (theme === "dark") {
    return { ...common, text: "#FAFAFA", grid: "#3A3F4B", legend: "rgba(14,17,23,0.8)", paper: "#0E1117", outline: "#0E1117", data: "#56B4E9", loss: "#56B4E9", textbook: "#C8CCD4", history: "#C8CCD4" };
  }
  return { ...common, text: "#111827", grid: "#E5E7EB", legend: "rgba(255,255,255,0.8)", paper: "#FFFFFF", outline: "#FFFFFF", data: "#0072B2", loss: "#0072B2", textbook: "#888888", history: "#6B7280" };
}
