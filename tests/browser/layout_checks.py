"""What the layout test measures inside the page (JavaScript run by Playwright), kept apart from the test.

Each function returns a list of plain descriptions of what is wrong; an empty list is a page that passes.
"""

from __future__ import annotations

# Readouts, buttons, table cells and titles, and anything inside them, that hide what overflows them
# (overflow hidden or clip, or an ellipsis) while their content is wider than their box: text cut off.
CLIPPED_JS = """
() => {
  const targets = document.querySelectorAll([
    '[data-testid^="f2c-readout-"]', '.f2c-ro-label', '[data-testid="stMetric"]', 'button', 'td', 'th',
    'h1', 'h2', 'h3', '[data-testid="stCaptionContainer"]'].join(','));
  const bad = [];
  const hides = (cs) => ['hidden', 'clip'].includes(cs.overflowX) || cs.textOverflow === 'ellipsis';
  for (const target of targets) {
    const box = target.getBoundingClientRect();
    // drawn, and not in a closed sidebar (Streamlit keeps it in the page, off the screen at width 0)
    if (!target.getClientRects().length || box.right <= 0 || target.closest('.js-plotly-plot')) continue;
    const nodes = [target, ...target.querySelectorAll('*')];
    // and the boxes just around it (a column or a cell that cuts its child)
    for (let up = target.parentElement, i = 0; up && i < 2; up = up.parentElement, i++) nodes.push(up);
    for (const node of nodes) {
      if (!node.getClientRects().length) continue;
      const cs = getComputedStyle(node);
      if (hides(cs) && node.scrollWidth > node.clientWidth + 1) {
        const where = node.closest('[data-testid]')?.dataset.testid;
        bad.push(`${target.tagName.toLowerCase()} "${(target.innerText || '').trim().slice(0, 40)}" ` +
                 `(${where}): ${node.scrollWidth} > ${node.clientWidth}`);
        break;
      }
    }
  }
  return [...new Set(bad)];
}
"""

# The page's title (h1) with the page scrolled to its top: the point just inside each corner of its
# first line is the title itself, not Streamlit's header (or anything else) drawn over it.
TITLE_COVERED_JS = """
() => {
  const bad = [];
  for (const h of document.querySelectorAll('h1')) {
    const line = h.getClientRects()[0];
    if (!line || line.bottom < 0 || line.top > innerHeight) continue;
    const range = document.createRange();
    range.selectNodeContents(h);
    const first = range.getClientRects()[0] || line;
    for (const x of [first.left + 4, (first.left + first.right) / 2, first.right - 4]) {
      const y = first.top + 3;
      const hit = document.elementFromPoint(x, y);
      if (!hit || !h.contains(hit)) {
        bad.push(`title "${h.innerText.slice(0, 30)}" at (${x | 0}, ${y | 0}) under ` +
                 (hit ? `${hit.tagName.toLowerCase()}[data-testid=${hit.closest('[data-testid]')?.dataset.testid}]` : 'nothing'));
      }
    }
  }
  return bad;
}
"""

# Inside each Plotly chart: the title, the legend, the axis titles, the play buttons and the slider never
# overlap one another, and no axis title lies on a plot area (a neighbouring subplot's); bounding boxes,
# 2 px of slack. (The live player's legend sits inside its plot on purpose: legends may.)
CHART_OVERLAP_JS = """
() => {
  const bad = [];
  const parts = {title: '.gtitle', legend: '.legend', xtitle: '.xtitle', ytitle: '.ytitle',
                 buttons: '.updatemenu-container', slider: '.slider-container', plot: '.nsewdrag'};
  const charts = document.querySelectorAll('.js-plotly-plot');
  charts.forEach((chart, index) => {
    const boxes = [];
    for (const [name, selector] of Object.entries(parts)) {
      // a subplot's axis titles are .x2title, .y2title, ...
      const axis = /^[.]([xy])title$/.exec(selector);
      const els = axis ? [...chart.querySelectorAll('text')].filter((e) => new RegExp(`^${axis[1]}[0-9]*title$`).test(e.getAttribute('class')))
                       : chart.querySelectorAll(selector);
      for (const el of els) {
        const r = el.getBoundingClientRect();
        if (r.width > 0 && r.height > 0) boxes.push([name, r]);
      }
    }
    const name = (chart.querySelector('.gtitle')?.textContent || `chart ${index}`).slice(0, 40);
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, ra] = boxes[i], [b, rb] = boxes[j];
        if (a === b) continue;
        if ((a === 'plot' || b === 'plot') && !['xtitle', 'ytitle'].includes(a === 'plot' ? b : a)) continue;
        const dx = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left);
        const dy = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top);
        if (dx > 2 && dy > 2) bad.push(`${name}: ${a} over ${b}`);
      }
    }
  });
  return bad;
}
"""

# The Run button can be tapped where it is drawn: the element at its centre is the button (nothing, such
# as an open sidebar, lies over it), and its centre is on the first screen.
RUN_TAPPABLE_JS = """
() => {
  const button = document.querySelector('.st-key-f2c_btn_run button');
  if (!button) return ['no Run button'];
  const r = button.getBoundingClientRect();
  const x = (r.left + r.right) / 2, y = (r.top + r.bottom) / 2;
  if (y < 0 || y > innerHeight || x < 0 || x > innerWidth) return [`Run's centre (${x | 0}, ${y | 0}) is off the screen`];
  const hit = document.elementFromPoint(x, y);
  return hit && button.contains(hit) ? [] : [`Run is covered by ${hit ? hit.closest('[data-testid]')?.dataset.testid : 'nothing'}`];
}
"""

# Nothing makes a phone's page scroll sideways.
NO_SIDEWAYS_JS = """
() => {
  const main = document.querySelector('[data-testid="stMain"]') || document.documentElement;
  return main.scrollWidth > main.clientWidth + 1 ? [`the page is ${main.scrollWidth} px wide in ${main.clientWidth}`] : [];
}
"""

# The live player's two charts side by side or stacked: the second one's left edge.
CHARTS_STACKED_JS = """
() => {
  const fit = document.querySelector('.f2c-fit'), loss = document.querySelector('.f2c-loss');
  if (!fit || !loss) return null;
  return loss.getBoundingClientRect().top >= fit.getBoundingClientRect().bottom - 1;
}
"""


def problems(page, scripts) -> list[str]:
    found = []
    for script in scripts:
        found.extend(page.evaluate(script))
    return found
