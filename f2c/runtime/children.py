"""Compute a run in a child process, so that a CPU-bound run never waits for the server.

One Streamlit process serves every session: script threads draw frames, Tornado sends them, and a worker
thread per run computes. A NumPy run (a Python loop of tiny array calls) and an eager torch run hold the GIL
nearly all the time, so computing and drawing took turns: with twenty sessions following one NumPy run, that
run took 7.7 s instead of 3.6 s (bench/bench_load.py). In a child process the run has a core of its own.

- One child per framework in REMOTE, started on first use and kept: a framework is imported, and torch's
  chunks are compiled, once per child.
- A run at full speed is *streamed*: the child computes chunk after chunk and sends each one, without waiting
  for the server to ask for the next (asking chunk by chunk left the child idle for 2 of 7.6 s while twenty
  sessions drew). Several streams in one child take turns chunk by chunk, so every run advances. A stop
  request ends a stream after the chunk in progress.
- Single chunks (a Step, a slow playback) are plain requests, answered between two streamed chunks.
- TensorFlow stays in the server: its fastest mode runs 330,000 epochs in 0.02 s inside XLA, which does not
  hold the GIL, and a second copy of TensorFlow would cost about 0.5 GB of Community Cloud's 2.7 GB
  (bench/bench_memory.py).
- If a child dies (killed, out of memory), its runs end with an error the page shows; the next run starts a
  new child. If a child cannot be started at all, runs compute in the server as before (f2c.runtime.training).
"""

from __future__ import annotations

import atexit
import itertools
import queue
import socket
import subprocess
import sys
import threading
import weakref
from multiprocessing.connection import Connection
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]  # the directory holding the f2c package

REMOTE = ("numpy", "torch")


class ComputeLost(RuntimeError):
    """The child computing a run has gone (killed or out of memory); the run cannot go on."""


class RunnerGone(LookupError):
    """The child no longer holds this runner (it restarted, or evicted a long-unused runner)."""


def _reap(process: subprocess.Popen) -> None:
    """Wait for a child whose pipe closed: killed (as out of memory kills), it stays a zombie until waited
    for, and the next run, which would wait for it, may come much later or never."""
    try:
        process.wait(5)  # an exiting child closes its end first: give it a moment to be gone
    except subprocess.TimeoutExpired:  # alive with its pipe closed: of no use to anyone
        process.kill()
        process.wait(5)


# ---- the server's side ---------------------------------------------------------------------------


class ComputeProcess:
    """One child process, the pipe to it, and a thread that reads its replies and streamed chunks."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._lock = threading.Lock()  # one request/reply at a time; starting and stopping the child
        self._send_lock = threading.Lock()
        self._process = None
        self._conn = None
        self._replies: queue.Queue = queue.Queue()
        self._streams: dict[int, queue.Queue] = {}  # key -> the queue its chunks are delivered to
        self._dropped: list[int] = []  # runners garbage-collected in the server, told on the next request
        self.generation = 0  # counts the children started; a runner belongs to one
        self._broken = False  # the pipe to the current child has closed (it may not be reaped yet)

    @property
    def streaming(self) -> int:
        """How many runs this child is streaming now: they take turns, chunk by chunk."""
        return len(self._streams)

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._alive() else None

    def _alive(self) -> bool:
        return self._process is not None and not self._broken and self._process.poll() is None

    def _start(self) -> None:
        # A fresh interpreter, not multiprocessing's fork (it would copy the server's threads and locks) nor
        # its spawn (it re-imports the server's __main__, which here is Streamlit's command line).
        ours, theirs = socket.socketpair()
        with theirs:
            process = subprocess.Popen(
                [sys.executable, "-m", "f2c.runtime.compute_child", str(theirs.fileno()), self.name],
                cwd=ROOT,
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
            )
        self._process, self._conn = process, Connection(ours.detach())
        self._replies = queue.Queue()
        self._broken = False
        self._dropped.clear()
        self.generation += 1
        threading.Thread(
            target=self._read,
            args=(self._conn, self._replies, process),
            name=f"f2c-compute-{self.name}",
            daemon=True,
        ).start()

    def _read(self, conn, replies, process) -> None:
        """Deliver every message from the child: replies to the caller, chunks to their stream's queue."""
        try:
            while True:
                message = conn.recv()
                if message[0] == "reply":
                    replies.put(message[1:])
                else:
                    target = self._streams.get(message[1])
                    if target is not None:
                        target.put(message)
        except (EOFError, OSError):
            if self._conn is conn:
                self._broken = True
            lost = ComputeLost(f"the compute process for {self.name} stopped")
            replies.put((False, lost))
            for target in list(self._streams.values()):
                target.put(("end", None, None, lost))
            _reap(process)

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

    def _send(self, message) -> None:
        with self._send_lock:
            self._conn.send(message)

    def call(self, op: str, key: int = 0, *args, generation: int | None = None):
        """A request and its reply (build, run, count, prepared); starts the child if there is none."""
        with self._lock:
            if generation is not None and (generation != self.generation or not self._alive()):
                raise RunnerGone("the compute process restarted since this run began")
            if not self._alive():
                self._stop_locked()
                self._start()
            try:
                if self._dropped:
                    dropped, self._dropped[:] = list(self._dropped), []
                    self._send(("drop", 0, (dropped,)))
                self._send((op, key, args))
                while True:
                    try:
                        ok, value = self._replies.get(timeout=1.0)
                        break
                    except queue.Empty:
                        if not self._alive():
                            raise ComputeLost(f"the compute process for {self.name} stopped") from None
            except OSError as error:
                self._stop_locked()
                raise ComputeLost(f"the compute process for {self.name} stopped ({error})") from None
        if not ok:
            raise value
        return value

    def stream(self, key: int, generation: int, epochs: int, seconds: float, stop: threading.Event):
        """Yield (rows, seconds) chunks of a streamed run until it ends; then return its parameters.

        Setting `stop` asks the child to end the stream after its chunk in progress; the chunks computed
        until then are still yielded, so the run records every epoch its runner went through.
        """
        inbox: queue.Queue = queue.Queue()
        self._streams[key] = inbox
        try:
            with self._lock:
                if generation != self.generation or not self._alive():
                    raise RunnerGone("the compute process restarted since this run began")
                self._send(("stream", key, (epochs, seconds)))
            asked_to_stop = False
            while True:
                if stop.is_set() and not asked_to_stop:
                    self._send(("stop", key, ()))
                    asked_to_stop = True
                try:
                    message = inbox.get(timeout=0.02)
                except queue.Empty:
                    if not self._alive():
                        raise ComputeLost(f"the compute process for {self.name} stopped") from None
                    continue
                if message[0] == "chunk":
                    yield message[2], message[3]
                else:  # ("end", key, params, error)
                    if message[3] is not None:
                        raise message[3]
                    return message[2]
        except OSError as error:
            raise ComputeLost(f"the compute process for {self.name} stopped ({error})") from None
        finally:
            self._streams.pop(key, None)


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
        rows, self._params, _ = self._process.call("run", self._key, n, generation=self._generation)
        return rows

    def stream(self, epochs: int, seconds: float, stop: threading.Event):
        """Chunks (rows, seconds) until `epochs` are done, the loss is not finite, or `stop` is set."""
        params = yield from self._process.stream(self._key, self._generation, epochs, seconds, stop)
        if params is not None:
            self._params = params

    def params(self) -> tuple[float, float]:
        return self._params

    @property
    def process(self) -> ComputeProcess:
        return self._process


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
