"""Compute a run in a child process, so that a CPU-bound run never holds the server's GIL.

One Streamlit process serves every session: script threads draw frames, Tornado sends them, and a worker
thread per run computes. A NumPy run (a Python loop of tiny array calls) and an eager torch run hold the GIL
nearly all the time, so computing and drawing took turns: with twenty sessions following one NumPy run, that
run took 7.7 s instead of 3.6 s (bench/bench_load.py). In a child process the run has a core of its own and
the worker thread only waits on a pipe, which releases the GIL.

- One child per framework in REMOTE, started on first use and kept: a framework is imported, and torch's
  chunks are compiled, once per child. A child serves one request at a time, so a long torch compile delays
  only other torch runs, never a NumPy one.
- TensorFlow stays in the server: its fastest mode runs 330,000 epochs in 0.02 s inside XLA, which does not
  hold the GIL, and a second copy of TensorFlow would cost about 0.9 GB of Community Cloud's 2.7 GB.
- A RemoteRunner has a lesson Runner's interface (f2c.lessons), so f2c.train drives it unchanged.
- If a child dies (killed, out of memory), its runs end with an error the page shows; the next run starts a
  new child. If a child cannot be started at all, runs compute in the server as before (f2c.train).
"""

from __future__ import annotations

import atexit
import itertools
import signal
import socket
import subprocess
import sys
import threading
import weakref
from collections import OrderedDict, deque
from multiprocessing.connection import Connection
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]  # the directory holding the f2c package

REMOTE = ("numpy", "torch")
MAX_RUNNERS = 512  # a child keeps at most this many runners (a few kB each); the oldest unused go first


class ComputeLost(RuntimeError):
    """The child computing a run has gone (killed or out of memory); the run cannot go on."""


class RunnerGone(LookupError):
    """The child no longer holds this runner (it restarted, or evicted a long-unused runner)."""


def _serve(conn) -> None:
    """The child's loop: build runners, run chunks, drop runners; every reply is (ok, value)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal stops the server, which stops us
    from f2c import lessons

    runners: OrderedDict[int, object] = OrderedDict()
    while True:
        try:
            op, key, args, dropped = conn.recv()
        except (EOFError, OSError):  # the server has gone
            return
        for gone in dropped:
            runners.pop(gone, None)
        try:
            if op == "build":
                framework, make_args = args
                runner = lessons.load(framework).make_runner(*make_args)
                runners[key] = runner
                while len(runners) > MAX_RUNNERS:
                    runners.popitem(last=False)
                value = (runner.mode, float(runner.compile_seconds), runner.notice, runner.params())
            elif op == "run":
                runner = runners.get(key)
                if runner is None:
                    raise RunnerGone("the compute process no longer holds this run")
                runners.move_to_end(key)
                rows = np.asarray(runner.run(*args), dtype=np.float64)
                value = (rows, runner.params())
            elif op == "count":
                value = len(runners)
            else:
                raise ValueError(f"unknown request {op!r}")
            reply = (True, value)
        except Exception as error:  # sent back and raised in the server, like a local runner's error
            reply = (False, error)
        try:
            conn.send(reply)
        except Exception as error:  # an exception that cannot be pickled: send its text
            conn.send((False, RuntimeError(f"{type(error).__name__}: {reply[1]}")))


class ComputeProcess:
    """One child process and the pipe to it; thread-safe, one request at a time."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()
        self._process = None
        self._conn = None
        self._dropped: deque[int] = deque()  # runners garbage-collected in the server, told on the next call
        self.generation = 0  # counts the children started; a runner belongs to one

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._alive() else None

    def _start(self) -> None:
        # A fresh interpreter, not multiprocessing's fork (it would copy the server's threads and locks) nor
        # its spawn (it re-imports the server's __main__, which here is Streamlit's command line).
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-m", "f2c.compute", str(theirs.fileno())],
                cwd=ROOT,
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
            )
        self._process, self._conn = process, Connection(ours.detach())
        self._dropped.clear()
        self.generation += 1

    def _alive(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def _stop_locked(self) -> None:
        if self._conn is not None:
            self._conn.close()  # the child reads EOF and returns
        if self._process is not None:
            try:
                self._process.wait(2)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(5)
        self._process = self._conn = None

    def stop(self) -> None:
        with self._lock:
            self._stop_locked()

    def drop(self, key: int, generation: int) -> None:
        """Forget a runner (called by its finalizer, in whatever thread collects it: never blocks)."""
        if generation == self.generation:
            self._dropped.append(key)

    def call(self, op: str, key: int = 0, *args, generation: int | None = None):
        with self._lock:
            if generation is not None and generation != self.generation:
                raise RunnerGone("the compute process restarted since this run began")
            if not self._alive():
                if generation is not None:
                    raise RunnerGone("the compute process restarted since this run began")
                self._stop_locked()
                self._start()
            dropped = []
            while self._dropped:
                dropped.append(self._dropped.popleft())
            try:
                self._conn.send((op, key, args, dropped))
                ok, value = self._conn.recv()
            except (EOFError, OSError) as error:
                self._stop_locked()
                raise ComputeLost(
                    f"the compute process for {self.name} stopped ({type(error).__name__})"
                ) from None
        if not ok:
            raise value
        return value


_keys = itertools.count(1)


class RemoteRunner:
    """A lesson Runner living in a ComputeProcess; params() is the copy sent back with each chunk."""

    def __init__(self, process: ComputeProcess, framework: str, make_args: tuple) -> None:
        self._process = process
        self._key = next(_keys)
        self.mode, self.compile_seconds, self.notice, self._params = process.call(
            "build", self._key, framework, make_args
        )
        self._generation = process.generation
        weakref.finalize(self, process.drop, self._key, self._generation)

    def run(self, n: int) -> np.ndarray:
        rows, self._params = self._process.call("run", self._key, n, generation=self._generation)
        return rows

    def params(self) -> tuple[float, float]:
        return self._params


_processes: dict[str, ComputeProcess] = {}
_processes_lock = threading.Lock()


def process_for(framework: str) -> ComputeProcess | None:
    """The server's child process for `framework`, or None if that framework computes in the server."""
    if framework not in REMOTE:
        return None
    with _processes_lock:
        if framework not in _processes:
            _processes[framework] = ComputeProcess(framework)
        return _processes[framework]


@atexit.register
def _stop_all() -> None:
    for process in list(_processes.values()):
        process.stop()


if __name__ == "__main__":  # the child: python -m f2c.compute FD
    from f2c.compute import (
        _serve as serve,
    )  # by its real module name, so its exceptions unpickle in the server

    serve(Connection(int(sys.argv[1])))
