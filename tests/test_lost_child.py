"""Issue 16, defect 11, below the page: a compute child killed while idle is reaped at once (not left a
zombie until the next run), and the player says why a run stopped and that Run starts it again."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from test_compute import make_args

from f2c.core.config import RunConfig
from f2c.runtime import children as compute
from f2c.ui.player import notes
from f2c.ui.state import PAUSED, Player


def proc_state(pid: int) -> str:
    """The state letter in /proc (Z: a zombie), or "" once the process is gone from the table."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return ""
    return next(line.split()[1] for line in status.splitlines() if line.startswith("State:"))


def test_a_killed_child_is_reaped_without_waiting_for_the_next_run():
    process = compute.ComputeProcess("numpy")
    try:
        compute.RemoteRunner(process, "numpy", make_args())
        pid = process.pid
        os.kill(pid, signal.SIGKILL)
        deadline = time.time() + 3
        while proc_state(pid) and time.time() < deadline:
            time.sleep(0.05)
        assert proc_state(pid) == "", f"state {proc_state(pid)!r}: the dead child was not waited for"
    finally:
        process.stop()


def test_a_lost_child_is_said_and_run_says_it_starts_again():
    p = Player(RunConfig())
    notes.fail(p, compute.ComputeLost("the compute process for numpy stopped"))
    assert p.status == PAUSED and p.lost
    assert notes.status_key(p) == "lost"
    assert notes.run_label(p, "en") == "Run again" and notes.run_label(p, "zh") == "重新运行"
    notes.fail(p, ValueError("bad"))
    assert notes.status_key(p) == "failed" and not p.lost
    p.reset()
    assert notes.status_key(p) == "idle" and notes.run_label(p, "en") == "Run"
