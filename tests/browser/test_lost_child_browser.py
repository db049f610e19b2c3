"""Issue 16, defect 11: the NumPy compute child killed mid-run (as an out-of-memory kill would).

The page must say, beside the player and in view, that the run stopped because the computing process was
lost; the button must say what it does (Run again, from epoch 0); the old error must go when the next run
starts; that run must finish; and the dead child must be reaped at once, not left a zombie.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from urllib.parse import urlparse

from .harness import READOUTS, click, readout, status, wait_ready, wait_status

LOST = "the computing process was lost"


def _cmdline(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _ppid(pid: str) -> str:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("PPid:"):
                return line.split()[1]
    except OSError:
        pass
    return ""


def compute_child(port: int) -> int | None:
    """The pid of the NumPy compute child of the Streamlit server listening on `port`."""
    pids = [p for p in os.listdir("/proc") if p.isdigit()]
    servers = {
        p
        for p in pids
        if "streamlit run app.py" in _cmdline(p) and f"--server.port {port} " in _cmdline(p) + " "
    }
    for p in pids:
        if "f2c.runtime.compute_child" in _cmdline(p) and _ppid(p) in servers:
            return int(p)
    return None


def state(pid: int) -> str:
    """The process's state letter (Z for a zombie), or "" once it is gone (reaped)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("State:"):
                return line.split()[1]
    except OSError:
        return ""
    return "?"


def in_view(page, selector: str, text: str) -> bool:
    return page.evaluate(
        """([selector, text]) => [...document.querySelectorAll(selector)].some(e => {
            if (!e.innerText.includes(text)) return false;
            const r = e.getBoundingClientRect();
            return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
        })""",
        [selector, text],
    )


def test_killed_compute_child(app_url, page, shots):
    port = urlparse(app_url).port
    page.set_viewport_size({"width": 1280, "height": 800})
    # A million epochs: long enough to be killed mid-run, short enough to finish when run again.
    page.goto(
        f"{app_url}/?lang=en&framework=numpy&epochs=1000000&mode=function"
    )  # the compiled loop ends too soon to kill
    wait_ready(page)
    click(page, "Run")
    page.wait_for_function(
        "() => { const e = document.querySelector('[data-testid=\"f2c-readout-epoch\"]');"
        " return e && parseInt(e.textContent.replace(/[^0-9]/g, '')) > 1000; }",
        timeout=120_000,
    )
    assert status(page).startswith("Running")
    pid = compute_child(port)
    assert pid is not None
    os.kill(pid, signal.SIGKILL)

    page.wait_for_function(
        "t => (document.querySelector('.st-key-f2c_status') || {innerText: ''}).innerText.includes(t)",
        arg=LOST,
        timeout=60_000,
    )
    page.wait_for_timeout(1000)  # the page's rerun after the fragment saw the end
    page.screenshot(path=str(shots / "lost_child_1280.png"))
    assert in_view(page, ".st-key-f2c_status", LOST)
    assert in_view(page, '[data-testid="stAlert"]', "ComputeLost")  # the reason, under the buttons
    assert page.get_by_role("button", name="Run again").count() == 1
    assert page.get_by_role("button", name="Continue").count() == 0
    deadline = time.time() + 2
    while state(pid) and time.time() < deadline:
        time.sleep(0.1)
    assert state(pid) == "", f"the killed child is still in the process table, state {state(pid)}"

    click(page, "Run again")
    page.wait_for_function(
        "() => { const e = document.querySelector('.st-key-f2c_status'); return e && /Running/.test(e.innerText); }",
        timeout=60_000,
    )
    page.wait_for_timeout(500)
    assert "ComputeLost" not in page.inner_text("body")  # the old error went with the old run
    assert LOST not in status(page)
    try:
        wait_status(page, ("Finished",), timeout=240)
    finally:
        page.screenshot(path=str(shots / "lost_child_again_1280.png"))
    page.wait_for_function(  # the browser plays on to the fitted line (b about -17.25 from ~300,000 epochs)
        "() => Math.abs(parseFloat((document.querySelector('[data-testid=\"f2c-readout-b\"]') || {}).textContent)"
        " + 17.25) < 0.01",
        timeout=180_000,
    )
    assert "ComputeLost" not in page.inner_text("body")
    values = dict(zip(READOUTS, readout(page)))
    assert abs(float(values["b"]) + 17.25) < 0.01, values  # the least-squares fit, reached again
    new = compute_child(port)
    assert new is not None and new != pid
