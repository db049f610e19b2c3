"""What runs inside a compute child (python -m f2c.runtime.compute_child FD FRAMEWORK): f2c.runtime.children
starts it.

The child builds runners through lessons.load(framework), answers requests, and between them computes the
active streams chunk by chunk in turn, sending each chunk back without being asked. At its start it lets the
framework prepare in the background (lessons.start_background: NumPy's default compiled loops).
"""

from __future__ import annotations

import signal
import sys
import time
from collections import OrderedDict
from multiprocessing.connection import Connection

import numpy as np

from f2c.core.trajectory import FIRST_CHUNK, next_chunk_size
from f2c.runtime.children import RunnerGone

BATCH_CALLS_LONGER = 8
MAX_RUNNERS = 512  # a child keeps at most this many runners (a few kB each); the oldest unused go first


class _Stream:
    """A run the child computes chunk after chunk: epochs left, and the chunk size that takes ~target s."""

    def __init__(self, epochs: int, seconds: float) -> None:
        self.left = epochs
        self.seconds = seconds
        self.n = FIRST_CHUNK

    def grow(self, n: int, elapsed: float, runs: int = 1) -> None:
        # A batch's call takes longer, up to BATCH_CALLS_LONGER times: fewer, larger chunks, so that the
        # server's chunk messages (one per run per call) do not grow with the class.
        self.n = next_chunk_size(n, elapsed, self.seconds * min(runs, BATCH_CALLS_LONGER))


def _serve(conn, framework: str | None = None) -> None:
    """The child's loop: answer requests, and compute the active streams in turn between them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal stops the server, which stops us
    from f2c import lessons
    from f2c.runtime import warmup

    if framework is not None:
        try:  # e.g. NumPy's default loops, compiled by a helper process while no one waits for them
            lessons.start_background(framework)
        except Exception as why:  # runs still compute; they only miss what would have been ready
            print(f"f2c compute child: nothing prepared in the background ({why})", file=sys.stderr)

    served = framework  # handle() below names each build's own framework
    runners: OrderedDict[int, object] = OrderedDict()
    streams: OrderedDict[int, _Stream] = OrderedDict()

    def runner_for(key):
        runner = runners.get(key)
        if runner is None:
            raise RunnerGone("the compute process no longer holds this run")
        runners.move_to_end(key)
        return runner

    def handle(op, key, args):
        if op == "build":
            framework, make_args = args
            runner = warmup.build(framework, make_args)  # a compiled mode starts eager if not compiled yet
            runners[key] = runner
            while len(runners) > MAX_RUNNERS:
                gone, _ = runners.popitem(last=False)
                streams.pop(gone, None)
            return (runner.mode, float(runner.compile_seconds), runner.notice, runner.params())
        if op == "run":
            runner = runner_for(key)
            started = time.perf_counter()
            rows = np.asarray(runner.run(args[0]), dtype=np.float64)
            return rows, runner.params(), time.perf_counter() - started
        if op == "stream":
            runner_for(key)
            streams[key] = _Stream(*args)
            return None
        if op == "stop":  # the stream's "end" follows at once (none if it has already ended)
            if streams.pop(key, None) is not None:
                conn.send(("end", key, runners[key].params(), None))
            return None
        if op == "drop":
            for gone in args[0]:
                runners.pop(gone, None)
                streams.pop(gone, None)
            return None
        if op == "warm":  # compile in the background (f2c.runtime.warmup); the reply does not wait
            warmup.warm(*args)
            return None
        if op == "count":
            return len(runners)
        if op == "prepared":  # what the framework prepares in the background (NumPy: numba's loops)
            return lessons.background_status(served) if served is not None else {}
        raise ValueError(f"unknown request {op!r}")

    try:
        _loop(conn, handle, runners, streams)
    except (EOFError, OSError):  # the server has gone
        return


def _loop(conn, handle, runners, streams) -> None:
    while True:
        # Block for a request when idle; between streamed chunks, take only what has arrived.
        while not streams or conn.poll(0):
            op, key, args = conn.recv()
            try:
                reply = (True, handle(op, key, args))
            except Exception as error:  # raised again in the server, like a local runner's error
                reply = (False, error)
            if op in ("build", "run", "count", "warm", "prepared"):
                _send(conn, ("reply", *reply))
            elif not reply[0]:
                _send(conn, ("end", key, None, reply[1]))
        keys = _next_batch(runners, streams)
        try:
            # One size for the whole batch: a call costs its longest member's epochs, so a member that
            # joined with a small chunk takes the batch's (its own size would shrink to a few epochs).
            n = max(streams[k].n for k in keys)
            counts = [min(n, streams[k].left) for k in keys]
            started = time.perf_counter()
            if len(keys) == 1:
                out = [runners[keys[0]].run(counts[0])]
            else:  # one call of one compiled loop advances them all (f2c.autodiff.compile.run_batch)
                out = runners[keys[0]].run_batch([runners[k] for k in keys], counts)
            elapsed, ran = time.perf_counter() - started, max(counts)
            for key, count, rows in zip(keys, counts, out):
                rows = np.asarray(rows, dtype=np.float64)
                stream = streams[key]
                stream.left -= count
                stream.grow(ran, elapsed, len(keys))
                _send(conn, ("chunk", key, rows, elapsed))
                if stream.left <= 0 or not np.isfinite(rows).all():  # done, or diverged: it leaves
                    del streams[key]
                    _send(conn, ("end", key, runners[key].params(), None))
        except Exception as error:
            for key in keys:
                if streams.pop(key, None) is not None:
                    _send(conn, ("end", key, None, error))


def _next_batch(runners, streams) -> list[int]:
    """The next stream in turn, with every stream whose runner shares its compiled loop (batch_key): they
    advance as one batch, joining and leaving between chunks, as in a model server's continuous batching."""
    key = next(iter(streams))
    runner = runners[key]
    shared = getattr(runner, "batch_key", None)
    if shared is None:
        keys = [key]
        if len(streams) > 1 and hasattr(runner, "want_batch"):
            runner.want_batch()  # runs take turns here: compile a batched loop behind them (torch)
    else:
        keys = [k for k in streams if getattr(runners[k], "batch_key", None) == shared]
        keys = keys[: getattr(runner, "max_batch", None) or len(keys)]
    for k in keys:
        streams.move_to_end(k)  # round robin: every stream (or batch) advances
    return keys


def _send(conn, message) -> None:
    try:
        conn.send(message)
    except (EOFError, OSError):
        raise
    except Exception as error:  # an exception that cannot be pickled: send its text
        kind, key = message[0], message[1]
        text = RuntimeError(f"{type(error).__name__}: {message[-1]}")
        conn.send(("reply", False, text) if kind == "reply" else ("end", key, None, text))


if __name__ == "__main__":
    from f2c.runtime.compute_child import (
        _serve as serve,
    )  # by its real module name, so its exceptions unpickle in the server

    serve(Connection(int(sys.argv[1])), sys.argv[2] if len(sys.argv) > 2 else None)
    # Not the interpreter's shutdown: a torch compile still running in its daemon thread (f2c.runtime.warmup)
    # aborts it ("terminate called without an active exception").
    import os

    os._exit(0)
