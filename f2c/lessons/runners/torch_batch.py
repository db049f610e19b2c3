"""Runs of one torch lesson step computed together: a class's runs advance as one batch.

Thirty students with thirty learning rates would take turns on the compiled chunk, one run at a time.
Here `torch.func.vmap` maps the compiled mode's very epoch (torch_compiled.one_epoch: the lesson's model,
loss and update) over a leading axis of runs, and torch.compile fuses BATCH_CHUNK such epochs for BATCH runs
into one kernel. Each run keeps its own state, learning rate, data and epoch count (epochs past a run's
count leave its state as it is), and its rows are bit for bit those it computes alone (tests/test_torch_batch.py).
Fewer runs than BATCH are padded with copies that change nothing: one compile serves any class size.

Measured (bench/bench_train.py): a batch of 32 runs of 330,000 epochs costs
about 1.3-1.5x one run alone; the first compile takes about 60 s on a cold inductor cache, in the compute
child's compile thread (torch_switch.COMPILER), while the runs go on one at a time.
"""

from __future__ import annotations

import numpy as np
import torch

from f2c.lessons.runners.torch_compiled import compile_chunk, initial_opt_state, one_epoch
from f2c.lessons.runners.torch_switch import COMPILER

BATCH = 32  # runs per call; fewer are padded
BATCH_CHUNK = 32  # epochs per call: 64 ran no faster for a batch and took twice as long to compile

_COMPILED: dict[tuple, object] = {}


def key_for(single_key) -> tuple:
    """The batched chunk's key for a single run's chunk key (stage, optimizer, number of points, chunk)."""
    stage, optimizer, n_points = single_key[:3]
    return ("batch", stage, optimizer, n_points, BATCH_CHUNK, BATCH)


def _make_chunk(stage, optimizer):
    epoch = torch.func.vmap(one_epoch(stage, optimizer))  # every argument batched along its first axis

    def chunk(state, X, Y, learning_rate, active):
        """BATCH_CHUNK epochs of every run; where active[i, j] is False, run j's state stays as it is."""
        rows = []
        for i in range(BATCH_CHUNK):
            new_state, loss, grad = epoch(state, X, Y, learning_rate)
            rows.append(torch.cat([state[0], loss.reshape(-1, 1), grad], dim=1))
            on = active[i]
            state = tuple(
                torch.where(on.reshape(-1, *([1] * (new.dim() - 1))), new, old)
                for new, old in zip(new_state, state)
            )
        return state, torch.stack(rows, dim=1)  # rows: (runs, epochs, 5)

    return chunk


def _compiled(key):
    if key not in _COMPILED:
        _, stage, optimizer, n_points, _, _ = key
        name = f"batch{BATCH}x{BATCH_CHUNK}_stage{stage}_{optimizer or 'step'}_{n_points}"
        _COMPILED[key] = compile_chunk(_make_chunk(stage, optimizer), name)
    return _COMPILED[key]


def build(single_key) -> None:
    """Compile the batched chunk for single_key now, on zeros (the compile thread calls this)."""
    key = key_for(single_key)
    stage, optimizer, n_points = key[1:4]
    opt_state = initial_opt_state(optimizer) if stage == 3 else ()
    state = tuple(torch.stack([t] * BATCH) for t in (torch.zeros(2), *opt_state))
    X = torch.zeros(BATCH, n_points)
    try:
        _compiled(key)(
            state, X, X.clone(), torch.zeros(BATCH), torch.ones(BATCH_CHUNK, BATCH, dtype=torch.bool)
        )
    except Exception:
        _COMPILED.pop(key, None)
        raise


def request(single_key) -> None:
    """Compile the batched chunk in the background, unless it is compiled or queued already."""
    COMPILER.request(key_for(single_key), lambda: build(single_key))


def ready_key(single_key):
    """The batched chunk's key if it is compiled, else None (the runs go on one at a time)."""
    key = key_for(single_key)
    return key if COMPILER.ready(key) else None


def run_batch(members, counts) -> list[np.ndarray]:
    """members[j].run(counts[j]) for every j at once (CompiledRunners of one chunk key), at most BATCH of
    them. A run whose rows stop being finite leaves at that epoch: its rows end with it."""
    if len(members) > BATCH:
        raise ValueError(f"a batch holds at most {BATCH} runs")
    chunk = _compiled(key_for(members[0].key))
    m, pad = len(members), [members[0]] * (BATCH - len(members))
    everyone = list(members) + pad

    def stacked(get):
        return torch.stack([get(r) for r in everyone])

    state = tuple(stacked(lambda r, i=i: r.state[i]) for i in range(len(members[0].state)))
    X, Y, rate = stacked(lambda r: r.X), stacked(lambda r: r.Y), stacked(lambda r: r.learning_rate)
    left = np.full(BATCH, max(int(c) for c in counts), dtype=np.int64)  # the pads run along, unread
    left[:m] = [int(c) for c in counts]
    steps = np.arange(BATCH_CHUNK)[:, None]
    everything = torch.ones(BATCH_CHUNK, BATCH, dtype=torch.bool)
    calls, kept = [], []  # each call's rows (runs, epochs, 5), and which belong to a run (None: all)
    # Per call, Python's work must not grow with the class: whole-array checks, a loop only over the
    # (rare) runs that diverged in this call.
    while left[:m].max() > 0:
        full = left.min() >= BATCH_CHUNK  # every run goes on for the whole call: the common case
        active = None if full else steps < np.minimum(left, BATCH_CHUNK)[None, :]  # (epochs, runs)
        state, rows = chunk(state, X, Y, rate, everything if full else torch.from_numpy(active))
        rows = rows.numpy()
        if not np.isfinite(rows[:m]).all():
            if active is None:
                active = np.ones((BATCH_CHUNK, BATCH), dtype=bool)
            bad = active & ~np.isfinite(rows).all(axis=2).T
            bad[:, m:] = False
            for j in np.flatnonzero(bad.any(axis=0)):  # it diverged: it leaves the batch at this epoch
                active[int(np.argmax(bad[:, j])) + 1 :, j] = False
                left[j] = 0
        left = left - BATCH_CHUNK if active is None else np.maximum(left - active.sum(axis=0), 0)
        calls.append(rows)
        kept.append(active)
    rows = np.concatenate(calls, axis=1)  # (runs, epochs, 5)
    if all(a is None for a in kept):
        return _give_back(members, state, [rows[j].astype(np.float64) for j in range(m)])
    mask = np.concatenate([np.ones((BATCH, BATCH_CHUNK), bool) if a is None else a.T for a in kept], axis=1)
    return _give_back(members, state, [rows[j][mask[j]].astype(np.float64) for j in range(m)])


def _give_back(members, state, out):
    """Each member's state from the batch's, as its own tensors; then its rows."""
    for j, member in enumerate(members):
        member.state = tuple(t[j].clone() for t in state)
    return out
