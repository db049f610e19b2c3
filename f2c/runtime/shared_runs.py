"""What one server process shares between its sessions: finished runs, and the right to compute.

On Streamlit Community Cloud one process with 2 cores serves a whole class. Two things keep it usable:
- ResultCache: a finished run is kept (bounded by bytes, least recently used first out), so thirty
  students who press Run on the teacher's setup get it computed once.
- ComputeSlots: at most `slots` chunks compute at once; the others wait their turn chunk by chunk, so
  every student's run advances and the page stays responsive. A waiting session can say so.
"""

from __future__ import annotations

import threading
from collections import OrderedDict, deque
from contextlib import contextmanager

from f2c.core.config import RunConfig
from f2c.core.data import Dataset


def run_key(config: RunConfig, data: Dataset) -> tuple:
    return (*config.to_query().items(), data.fingerprint())


class ResultCache:
    def __init__(self, max_bytes: int = 256_000_000) -> None:
        self.max_bytes = max_bytes
        self._items: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def _size(run) -> int:
        return run.trajectory.nbytes + 4096

    @property
    def nbytes(self) -> int:
        with self._lock:
            return sum(self._size(run) for run in self._items.values())

    def __len__(self) -> int:
        return len(self._items)

    def get(self, config: RunConfig, data: Dataset):
        key = run_key(config, data)
        with self._lock:
            run = self._items.get(key)
            if run is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return run

    def put(self, run) -> None:
        """Keep a finished run (complete or diverged); an unfinished one is never shared."""
        if not run.finished or self._size(run) > self.max_bytes:
            return
        key = run_key(run.config, run.data)
        with self._lock:
            self._items[key] = run
            self._items.move_to_end(key)
            total = sum(self._size(r) for r in self._items.values())
            while total > self.max_bytes:
                _, evicted = self._items.popitem(last=False)
                total -= self._size(evicted)


class ComputeSlots:
    """At most `slots` holders at once, served first come, first served (a plain semaphore would let a
    busy run take its slot straight back and starve the others)."""

    def __init__(self, slots: int = 2) -> None:
        self.slots = slots
        self._cond = threading.Condition()
        self._queue: deque[object] = deque()
        self.busy = 0

    @property
    def waiting(self) -> int:
        return len(self._queue)

    @contextmanager
    def slot(self, on_wait=None):
        """Hold one compute slot; call on_wait(position) once if we have to queue for it."""
        ticket = object()
        with self._cond:
            self._queue.append(ticket)
            if not (self._queue[0] is ticket and self.busy < self.slots) and on_wait is not None:
                on_wait(len(self._queue) - 1)
            while not (self._queue[0] is ticket and self.busy < self.slots):
                self._cond.wait()
            self._queue.popleft()
            self.busy += 1
            self._cond.notify_all()  # the next in line may fit in another free slot
        try:
            yield
        finally:
            with self._cond:
                self.busy -= 1
                self._cond.notify_all()


class LiveRuns:
    """Unfinished runs being played, by setup (and playback rate): a session that presses Run on a setup
    another session is computing right now follows that very run instead of computing it a second time.

    Measured with bench/bench_load.py: twenty sessions pressing Run on the default setup at once made
    twenty identical computations share two cores (p95 about ten times one session alone); following
    the one run in flight makes it one computation, drawn twenty times.

    Each entry holds the run, a lock for preparing it (a framework's compile happens once), and the
    worker computing it. The session that started the worker stops it when it leaves (Pause, a new
    setting); a follower whose worker is gone starts a new one on its next frame, so the run goes on.
    """

    def __init__(self, max_items: int = 64) -> None:
        self.max_items = max_items
        self._items: OrderedDict[tuple, dict] = OrderedDict()
        self._lock = threading.Lock()
        self.joined = 0

    @staticmethod
    def _key(run, rate) -> tuple:
        return (*run_key(run.config, run.data), ("rate", rate))

    def __len__(self) -> int:
        return len(self._items)

    def _evict(self) -> None:
        for key in [k for k, e in self._items.items() if e["run"].finished]:
            del self._items[key]
        while len(self._items) > self.max_items:
            self._items.popitem(last=False)

    def adopt(self, run, rate=None):
        """The unfinished run of this setup already on the server, or `run` itself, registered."""
        key = self._key(run, rate)
        with self._lock:
            entry = self._items.get(key)
            in_flight = entry is not None and not entry["run"].finished
            if in_flight and entry["worker"] is not None and not entry["worker"].alive:
                in_flight = False  # everyone following it paused: a new Run starts afresh
            if in_flight and entry["run"] is not run:
                self._items.move_to_end(key)
                self.joined += 1
                return entry["run"]
            if entry is None or entry["run"] is not run:
                self._items[key] = {"run": run, "prepare": threading.Lock(), "worker": None}
            self._evict()
            return run

    def prepare_lock(self, run):
        """Held while preparing a shared run, so that its framework compiles once."""
        with self._lock:
            locks = [e["prepare"] for e in self._items.values() if e["run"] is run]
        return locks[0] if locks else threading.Lock()  # not shared: a private lock

    def forget(self, run) -> None:
        """Share `run` no more (a Step is about to advance it by hand)."""
        with self._lock:
            for key in [k for k, e in self._items.items() if e["run"] is run]:
                del self._items[key]

    def worker(self, run, rate, start):
        """(the worker computing `run`, True if we started it): the live one, or a new one from start()."""
        key = self._key(run, rate)
        with self._lock:
            entry = self._items.get(key)
            if entry is not None and entry["run"] is run:
                current = entry["worker"]
                if current is not None and current.alive:
                    return current, False
                entry["worker"] = start()
                return entry["worker"], True
        return start(), True  # not shared (evicted): compute it privately

    def busy(self, run) -> bool:
        """True while some session's worker is computing `run`."""
        with self._lock:
            workers = [e["worker"] for e in self._items.values() if e["run"] is run]
        return any(w is not None and w.alive for w in workers)


# The process-wide instances the app uses.
RESULTS = ResultCache()
SLOTS = ComputeSlots()
LIVE = LiveRuns()
