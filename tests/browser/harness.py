"""Start `streamlit run app.py` on a free port and drive it in Debian's Chromium (shared by tests and bench)."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("F2C_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Counts what the page does, from inside the page, on every animation frame: the frames whose drawn epoch
# changed (the live player's own count of what it drew, f2c/ui/live_player/player.js), and how many
# Plotly charts and Vega-Lite charts ever appeared (a chart rebuilt per update would count once each time).
PROBE_JS = """
() => {
  if (window.__f2c) return;
  const s = window.__f2c = {epochs: [], times: [], plotNodeCount: 0, vegaNodeCount: 0};
  const seen = new WeakSet();
  let last = null, checked = 0;
  const loop = (now) => {
    const live = window.__f2cLive;
    if (live && live.epoch !== last) { last = live.epoch; s.epochs.push(live.epoch); s.times.push(now); }
    if (now - checked > 250) {
      checked = now;
      for (const p of document.querySelectorAll('.js-plotly-plot')) {
        if (!seen.has(p)) { seen.add(p); s.plotNodeCount += 1; }
      }
      for (const v of document.querySelectorAll('.vega-embed')) {
        if (!seen.has(v)) { seen.add(v); s.vegaNodeCount += 1; }
      }
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(env: dict[str, str] | None = None, log: Path | None = None, args: tuple[str, ...] = ()):
    """`streamlit run app.py` on a free port; yields (base url, seconds until /_stcore/health answered).

    `args`: more of streamlit's options (e.g. "--theme.base", "dark"), which win over .streamlit/config.toml.
    """
    port = free_port()
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--browser.gatherUsageStats",
            "false",
            *args,
        ],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=out,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 60
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("streamlit did not start")
            time.sleep(0.1)
        yield url, time.perf_counter() - started
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        if log:
            out.close()


@contextlib.contextmanager
def browser(width: int = 1600, height: int = 1000, locale: str = "zh-CN", color_scheme: str = "light"):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        # The system's light or dark preference: the app's theme follows it (.streamlit/config.toml).
        context = chromium.new_context(
            viewport={"width": width, "height": height}, locale=locale, color_scheme=color_scheme
        )
        page = context.new_page()
        _keep_events(page)
        try:
            yield page
        finally:
            _EVENTS.pop(id(page), None)
            context.close()
            chromium.close()


def status(page) -> str:
    element = page.query_selector(".st-key-f2c_status")
    return element.inner_text().strip() if element else ""


def wait_status(page, wanted: tuple[str, ...], timeout: float = 300) -> str:
    """Wait until the player's status reads one of `wanted` (e.g. "Finished", "Diverged")."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        now = status(page)
        if now in wanted:
            return now
        time.sleep(0.1)
    raise TimeoutError(f"status stayed {status(page)!r}, wanted {wanted}")


# What the page went through, kept so a test that times out can say why (CI prints only the message).
_EVENTS: dict[int, list[str]] = {}


def _keep_events(page) -> None:
    events = _EVENTS.setdefault(id(page), [])

    def keep(text: str) -> None:
        events.append(f"{time.strftime('%H:%M:%S')} {text[:300]}")
        del events[:-30]

    page.on("console", lambda m: m.type in ("error", "warning") and keep(f"console.{m.type}: {m.text}"))
    page.on("pageerror", lambda e: keep(f"pageerror: {e}"))
    page.on("requestfailed", lambda r: keep(f"requestfailed: {r.url[:120]} {r.failure}"))
    page.on("websocket", lambda ws: ws.on("close", lambda _: keep(f"websocket closed: {ws.url[:80]}")))


PAGE_STATE_JS = """() => ({
  live: !!document.querySelector('[data-testid="f2c-live"]'),
  plotly: typeof window.Plotly,
  plots: document.querySelectorAll('.js-plotly-plot').length,
  running: !!document.querySelector('[data-testid="stStatusWidget"]'),
  exceptions: document.querySelectorAll('[data-testid="stException"]').length,
  text: document.body.innerText.slice(0, 400),
})"""


def page_report(page) -> str:
    """The page's state and its last errors, for a timeout's message."""
    try:
        state = page.evaluate(PAGE_STATE_JS)
    except Exception as error:  # noqa: BLE001 - the report must not hide the timeout
        state = f"(page not readable: {error})"
    return f"page: {state!r}; events: {_EVENTS.get(id(page), [])!r}"


def wait_ready(page, timeout: float = 60) -> None:
    try:
        page.wait_for_selector('[data-testid="f2c-live"] .js-plotly-plot', timeout=timeout * 1000)
    except Exception as error:
        raise TimeoutError(f"the player did not draw in {timeout} s; {page_report(page)}") from error
    wait_status(page, ("Ready", "就绪"), timeout)


def wait_played(page, timeout: float = 120) -> None:
    """Wait until the browser's player has played the run to its last epoch (after the server finished)."""
    page.wait_for_function("() => window.__f2cLive && window.__f2cLive.ended", timeout=timeout * 1000)


def metrics(page) -> dict[str, str]:
    labels = [e.inner_text().strip() for e in page.query_selector_all('[data-testid="stMetricLabel"]')]
    values = [e.inner_text().strip() for e in page.query_selector_all('[data-testid="stMetricValue"]')]
    return dict(zip(labels, values))


READOUTS = ("epoch", "w", "b", "loss", "dw", "db")


# All six in one task of the page: Streamlit swaps the player's element when the page reruns (the live
# fragment ends as the run finishes), and for a moment between two tasks the readout is out of the page.
# Read one value at a time and the read can straddle the swap (['330,000', '', '-17.2503'] once in CI).
READ_JS = """
(keys) => {
  const nodes = keys.map((k) => document.querySelector(`[data-testid="f2c-readout-${k}"]`));
  return nodes.every((n) => n) ? nodes.map((n) => n.textContent.trim()) : null;
}
"""


def readout(page, timeout: float = 10) -> list[str]:
    """The six values of the live player's readout (text in the page): epoch, w, b, loss, dL/dw, dL/db.

    Waits up to `timeout` seconds for the player to be in the page, then reads all six at once.
    """
    handle = page.wait_for_function(READ_JS, arg=list(READOUTS), timeout=timeout * 1000)
    return handle.json_value()


def click(page, text: str) -> None:
    page.get_by_role("button", name=text).first.click()
