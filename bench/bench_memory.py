"""The server's memory for deployment: RSS of `streamlit run app.py` at idle and after each framework's run.

One session (headless Chromium) opens the app, then runs NumPy, torch and TensorFlow in turn (each run
imports that framework into the server process). After each step the server's RSS (VmRSS, the streamlit
process and its children, from /proc) is read once it has settled; VmHWM is the peak so far. Prints a
table in MB.

    python bench/bench_memory.py [--epochs 330000] [--frameworks numpy,torch,tensorflow]

Only 127.0.0.1 is contacted; every wait has a timeout; the server is always stopped.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_load import server_pid, tree_kb  # noqa: E402
from tests.browser.harness import browser, click, server, wait_ready, wait_status  # noqa: E402

DONE = ("Finished", "Diverged", "Computed; replaying…")  # computed: the browser may still be playing it


def settled_rss_mb(pid: int, seconds: float = 3.0) -> float:
    """RSS after the server has been quiet for a moment (the last of a few readings)."""
    time.sleep(seconds)
    return tree_kb(pid, "VmRSS") / 1024


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--epochs", type=int, default=330_000)
    parser.add_argument("--frameworks", default="numpy,torch,tensorflow")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    rows = []
    with server() as (url, _):
        pid = server_pid(urlparse(url).port)
        rows.append(("server started, no session", settled_rss_mb(pid, 1.0), tree_kb(pid, "VmHWM") / 1024))
        with browser(locale="en-US") as page:
            page.goto(f"{url}/?lang=en")
            wait_ready(page, timeout=args.timeout)
            rows.append(("idle, one session open", settled_rss_mb(pid), tree_kb(pid, "VmHWM") / 1024))
            for framework in args.frameworks.split(","):
                page.goto(f"{url}/?lang=en&framework={framework}&epochs={args.epochs}")
                wait_ready(page, timeout=args.timeout)
                start = time.perf_counter()
                click(page, "Run")
                wait_status(page, DONE, timeout=args.timeout)
                seconds = time.perf_counter() - start
                rows.append(
                    (
                        f"after a {framework} run ({seconds:.0f} s)",
                        settled_rss_mb(pid),
                        tree_kb(pid, "VmHWM") / 1024,
                    )
                )
    print(f"{'server state':<34} {'RSS MB':>8} {'peak (VmHWM) MB':>16}")
    for name, rss, hwm in rows:
        print(f"{name:<34} {rss:>8.0f} {hwm:>16.0f}")
    print(f"(epochs {args.epochs:,}; RSS = VmRSS of the streamlit process and its children, from /proc)")


if __name__ == "__main__":
    main()
