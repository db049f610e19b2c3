"""This session's worker while the browser plays its run: started or followed, kept alive by the page's
polls, stopped when the session leaves it (a click, a new setting) or stops asking (the tab was closed)."""

from __future__ import annotations

import threading
import time

import streamlit as st

from f2c.runtime.shared_runs import LIVE
from f2c.runtime.worker import Worker
from f2c.ui.state import K

WORKER = K + "live_worker"
# A worker whose session has not asked for data for this long is stopped: the tab was closed (a hidden tab
# still polls about once a second; if it polls again later, the run carries on where it stopped).
LEASE_SECONDS = 5.0


def stop() -> None:
    """Stop this session's worker, if it started one (a run it only follows goes on for the others)."""
    held = st.session_state.pop(WORKER, None)
    if held is not None and held["mine"]:
        held["worker"].stop()


def rate() -> float | None:
    held = st.session_state.get(WORKER)
    return held["rate"] if held is not None else None


class _Lease:
    """When the session last asked for data; a watchdog stops the worker once nobody asks any more."""

    def __init__(self) -> None:
        self.seen = time.monotonic()

    def touch(self) -> None:
        self.seen = time.monotonic()


def _watch(worker: Worker, lease: _Lease) -> None:
    while not worker.ended.wait(1.0):
        if time.monotonic() - lease.seen > LEASE_SECONDS:
            worker.stop()
            return


def start(p, rate) -> dict | None:
    """Start (or follow) the worker for the session's run; None when the run is already finished."""
    run = p.run
    held = st.session_state.get(WORKER)
    if held is not None and held["run"] is run and held["worker"].alive:
        return held
    if held is not None and held["run"] is not run:
        stop()  # a setting changed mid-run: the old run stops
    if run.finished:
        return None
    worker, mine = LIVE.worker(run, rate, lambda: Worker(run, rate).start())
    held = {"run": run, "worker": worker, "mine": mine, "rate": rate, "lease": _Lease()}
    if mine:
        threading.Thread(target=_watch, args=(worker, held["lease"]), name="f2c-lease", daemon=True).start()
    st.session_state[WORKER] = held
    return held
