"""The live player's feed in Chromium: updates the page never draws, the end of the run, the status."""

from __future__ import annotations

from .harness import click, readout, status, wait_ready, wait_status

# The page draws only the newest of two updates that arrive within one render. Past epoch 100,000 the
# player never sees two updates in a row, the way that happens, so it has to ask for the rows it lost.
DROP_JS = """
() => {
  const p = window.__f2cPlayer, take = p.update.bind(p);
  let dropped = 0;
  p.update = (data) => {
    const e = data.rows ? data.rows.e[data.rows.e.length - 1] : 0;
    if (e > 100000 && dropped < 2) { dropped += 1; return; }
    take(data);
  };
}
"""


def test_updates_never_drawn_still_end_at_the_last_epoch(app_url, page):
    page.goto(f"{app_url}/?lang=en")
    wait_ready(page)
    page.evaluate(DROP_JS)
    click(page, "Run")
    wait_status(page, ("Finished",), timeout=600)
    page.wait_for_function("() => window.__f2cLive && window.__f2cLive.ended", timeout=120_000)
    assert readout(page)[:3] == ["330,000", "0.5358", "-17.2503"]
    assert status(page) == "Finished"


def test_the_status_says_finished_only_once_the_browser_has_played_the_run(app_url, page):
    # TensorFlow computes the run in a fraction of a second; the browser then plays it for seconds.
    page.goto(f"{app_url}/?lang=en&framework=tensorflow")
    wait_ready(page)
    click(page, "Run")
    wait_status(page, ("Computed; replaying…",), timeout=300)
    assert not page.evaluate("window.__f2cLive.ended")
    wait_status(page, ("Finished",), timeout=120)
    assert page.evaluate("window.__f2cLive.ended")
    assert readout(page)[0] == "330,000"


# What a swap of the element does to a report (the live fragment ends and the page reruns as the player
# reaches the end): the value goes to an element that has left, and the server never hears it.
LOSE_PLAYED_JS = """
() => {
  const p = window.__f2cPlayer;
  window.__f2cLost = 0;
  const wrap = (say) => (name, value) => {
    if (name === "played" && window.__f2cLost < 2) { window.__f2cLost += 1; return; }
    return say(name, value);
  };
  let say = wrap(p.setStateValue);
  Object.defineProperty(p, "setStateValue", { get: () => say, set: (f) => { say = wrap(f); } });
}
"""


def test_a_lost_end_of_playback_report_is_said_again(app_url, page):
    page.goto(f"{app_url}/?lang=en&framework=tensorflow&epochs=3000")
    wait_ready(page)
    page.evaluate(LOSE_PLAYED_JS)
    click(page, "Run")
    page.wait_for_function("() => window.__f2cLive && window.__f2cLive.ended", timeout=300_000)
    wait_status(page, ("Finished",), timeout=60)
    assert page.evaluate("window.__f2cLost") == 2  # two reports lost, the third one heard
    assert readout(page)[0] == "3,000"


# Every animation frame and every change to the page: is the player there, and is it the same element?
STAYS_JS = """
() => {
  const s = window.__f2cStays = {frames: 0, absentFrames: 0, outOfPage: 0, roots: new Set()};
  const look = () => {
    const root = document.querySelector('[data-testid="f2c-live"]');
    if (root) s.roots.add(root);
    return !!root;
  };
  const frame = () => { s.frames += 1; if (!look()) s.absentFrames += 1; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  let there = true;
  new MutationObserver(() => {
    const now = look();
    if (there && !now) s.outOfPage += 1;
    there = now;
  }).observe(document.body, {childList: true, subtree: true});
}
"""


def test_the_player_stays_in_the_page_when_a_run_starts_and_ends(app_url, page):
    # Streamlit builds a new element when the player's place in the page's tree changes (the live fragment
    # writes into a container of its own): the player then left the page for a frame at every Run.
    page.goto(f"{app_url}/?lang=en&framework=tensorflow&epochs=3000")
    wait_ready(page)
    page.evaluate(STAYS_JS)
    for _ in range(2):
        click(page, "Run")
        # Until the new run's first block arrives the player still shows the last run, ended at epoch 3,000:
        # wait for this run to be playing (the story takes seconds), then for its own end.
        page.wait_for_function("() => window.__f2cLive && !window.__f2cLive.ended", timeout=300_000)
        page.wait_for_function("() => window.__f2cLive.ended", timeout=300_000)
        wait_status(page, ("Finished",), timeout=60)
        page.wait_for_function(
            "() => window.__f2cLive.ended && window.__f2cLive.epoch === 3000"
            " && document.querySelector('[data-testid=\"f2c-readout-epoch\"]').textContent.trim() === '3,000'",
            timeout=120_000,
        )
    seen = page.evaluate(
        "() => { const s = window.__f2cStays;"
        " return {frames: s.frames, absent: s.absentFrames, out: s.outOfPage, roots: s.roots.size}; }"
    )
    assert seen["frames"] > 30
    assert seen == {**seen, "absent": 0, "out": 0, "roots": 1}
    assert readout(page)[0] == "3,000"


def test_a_failed_plotly_load_is_tried_again(app_url, page):
    # The first two requests for plotly.js fail, as on a busy server or a dropped connection: the player
    # asks again by itself (nothing else would ask a player at rest) and draws.
    failed = []

    def fail_twice(route):
        if len(failed) < 2:
            failed.append(route.request.url)
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route("**/plotly.min.js", fail_twice)
    page.goto(f"{app_url}/?lang=en")
    wait_ready(page)
    assert len(failed) == 2
    assert page.evaluate("typeof window.Plotly") == "object"
    assert readout(page)[0] == "0"
