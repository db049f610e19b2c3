"""Frames per second during a run, the browser's own work per frame, and the delay from a slider change to
the first new frame, in headless Chromium against `streamlit run app.py`. Prints a table.

The browser draws the run itself (f2c/ui/live_player): a frame counts when an animation frame drew a new
epoch (tests/browser/harness.py's probe), from the click on Run until the player has played the run to its
end, in the default "story" playback: `fps` from the run's first drawn epoch to its last, `first s` the wait
from the click to that first epoch, `fps with wait` the frames over both. `updates/s` is how many updates
the server sent the page per second while the run computed (at most ~5).

The browser's work is Chromium's TaskDuration (all work on the page's main thread) and ScriptDuration
(JavaScript) over the run, from the DevTools protocol, divided by the frames drawn. It is what a student's
laptop spends per frame, and what twenty browsers sharing this machine spend in bench/bench_load.py.

First frame after Run in a fresh server (`--first-frame`): for each setup a new `streamlit run`, one page
opened (its first script run starts the server's warm-up, f2c/runtime/warmup.py), Run clicked either as
soon as the page is ready or after `--settle` seconds, and the time from the click to the first epoch the
browser's player drew. `--no-warmup` runs the same with F2C_WARMUP=0, for comparison.

    python bench/bench_ui.py [--frameworks numpy,torch,tensorflow] [--repeat 3] [--settle 60]

`--settle S` (frames mode): wait S seconds after the first page before the first run, so that the server's
warm-up has compiled the default stages, as in a server started before the class.
    python bench/bench_ui.py --first-frame [--settle 20] [--no-warmup]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.browser.harness import (  # noqa: E402
    PROBE_JS,
    browser,
    click,
    readout,
    server,
    wait_played,
    wait_ready,
    wait_status,
)

DONE = ("Finished", "Diverged", "Computed; replaying…")  # computed: the browser may still be playing it
FIRST_FRAME_SETUPS = {  # the four: the default NumPy run, PyTorch SGD and Adam, TensorFlow
    "NumPy": "",
    "PyTorch SGD": "&framework=torch",
    "PyTorch Adam": "&framework=torch&stage=3&optimizer=adam",
    "TensorFlow": "&framework=tensorflow",
}


def _epoch(page) -> int:
    text = readout(page)[0].replace(",", "")
    return int(text) if text.isdigit() else -1  # a player not drawn yet shows no epoch


def first_page(url: str) -> float:
    with browser() as page:
        start = time.perf_counter()
        page.goto(url + "/?lang=en")
        wait_ready(page)
        return time.perf_counter() - start


def run_fps(page, url: str, framework: str) -> dict[str, float]:
    page.goto(f"{url}/?lang=en&framework={framework}")
    wait_ready(page)
    page.evaluate(PROBE_JS)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Performance.enable")
    before = _busy(cdp)
    start = time.perf_counter()
    clicked = page.evaluate("performance.now()")
    click(page, "Run")
    wait_status(page, DONE, timeout=900)
    wall = time.perf_counter() - start
    done = page.evaluate("performance.now()")
    wait_played(page, timeout=120)
    task_s, script_s = (b - a for a, b in zip(before, _busy(cdp)))
    arrived = [t for t, _ in page.evaluate("window.__f2cUpdates") if clicked <= t <= done]
    cdp.detach()
    probe = page.evaluate("window.__f2c")
    # The probe's first entry is the epoch on screen when it was installed, before the click: the playback
    # starts at the run's first drawn epoch. The wait before it (the click's rerun and the first block) is
    # `first s`, and `fps with wait` counts it in, as this table did until 2026-12-03.
    played = [(t, e) for t, e in zip(probe["times"], probe["epochs"]) if t >= clicked and e >= 1]
    times = [t for t, _ in played]
    span = (times[-1] - times[0]) / 1000 if len(times) > 1 else 0.0
    waited = (times[-1] - clicked) / 1000 if times else 0.0
    gaps = [b - a for a, b in zip(times, times[1:])]
    return {
        "task_ms": 1000 * task_s / max(len(times), 1),
        "script_ms": 1000 * script_s / max(len(times), 1),
        "frames": len(times),
        "fps": (len(times) - 1) / span if span else 0.0,
        "first_s": (times[0] - clicked) / 1000 if times else float("nan"),
        "fps_wait": len(times) / waited if waited else 0.0,
        "p95_gap_ms": statistics.quantiles(gaps, n=20)[-1] if len(gaps) >= 20 else max(gaps, default=0.0),
        "run_s": wall,
        "updates_s": len(arrived) / ((done - clicked) / 1000) if done > clicked else 0.0,
        **dict(zip(("w", "b"), readout(page)[1:3])),
    }


def _busy(cdp) -> tuple[float, float]:
    """Seconds the page's main thread has worked so far: all tasks, and JavaScript."""
    metrics = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return metrics["TaskDuration"], metrics["ScriptDuration"]


