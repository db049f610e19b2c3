"""Without a mouse: every control is reached by Tab and shows a focus ring; a run is driven by keys alone."""

from __future__ import annotations

import time

from .harness import browser, readout, status, wait_ready, wait_status

# Where the focus is, and whether a ring shows there: an outline of at least 2 px on the focused element
# or on the box drawn around it (a text field's frame, a radio's label), not cut by a box around it that
# hides what overflows it.
FOCUS_JS = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  el.dataset.f2cTabbed = '1';
  let ring = null;
  for (let node = el, i = 0; node && i < 4 && !ring; node = node.parentElement, i++) {
    const cs = getComputedStyle(node);
    if (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) >= 2) ring = node;
  }
  let cut = false;
  if (ring) {
    const cs = getComputedStyle(ring);
    const out = Math.max(parseFloat(cs.outlineWidth) + (parseFloat(cs.outlineOffset) || 0), 0);
    const r = ring.getBoundingClientRect();
    for (let up = ring.parentElement, i = 0; up && i < 4; up = up.parentElement, i++) {
      const ucs = getComputedStyle(up);
      if (ucs.overflowX === 'visible' && ucs.overflowY === 'visible') continue;
      const u = up.getBoundingClientRect();
      if (r.left - out < u.left - 1 || r.right + out > u.right + 1 ||
          r.top - out < u.top - 1 || r.bottom + out > u.bottom + 1) cut = true;
      break;
    }
  }
  const name = el.getAttribute('aria-label') || (el.innerText || el.value || '').trim().slice(0, 30);
  return {name: `${el.tagName.toLowerCase()} ${el.closest('[data-testid]')?.dataset.testid}: ${name}`,
          ring: !!ring && !cut};
}
"""

# Every control a student can use in the page and the open sidebar that no Tab reached (a radio group
# and a segmented control are one stop each: the arrow keys move inside them).
UNREACHED_JS = """
() => {
  const controls = document.querySelectorAll(
    '[data-testid="stMain"] :is(button, input, select, textarea, summary, [role="slider"], a[href]),' +
    '[data-testid="stSidebar"] :is(button, input, select, textarea, summary, [role="slider"], a[href])');
  const missed = [];
  for (const c of controls) {
    if (c.disabled || c.tabIndex < 0 || !c.getClientRects().length || c.closest('.js-plotly-plot')) continue;
    // Streamlit's own buttons that appear on hover (the sidebar's collapse arrow, a code block's copy
    // button) are outside the Tab order by Streamlit's design, not the app's.
    if (c.closest('[data-testid="stBaseButton-headerNoPadding"], [data-testid="stBaseButton-elementToolbar"]')) continue;
    const group = c.type === 'radio' ? c.closest('[role="radiogroup"]') : c.closest('[data-testid="stButtonGroup"]');
    const reached = group ? group.querySelector('[data-f2c-tabbed]') : c.dataset.f2cTabbed;
    if (!reached) missed.push(`${c.tagName.toLowerCase()} ${c.closest('[data-testid]')?.dataset.testid}: ` +
                               (c.getAttribute('aria-label') || c.innerText || '').trim().slice(0, 30));
  }
  return [...new Set(missed)];
}
"""


def settled_readout(page, seconds: float = 1.0) -> list[str]:
    """The readout once it has stayed the same for `seconds` (a rerun moves the player's element)."""
    last, since = None, time.time()
    deadline = time.time() + 60
    while time.time() < deadline:
        now = readout(page)
        if now != last or not all(now):
            last, since = now, time.time()
        elif time.time() - since >= seconds:
            return now
        time.sleep(0.1)
    raise TimeoutError(f"the readout never settled: {last}")


def tab_until(page, selector: str, limit: int = 80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if page.evaluate(f"!!document.activeElement.closest({selector!r})"):
            return focus
    raise AssertionError(f"{selector} not reached in {limit} Tabs")


def test_every_control_is_reached_by_tab_with_a_ring(app_url, shots):
    with browser(1400, 1000, locale="en-US") as page:
        page.goto(f"{app_url}/?lang=en&epochs=3000")
        wait_ready(page)
        no_ring, seen = [], 0
        for _ in range(45):  # the page's controls are about 40 stops: once round
            page.keyboard.press("Tab")
            focus = page.evaluate(FOCUS_JS)
            if focus is None:
                continue
            seen += 1
            if not focus["ring"]:
                no_ring.append(focus["name"])
            if seen == 12:
                page.screenshot(path=str(shots / "keyboard_focus_sidebar.png"))
        missed = page.evaluate(UNREACHED_JS)
        assert not missed, "\n".join(missed)
        assert not no_ring, "\n".join(sorted(set(no_ring)))


def test_a_run_started_paused_stepped_and_reset_with_keys_alone(app_url, shots):
    """In the projector layout: Tab to Run, Enter; then the player's keys (Space, →, 0)."""
    with browser(1280, 800, locale="en-US") as page:
        # A run still computing when paused (mode function, a million epochs): the compiled default can end
        # before the first key.
        page.goto(f"{app_url}/?lang=en&present=1&mode=function&epochs=1000000")
        wait_ready(page)
        assert readout(page)[0] == "0"
        focus = tab_until(page, ".st-key-f2c_btn_run")
        assert focus["ring"], focus
        page.screenshot(path=str(shots / "keyboard_focus_run_present.png"))
        page.keyboard.press("Enter")
        wait_status(page, ("Running…",), timeout=60)
        page.wait_for_function("() => window.__f2cLive && window.__f2cLive.epoch > 0", timeout=60_000)
        page.evaluate("document.activeElement && document.activeElement.blur()")  # Run is disabled now
        page.keyboard.press("Space")
        wait_status(page, ("Paused",), timeout=60)
        paused = settled_readout(page, 1.5)  # paused means still
        epoch = int(paused[0].replace(",", ""))
        assert 0 < epoch < 330_000, paused
        # Paused among the first epochs (the browser holds every one up to 200), each Step is one epoch on
        # from the one on screen, though the server has computed far beyond it. Paused later, Step goes to
        # the next row the browser holds (a thinned subset there).
        page.keyboard.press("ArrowRight")
        want = f"=== {epoch + 1}" if epoch < 200 else f"> {epoch}"
        page.wait_for_function(
            f"() => +document.querySelector('[data-testid=\"f2c-readout-epoch\"]')"
            f".textContent.replace(/,/g, '') {want}",
            timeout=60_000,
        )
        stepped = settled_readout(page)
        assert stepped[1:4] != paused[1:4] and status(page) == "Paused", (paused, stepped)
        then = int(stepped[0].replace(",", ""))
        page.keyboard.press("ArrowRight")
        want = f"=== {then + 1}" if then < 200 else f"> {then}"
        page.wait_for_function(
            f"() => +document.querySelector('[data-testid=\"f2c-readout-epoch\"]')"
            f".textContent.replace(/,/g, '') {want}",
            timeout=60_000,
        )
        assert status(page) == "Paused"
        page.keyboard.press("0")
        wait_status(page, ("Ready",), timeout=60)
        page.wait_for_function(
            "() => document.querySelector('[data-testid=\"f2c-readout-epoch\"]').textContent.trim() === '0'",
            timeout=60_000,
        )
        assert readout(page)[1:3] == ["1.0000", "0.0100"]
        page.screenshot(path=str(shots / "keyboard_reset_present.png"))
