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

from f2c.config import RunConfig
from f2c.data import Dataset


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


# The process-wide instances the app uses.
RESULTS = ResultCache()
SLOTS = ComputeSlots()
