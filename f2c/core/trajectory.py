"""The per-epoch record of a run.

Each record is one epoch (1-based like the article's loop): the parameters at the start of that epoch (model
units) and the loss and gradient at those parameters, i.e. what the article prints for that epoch before it
updates.

Memory is bounded: every epoch is kept up to `max_rows`; past that the record thins itself to every 2nd,
4th, ... epoch, always keeping the logged epochs (multiples of `keep_every`), the first `head` epochs and
the latest epoch. A run then costs at most about 2 MB, whatever its length: a class of thirty, each with a few
runs kept (earlier runs stay beside the new one), holds hundreds of them in one server. The browser is sent a
thinner view still (f2c/render/live.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

COLUMNS = ("w", "b", "loss", "dw", "db")
DEFAULT_MAX_ROWS = 40_000
FIRST_CHUNK = 64
MAX_CHUNK = 1_000_000
HEAD = 1_000


@dataclass
class Chunk:
    """Consecutive epochs from one call into a lesson runner."""

    first_epoch: int
    rows: np.ndarray  # shape (n, 5), float64, COLUMNS order
    seconds: float

    @property
    def epochs(self) -> np.ndarray:
        return np.arange(self.first_epoch, self.first_epoch + len(self.rows), dtype=np.int64)

    @property
    def last_epoch(self) -> int:
        return self.first_epoch + len(self.rows) - 1


class Trajectory:
    """Epochs recorded so far. len() is the number of epochs run; the arrays hold the kept ones."""

    def __init__(self, max_rows: int | None = DEFAULT_MAX_ROWS, keep_every: int = 30_000, head: int = HEAD):
        self.max_rows = max_rows
        self.keep_every = keep_every
        self.head = head
        self.stride = 1
        self._epochs = np.empty(0, dtype=np.int64)
        self._rows = np.empty((0, 5), dtype=np.float64)
        self._n = 0  # rows in use
        self._last_epoch = 0
        self._last_row = np.full(5, np.nan)

    def _kept(self, epochs: np.ndarray, stride: int) -> np.ndarray:
        return (epochs % stride == 0) | (epochs % self.keep_every == 0) | (epochs <= self.head)

    def append(self, chunk: Chunk) -> None:
        if chunk.first_epoch != self._last_epoch + 1:
            raise ValueError(f"chunk starts at epoch {chunk.first_epoch}, expected {self._last_epoch + 1}")
        if not len(chunk.rows):
            return
        epochs = chunk.epochs
        # The previous latest row stays only if it belongs to the kept set.
        if (
            self._n
            and self.stride > 1
            and not self._kept(self._epochs[self._n - 1 : self._n], self.stride)[0]
        ):
            self._n -= 1
        keep = self._kept(epochs, self.stride)
        keep[-1] = True  # the latest epoch is always at hand for a live display
        self._store(epochs[keep], chunk.rows[keep])
        self._last_epoch = chunk.last_epoch
        self._last_row = np.array(chunk.rows[-1], dtype=np.float64)
        while self.max_rows is not None and self._n > self.max_rows:
            self._thin()
        if self.max_rows is not None and len(self._rows) > 2 * (self.max_rows + 1):
            # A long chunk (up to MAX_CHUNK epochs) grew the arrays past the bound before it was thinned: give
            # the room back, or every finished run would hold up to 40 MB it no longer uses.
            self._rows, self._epochs = self._rows[: self._n].copy(), self._epochs[: self._n].copy()

    def _store(self, epochs: np.ndarray, rows: np.ndarray) -> None:
        need = self._n + len(rows)
        if need > len(self._rows):
            size = max(need, 2 * len(self._rows), 1024)
            if self.max_rows is not None:
                size = max(need, min(size, self.max_rows + 1))
            grown_rows = np.empty((size, 5), dtype=np.float64)
            grown_epochs = np.empty(size, dtype=np.int64)
            grown_rows[: self._n] = self._rows[: self._n]
            grown_epochs[: self._n] = self._epochs[: self._n]
            self._rows, self._epochs = grown_rows, grown_epochs
        self._rows[self._n : need] = rows
        self._epochs[self._n : need] = epochs
        self._n = need

    def _thin(self) -> None:
        self.stride *= 2
        epochs = self._epochs[: self._n]
        keep = self._kept(epochs, self.stride)
        keep[-1] = True
        n = int(keep.sum())
        self._rows[:n] = self._rows[: self._n][keep]
        self._epochs[:n] = epochs[keep]
        self._n = n

    def __len__(self) -> int:
        return self._last_epoch

    @property
    def complete(self) -> bool:
        """True while every epoch run is still kept (no thinning yet)."""
        return self.stride == 1

    @property
    def rows(self) -> np.ndarray:
        return self._rows[: self._n]

    @property
    def epoch(self) -> np.ndarray:
        return self._epochs[: self._n]

    def column(self, name: str) -> np.ndarray:
        return self._rows[: self._n, COLUMNS.index(name)]

    @property
    def w(self) -> np.ndarray:
        return self.column("w")

    @property
    def b(self) -> np.ndarray:
        return self.column("b")

    @property
    def loss(self) -> np.ndarray:
        return self.column("loss")

    @property
    def dw(self) -> np.ndarray:
        return self.column("dw")

    @property
    def db(self) -> np.ndarray:
        return self.column("db")

    @property
    def nbytes(self) -> int:
        return int(self._rows.nbytes + self._epochs.nbytes)

    def at(self, epoch: int) -> dict[str, float]:
        """The record of `epoch`, or of the nearest kept epoch before it if it was thinned away."""
        if not 1 <= epoch <= self._last_epoch:
            raise IndexError(f"epoch {epoch} not in 1..{self._last_epoch}")
        if epoch == self._last_epoch:
            row, found = self._last_row, epoch
        else:
            i = int(np.searchsorted(self._epochs[: self._n], epoch, side="right")) - 1
            row, found = self._rows[i], int(self._epochs[i])
        return {"epoch": found, **{name: float(v) for name, v in zip(COLUMNS, row)}}


def next_chunk_size(n: int, elapsed: float, seconds: float, previous: int = 0) -> int:
    """Epochs for the next chunk so that it takes about `seconds`, after n epochs took `elapsed` s.

    It grows at most 8x at a time (from the larger of n and the previous size): a first chunk timed while
    the machine is busy must not ask for a huge one.
    """
    target = int(seconds * n / elapsed) if elapsed > 0 else 8 * n
    return max(1, min(MAX_CHUNK, 8 * max(n, previous), target))
