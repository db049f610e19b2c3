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

# Counts what the page does, from inside the page: frames (the epoch readout changing) and whether the
# live charts are updated in place (the same DOM nodes) or replaced while the run is playing.
PROBE_JS = """
() => {
  if (window.__f2c) return;
  const s = window.__f2c = {epochs: [], times: [], plotNodeCount: 0, vegaNodeCount: 0};
  const read = () => {
    const m = document.querySelector('[data-testid="stMetricValue"]');
    return m ? m.textContent : null;
  };
  let last = read();
  const seen = new WeakSet();
  new MutationObserver(() => {
    const now = read();
    if (now !== null && now !== last) { last = now; s.epochs.push(now); s.times.push(performance.now()); }
    for (const p of document.querySelectorAll('.js-plotly-plot')) {
      if (!seen.has(p)) { seen.add(p); s.plotNodeCount += 1; }
    }
    const state = document.querySelector('.st-key-f2c_status');
    const running = state !== null && /Running|运行中/.test(state.textContent);
    for (const v of document.querySelectorAll('.vega-embed')) {
      if (running && !seen.has(v)) { seen.add(v); s.vegaNodeCount += 1; }
    }
  }).observe(document.body, {subtree: true, childList: true, characterData: true});
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def server(env: dict[str, str] | None = None, log: Path | None = None):
    """`streamlit run app.py` on a free port; yields (base url, seconds until /_stcore/health answered)."""
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
def browser(width: int = 1600, height: int = 1000, locale: str = "zh-CN"):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = chromium.new_context(viewport={"width": width, "height": height}, locale=locale)
        try:
            yield context.new_page()
        finally:
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


def wait_ready(page, timeout: float = 60) -> None:
    page.wait_for_selector('[data-testid="stMetricValue"]', timeout=timeout * 1000)
    wait_status(page, ("Ready", "就绪"), timeout)


def metrics(page) -> dict[str, str]:
    labels = [e.inner_text().strip() for e in page.query_selector_all('[data-testid="stMetricLabel"]')]
    values = [e.inner_text().strip() for e in page.query_selector_all('[data-testid="stMetricValue"]')]
    return dict(zip(labels, values))


def readout(page) -> list[str]:
    """The six values of the live readout: epoch, w, b, loss, dL/dw, dL/db."""
    values = [e.inner_text().strip() for e in page.query_selector_all('[data-testid="stMetricValue"]')]
    return values[:6]


def click(page, text: str) -> None:
    page.get_by_role("button", name=text).first.click()
