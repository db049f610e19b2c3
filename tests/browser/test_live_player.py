"""The live player under a user's wrong moves: fast clicks, keys, a setting changed mid-run, a closed tab."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from urllib.parse import urlparse

from .harness import click, readout, status, wait_ready, wait_status

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.bench_load import cpu_seconds, descendants, server_pid  # noqa: E402


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def exceptions(page) -> int:
    return len(page.query_selector_all('[data-testid="stException"]'))


def settle(page, seconds: float = 2.0) -> None:
    """Wait until the script has stopped running and the page has had a moment to update."""
    page.wait_for_function(
        "!document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.match(/Running|运行/)",
        timeout=60_000,
    )
    time.sleep(seconds)


def test_run_pause_run_reset_step_clicked_fast_ends_consistent(app_url, page):
    page.goto(f"{app_url}/?lang=en&epochs=1000000")
    wait_ready(page)
    for label in ("Run", "Pause", "Run", "Reset", "Step (1 epoch)"):
        page.get_by_role("button", name=label).first.click(no_wait_after=True, force=True)
    settle(page)
    assert exceptions(page) == 0
    assert status(page) in ("Paused", "Running…", "Ready")
    if status(page) == "Paused":
        # Streamlit may fold clicks made during a script run into one run, so which epoch the Step lands
        # on depends on which clicks it saw apart (epoch 1 after the Reset, or one past a run's epoch).
        # Consistent means: a drawn epoch, and one more Step moves it by exactly one.
        page.wait_for_function("() => window.__f2cLive && window.__f2cLive.epoch >= 1", timeout=30_000)
        settle(page)
        epoch = page.evaluate("window.__f2cLive.epoch")
        assert readout(page)[0] == f"{epoch:,}"
        click(page, "Step (1 epoch)")
        page.wait_for_function(f"() => window.__f2cLive.epoch === {epoch + 1}", timeout=30_000)
        assert status(page) == "Paused" and exceptions(page) == 0


def test_keys_run_and_pause_and_step_moves_the_line_by_one_epoch(app_url, page):
    # mode function: still computing after 1.5 s (the compiled loop would have finished, and say so)
    page.goto(f"{app_url}/?lang=en&epochs=1000000&mode=function")
    wait_ready(page)
    page.locator("h1").first.click()  # focus the page, not a widget
    page.keyboard.press("ArrowRight")  # Step
    page.wait_for_function("() => window.__f2cLive && window.__f2cLive.epoch === 1", timeout=60_000)
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => window.__f2cLive && window.__f2cLive.epoch === 2", timeout=60_000)
    assert readout(page)[0] == "2"
    page.keyboard.press("Space")  # Run (Continue)
    wait_status(page, ("Running…",), timeout=60)
    time.sleep(1.5)
    page.keyboard.press("Space")  # Pause: the browser's playback freezes at once
    frozen = page.evaluate("window.__f2cLive.epoch")
    time.sleep(0.5)
    assert page.evaluate("window.__f2cLive.epoch") == frozen
    wait_status(page, ("Paused",), timeout=60)
    page.keyboard.press("0")  # Reset
    wait_status(page, ("Ready",), timeout=60)
    page.wait_for_function("() => window.__f2cLive && window.__f2cLive.epoch === 0", timeout=30_000)
    assert exceptions(page) == 0


def test_switching_framework_mid_run_and_a_diverging_rate(app_url, page):
    page.goto(f"{app_url}/?lang=en&epochs=1000000&mode=function")  # still computing when we switch
    wait_ready(page)
    click(page, "Run")
    wait_status(page, ("Running…",), timeout=60)
    time.sleep(1)
    page.get_by_text("PyTorch", exact=True).first.click()
    settle(page, 3)
    assert exceptions(page) == 0
    # The switch restarts the run in PyTorch and keeps it going; on a quick machine with torch's compile
    # cache warm it may be computed already and still playing (a cold cache computes it eagerly, for minutes).
    assert status(page) in ("Running…", "Computed; replaying…", "Finished", "Paused")
    page.wait_for_function("() => window.__f2cLive && window.__f2cLive.epoch > 0", timeout=60_000)
    page.goto(f"{app_url}/?lang=en&framework=numpy&lr=0.01")
    wait_ready(page)
    click(page, "Run")
    wait_status(page, ("Diverged",), timeout=120)
    page.wait_for_function("() => window.__f2cLive && window.__f2cLive.ended", timeout=60_000)
    assert "nan" not in " ".join(readout(page)).lower() and "Diverged" in page.inner_text("body")
    assert exceptions(page) == 0


def test_closing_the_tab_mid_run_stops_the_servers_computing(app_url, page):
    pid = server_pid(urlparse(app_url).port)
    # Eager NumPy (16-40 us an epoch): a million epochs outlast the test. The compiled default computes them
    # in about 0.1 s once numba's loop is cached, and the run was over before "Running…" was seen.
    page.goto(f"{app_url}/?lang=en&epochs=1000000&lr=0.0000999&mode=eager")
    wait_ready(page)
    click(page, "Run")
    wait_status(page, ("Running…",), timeout=60)
    time.sleep(2)
    page.context.close()  # the student closes the tab: the page stops asking for data
    time.sleep(9)  # the worker's lease (5 s) runs out, then at most one chunk
    # The server and the NumPy compute child, which computed the tab's run. Not the other children: a torch
    # child may still be compiling an earlier test's chunk, and numba's helper its loops (a cold cache, CI).
    computing = [p for p in descendants(pid) if p == pid or b"numpy" in _cmdline(p)]
    before = sum(cpu_seconds(p) for p in computing)
    time.sleep(3)
    used = sum(cpu_seconds(p) for p in computing) - before
    assert used < 0.6, f"the server still used {used:.2f} CPU s in 3 s"


def run_to_the_end(page, url: str) -> None:
    """Open `url`, Run, and wait until the run is finished and played to its end."""
    page.goto(url)
    wait_ready(page)
    click(page, "Run")
    wait_status(page, ("Finished",), timeout=120)
    page.wait_for_function("() => window.__f2cLive && window.__f2cLive.ended", timeout=60_000)
    settle(page)


def test_after_a_run_replay_and_scrub_need_no_server(app_url, page):
    run_to_the_end(page, f"{app_url}/?lang=en&epochs=3000")
    sent = page.evaluate("window.__f2cUpdates.length")
    page.locator('[data-testid="f2c-live"] button', has_text="Replay").click()
    page.wait_for_function("() => window.__f2cLive.epoch < 100 && window.__f2cLive.playing", timeout=10_000)
    page.wait_for_function("() => window.__f2cLive.ended && window.__f2cLive.epoch === 3000", timeout=60_000)
    slider = page.locator('[data-testid="f2c-live"] input[type=range]')
    slider.fill("10")  # the 10th row sent: epoch 10 (every epoch is sent early on)
    page.wait_for_function("() => window.__f2cLive.epoch === 10", timeout=10_000)
    assert readout(page)[0] == "10"
    assert page.evaluate("window.__f2cUpdates.length") - sent <= 2  # at most the cursor reports coming back
    assert exceptions(page) == 0


def test_step_on_a_finished_run_scrubbed_past_epoch_200_moves_to_the_next_row_not_the_end(app_url, page):
    # Past epoch 200 the browser holds a thinned subset of the epochs. Step on a finished run scrubbed
    # back started a new run from epoch 1 (and on a paused one, jumped past the last epoch computed); it
    # now moves to the next row the browser holds, and again from there.
    run_to_the_end(page, f"{app_url}/?lang=en&epochs=20000")
    page.locator('[data-testid="f2c-live"] input[type=range]').fill("400")
    page.wait_for_function("() => window.__f2cLive.epoch > 200", timeout=10_000)
    settle(page)  # the cursor's report has reached the server
    epoch = page.evaluate("window.__f2cLive.epoch")
    for _ in range(2):
        page.locator(".st-key-f2c_btn_step button").click()
        page.wait_for_function(f"() => window.__f2cLive.epoch !== {epoch}", timeout=30_000)
        settle(page)
        stepped = page.evaluate("window.__f2cLive.epoch")
        assert epoch < stepped <= epoch * 1.05, (epoch, stepped)  # one row on, not 20,000
        assert int(readout(page)[0].replace(",", "")) == stepped
        epoch = stepped
    assert exceptions(page) == 0
