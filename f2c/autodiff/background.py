"""Compiling without making anyone wait: numba compiles in a short-lived helper process.

numba holds the GIL while it compiles (one to six seconds a loop), so a process that serves runs (a compute
child, f2c.runtime.compute_child) would stall every run it computes meanwhile. Instead a helper process
(`python -m f2c.autodiff.background`, handed jobs made by f2c.autodiff.compile.job) compiles the loops into
numba's on-disk cache, and a thread here waits for it and then loads the machine code from the cache, in
about a tenth of a second. Runs meanwhile go on in mode "function" and take the compiled loop over at a chunk
boundary (f2c.lessons.runners.numpy_runner).

    builds = Builds()
    builds.submit([compile.job(function, title)])   # returns at once
    builds.status(key)   # None (never asked), "pending", "ready" (loaded: compiled_runner is instant), "failed"

Without a writable cache directory a helper's work could not be shared, so the thread compiles here itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

from f2c.autodiff import compile as compiled

ROOT = Path(__file__).resolve().parents[2]  # the directory holding the f2c package


class Builds:
    """The loops this process has asked for, by module name (compile.job's "key"), and how far each has got."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._status: dict[str, str] = {}
        self.errors: dict[str, str] = {}

    def status(self, key: str) -> str | None:
        with self._lock:
            return self._status.get(key)

    def statuses(self) -> dict[str, str]:
        with self._lock:
            return dict(self._status)

    def submit(self, jobs: list[dict]) -> None:
        """Compile the jobs not asked for before, in one helper process (numba is imported once)."""
        with self._lock:
            jobs = [j for j in {j["key"]: j for j in jobs}.values() if j["key"] not in self._status]
            for j in jobs:
                self._status[j["key"]] = "pending"
        if jobs:
            threading.Thread(target=self._build, args=(jobs,), name="f2c-numba-build", daemon=True).start()

    def _build(self, jobs: list[dict]) -> None:
        ok = {j["key"]: True for j in jobs}
        if compiled.cache_dir() is not None:
            todo = [j for j in jobs if not compiled.cached(j)]  # the rest loads from the cache at once
            ok.update(zip([j["key"] for j in todo], _helper(todo) if todo else []))
        for j in jobs:
            status = "failed"
            try:
                if ok[j["key"]]:
                    compiled.load_job(j)  # from the cache the helper filled: about 0.1 s
                    status = "ready"
            except Exception as why:  # numba missing or refusing: the runs stay in mode "function"
                self.errors[j["key"]] = f"{type(why).__name__}: {why}"
            with self._lock:
                self._status[j["key"]] = status


def _helper(jobs: list[dict]) -> list[bool]:
    """Run the helper process on the jobs; which of them it compiled."""
    try:
        done = subprocess.run(
            [sys.executable, "-m", "f2c.autodiff.background"],
            input=json.dumps(jobs),
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=600,
        )
        results = json.loads(done.stdout.strip().splitlines()[-1])
        return [bool(r) for r in results] if len(results) == len(jobs) else [False] * len(jobs)
    except (OSError, ValueError, IndexError, subprocess.TimeoutExpired):
        return [False] * len(jobs)


def main() -> None:
    """The helper: compile each job read on stdin into numba's cache; print a JSON list of which succeeded."""
    results = []
    for j in json.loads(sys.stdin.read()):
        try:
            compiled.load_job(j)
            results.append(True)
        except Exception as why:
            print(f"{j.get('key')}: {type(why).__name__}: {why}", file=sys.stderr)
            results.append(False)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