def slider_delay(page, url: str, framework: str) -> float:
    """Mid-run, move the learning-rate slider one notch: seconds until the restarted run's first frame."""
    page.goto(f"{url}/?lang=en&framework={framework}&epochs=1000000")
    wait_ready(page)
    click(page, "Run")
    page.wait_for_function(
        "() => { const m = document.querySelector('[data-testid=\"f2c-readout-epoch\"]');"
        " return m && parseInt(m.textContent.replace(/,/g, '')) > 20000; }",
        timeout=300_000,
    )
    slider = page.get_by_role("slider").first
    slider.focus()
    before = _epoch(page)
    start = time.perf_counter()
    slider.press("ArrowLeft")
    while True:
        now = _epoch(page)
        if 0 <= now < before and now < 20000:
            delay = time.perf_counter() - start
            break
        before = max(before, now)
        if time.perf_counter() - start > 60:
            return float("nan")  # no restarted run seen (e.g. the run had already finished)
        time.sleep(0.005)
    if page.get_by_role("button", name="Pause").first.is_enabled():
        click(page, "Pause")
    return delay


def first_frame(query: str, settle: float, env: dict[str, str]) -> tuple[float, float]:
    """A fresh server: (seconds from the click on Run to the first drawn epoch, seconds to the page ready)."""
    with server(env=env) as (url, _), browser() as page:
        start = time.perf_counter()
        page.goto(f"{url}/?lang=en{query}")
        wait_ready(page)
        ready = time.perf_counter() - start
        time.sleep(settle)
        page.evaluate(PROBE_JS)
        clicked = page.evaluate("performance.now()")
        click(page, "Run")
        page.wait_for_function(
            "(t) => window.__f2c.times.some((s, i) => s >= t && window.__f2c.epochs[i] >= 1)",
            arg=clicked,
            timeout=600_000,
        )
        probe = page.evaluate("window.__f2c")
        drawn = min(s for s, e in zip(probe["times"], probe["epochs"]) if s >= clicked and e >= 1)
        return (drawn - clicked) / 1000, ready


def first_frames(args) -> None:
    env = {"F2C_WARMUP": "0"} if args.no_warmup else {}
    print(f"first frame after Run, fresh server per row; warm-up {'off' if args.no_warmup else 'on'}")
    print(f"{'setup':<13} {'page ready s':>12} {'settle s':>8} {'click -> first frame s':>22}")
    for name, query in FIRST_FRAME_SETUPS.items():
        for _ in range(args.repeat):
            seconds, ready = first_frame(query, args.settle, env)
            print(f"{name:<13} {ready:>12.2f} {args.settle:>8.0f} {seconds:>22.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--frameworks", default="numpy,torch,tensorflow")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--first-frame", action="store_true", help="first frame after Run in a fresh server")
    parser.add_argument(
        "--settle", type=float, default=0.0, help="seconds between the (first) page and the (first) click"
    )
    parser.add_argument("--no-warmup", action="store_true", help="F2C_WARMUP=0 in the fresh servers")
    args = parser.parse_args()
    if args.first_frame:
        first_frames(args)
        return
    with server() as (url, health_s):
        page_s = first_page(url)
        print(
            f"server health after {health_s:.2f} s; first page ready {page_s:.2f} s later "
            f"(total {health_s + page_s:.2f} s)"
        )
        if args.settle:  # the server's warm-up (f2c/runtime/warmup.py) compiles meanwhile, as before a class
            print(f"settling {args.settle:.0f} s before the first run")
            time.sleep(args.settle)
        print(
            f"{'framework':<11} {'frames':>6} {'fps':>6} {'first s':>7} {'fps with wait':>13} {'p95 gap ms':>10} "
            f"{'browser ms/frame':>16} "
            f"{'of it JS':>8} {'run s':>7} {'updates/s':>9} {'slider->frame s':>15}  final w, b"
        )
        with browser() as page:
            for framework in args.frameworks.split(","):
                for _ in range(args.repeat):
                    r = run_fps(page, url, framework)
                    delay = slider_delay(page, url, framework)
                    print(
                        f"{framework:<11} {r['frames']:>6} {r['fps']:>6.1f} {r['first_s']:>7.2f} {r['fps_wait']:>13.1f} "
                        f"{r['p95_gap_ms']:>10.0f} "
                        f"{r['task_ms']:>16.1f} {r['script_ms']:>8.1f} {r['run_s']:>7.1f} {r['updates_s']:>9.1f} "
                        f"{delay:>15.2f}  "
                        f"{r['w']}, {r['b']}"
                    )


if __name__ == "__main__":
    main()
