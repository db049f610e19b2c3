"""What a live run sends to the browser: compact blocks of trajectory rows, thinned for viewing.

The browser's player (f2c/ui/live_player) draws every frame itself, so the server sends data, never frames:
a few times a second, the rows computed since the last block. The rows are thinned the way a reader looks at
a run: every epoch early on (the line's first swings are the lesson), then about PER_EFOLD rows for each
factor e of epochs (even spacing on the loss chart's log axis), the article's logged epochs always, the
latest epoch of each block always (so what the browser has is never stale), and FILL rows spread over
each block (so the browser has a new epoch to draw on every frame while the run computes). A million-epoch run then sends
a few thousand rows in all, and no block is larger than MAX_BLOCK_ROWS rows (~50 KB of JSON).

No NaN or infinity is ever sent (JSON has none, and a chart would draw nothing): a diverged run sends up to
its last finite epoch, and the browser is told where it stopped. Pure functions and one small class: no
Streamlit here.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass, field

import numpy as np

EARLY = 200  # every epoch up to here
PER_EFOLD = 120  # later, rows per factor e of epochs: 3-4 a frame at the story clock (33 frames an e-fold)
MAX_BLOCK_ROWS = 400  # 9 numbers a row at ~12 characters: under 50 KB of JSON a block
# Each block also carries this many rows spread evenly over the epochs it covers: late in a long run the
# log spacing leaves few rows per block, and the browser, gliding from one block to the next, needs a
# row per frame to draw a new epoch on every frame (20 a block at 5 blocks a second: 100 a second).
FILL = 20
COLUMNS = ("e", "w", "b", "loss", "dw", "db", "rw", "rb", "vl")
# Each update repeats the rows of up to this many blocks before it (within MAX_BLOCK_ROWS in all): the page
# draws only the newest of two updates that arrive within one render, and the rows of the one it never
# saw would be lost; the next update carries them again.
OVERLAP_BLOCKS = 5


def bucket(epochs: np.ndarray) -> np.ndarray:
    """The log-spaced bucket of each epoch: rows in one bucket look the same on a log axis."""
    return np.floor(PER_EFOLD * np.log(np.maximum(np.asarray(epochs, dtype=np.float64), 1.0))).astype(
        np.int64
    )


def pick(epochs: np.ndarray, before: int, logged_every: int) -> np.ndarray:
    """Which of `epochs` (sorted, all after `before`, the epoch before them) a viewer needs.

    Deterministic and stateless: the first epoch of each log bucket, every epoch up to EARLY, the logged
    epochs, and the last of `epochs` (the newest the server has).
    """
    epochs = np.asarray(epochs, dtype=np.int64)
    if not len(epochs):
        return np.zeros(0, dtype=bool)
    buckets = bucket(epochs)
    previous = np.concatenate([bucket(np.array([max(before, 0)])), buckets[:-1]])
    keep = (epochs <= EARLY) | (buckets != previous)
    if logged_every > 0:
        keep |= epochs % logged_every == 0
    keep[-1] = True
    return keep


def finite_prefix(rows: np.ndarray) -> int:
    """How many leading rows hold only finite numbers: a diverged run is sent up to its last finite epoch."""
    bad = ~np.isfinite(rows).all(axis=1)
    return int(np.argmax(bad)) if bad.any() else len(rows)


def _numbers(values: np.ndarray) -> list[float]:
    # Nine significant digits hold a float32 exactly and keep the JSON short.
    return [float(f"{v:.9g}") for v in values.tolist()]


def columns(epochs, rows, raw_w, raw_b, validation_loss=None) -> dict[str, list]:
    """Rows as compact JSON columns (COLUMNS); `vl` only when the data is split."""
    out: dict[str, list] = {"e": [int(e) for e in np.asarray(epochs).tolist()]}
    for i, name in enumerate(("w", "b", "loss", "dw", "db")):
        out[name] = _numbers(rows[:, i])
    out["rw"], out["rb"] = _numbers(np.asarray(raw_w, float)), _numbers(np.asarray(raw_b, float))
    if validation_loss is not None:
        out["vl"] = _numbers(np.asarray(validation_loss, float))
    return out


@dataclass
class Feed:
    """One session's stream of blocks for one run: where the last block ended.

    `sent` counts the rows sent so far (the browser checks a block starts where its rows end), `after` is
    the last trajectory epoch already considered, `stopped` is set once a non-finite row was met.
    """

    run_id: str
    sent: int = 0
    after: int = 0
    stopped: bool = False
    logged_every: int = 30_000  # the article's log lines: always sent
    recent: deque = field(default_factory=lambda: deque(maxlen=OVERLAP_BLOCKS), repr=False)

    def resume(self, rows: int, epoch: int) -> None:
        """Go on from what the browser holds (`rows` rows, the last at `epoch`), not from the start.

        The rows of a block depend on where blocks began (FILL spreads rows over each one), so a feed
        started again from epoch 0 would number its rows differently from what the browser holds.
        """
        self.sent, self.after, self.stopped = max(int(rows), 0), max(int(epoch), 0), False
        self.recent.clear()

    def with_overlap(self, block: dict) -> dict:
        """`block` preceded by the rows of the blocks sent just before it (see OVERLAP_BLOCKS)."""
        new = block["rows"]
        room = MAX_BLOCK_ROWS - (len(new["e"]) if new else 0)
        earlier = []
        for start, cols in reversed(self.recent):
            if start >= block["from"]:
                continue  # the block itself
            if len(cols["e"]) > room:
                break
            earlier.insert(0, (start, cols))
            room -= len(cols["e"])
        if not earlier:
            return block
        parts = [cols for _, cols in earlier] + ([new] if new else [])
        rows = {k: [v for part in parts for v in part[k]] for k in parts[0]}
        return {**block, "from": earlier[0][0], "rows": rows}

    def next_block(
        self, epochs, rows, to_original, validation=None, max_rows: int = MAX_BLOCK_ROWS, fill: int = FILL
    ) -> dict:
        """The next block from a trajectory's kept (epochs, rows): at most max_rows rows, in epoch order.

        `to_original(w, b)` gives the line in the data's units; `validation(rw, rb)` the held-out loss;
        `fill` rows spread over the block (more when blocks come further apart, see FILL).
        """
        epochs = np.asarray(epochs, dtype=np.int64)
        start = int(np.searchsorted(epochs, self.after, side="right"))
        new_epochs, new_rows = epochs[start:], np.asarray(rows, dtype=np.float64)[start:]
        block = {"run": self.run_id, "from": self.sent, "rows": None}
        if self.stopped or not len(new_epochs):
            return block
        before = int(epochs[start - 1]) if start > 0 else 0
        keep = pick(new_epochs, before, logged_every=self.logged_every)
        # log-spaced over the block, as the browser glides through it on a log clock
        targets = np.geomspace(max(int(new_epochs[0]), 1), int(new_epochs[-1]), max(fill, 1))
        keep[np.searchsorted(new_epochs, targets).clip(max=len(new_epochs) - 1)] = True
        index = np.flatnonzero(keep)
        finite = finite_prefix(new_rows[index])
        if finite < len(index):
            self.stopped = True
            index = index[:finite]
        if len(index) > max_rows:  # the rest goes in the next block
            index = index[:max_rows]
            self.stopped = False
            self.after = int(new_epochs[index[-1]])
        else:
            self.after = int(new_epochs[-1])
        if not len(index):
            return block
        e, r = new_epochs[index], new_rows[index]
        raw_w, raw_b = to_original(r[:, 0], r[:, 1])
        held_out = validation(raw_w, raw_b) if validation is not None else None
        block["rows"] = columns(e, r, raw_w, raw_b, held_out)
        self.recent.append((self.sent, block["rows"]))
        self.sent += len(index)
        return block


def finite_or_none(value) -> float | None:
    """A number for JSON, or None for NaN and infinity."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def columns_of(values) -> list[float]:
    """A column of finite numbers for JSON (non-finite ones dropped)."""
    array = np.asarray(values, dtype=np.float64).reshape(-1)
    return _numbers(array[np.isfinite(array)])
