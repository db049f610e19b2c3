"""Completion times as the server sees them, for bench/bench_load.py: Run clicked -> finished page sent,
and Run clicked -> the whole run computed (its worker ended).

Only when the environment variable F2C_TIMING_LOG names a file; the app never reads it back. A browser on
the same machine as the server measures its own rendering too: with twenty browsers on two cores, that
rendering, not the server, is most of a class's completion time. This log separates the two. The finished
page goes out on the live fragment's next rerun after the run is computed, and that rerun is asked for by
the browser's own timer: a browser starved of CPU asks late. "computed" is free of that wait.
"""

from __future__ import annotations

import json
import os
import threading
import time

from f2c.ui.state import DIVERGED, DONE

ENV = "F2C_TIMING_LOG"
_lock = threading.Lock()


def clicked(p) -> None:
    """Run was pressed (a button callback: it runs before the script run it starts)."""
    if os.environ.get(ENV):
        p.clicked_at, p.computed_at = time.time(), None


def computed(p, worker) -> None:
    """The session's worker has ended: note when (the first time it is seen after Run)."""
    if os.environ.get(ENV) and p.clicked_at is not None and p.computed_at is None:
        p.computed_at = worker.ended_at


def page_sent(p) -> None:
    """The end of a script run: if it drew a finished run that Run started, log click -> now."""
    path = os.environ.get(ENV)
    if not path or p.clicked_at is None or p.status not in (DONE, DIVERGED):
        return
    row = {
        "framework": p.config.framework,
        "epochs": p.config.epochs,
        "lr": p.config.lr,
        "status": p.status,
        "clicked": p.clicked_at,
        "seconds": time.time() - p.clicked_at,
        "computed": p.computed_at - p.clicked_at if p.computed_at is not None else None,
    }
    p.clicked_at = p.computed_at = None
    with _lock, open(path, "a", encoding="utf-8") as log:
        log.write(json.dumps(row) + "\n")
