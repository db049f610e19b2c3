"""The per-epoch record of a run.

Row i holds, for epoch i (1-based like the article's loop): the parameters at the start of that epoch
(model units) and the loss and gradient at those parameters, i.e. what the article prints for that epoch
before it updates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

COLUMNS = ("w", "b", "loss", "dw", "db")


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


@dataclass
class Trajectory:
    """All epochs recorded so far, in growable NumPy storage."""

    _rows: np.ndarray = field(default_factory=lambda: np.empty((0, 5), dtype=np.float64))
    _n: int = 0

    def append(self, chunk: Chunk) -> None:
        if chunk.first_epoch != self._n + 1:
            raise ValueError(f"chunk starts at epoch {chunk.first_epoch}, expected {self._n + 1}")
        need = self._n + len(chunk.rows)
        if need > len(self._rows):
            grown = np.empty((max(need, 2 * len(self._rows), 1024), 5), dtype=np.float64)
            grown[: self._n] = self._rows[: self._n]
            self._rows = grown
        self._rows[self._n : need] = chunk.rows
        self._n = need

    def __len__(self) -> int:
        return self._n

    @property
    def rows(self) -> np.ndarray:
        return self._rows[: self._n]

    @property
    def epoch(self) -> np.ndarray:
        return np.arange(1, self._n + 1, dtype=np.int64)

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

    def at(self, epoch: int) -> dict[str, float]:
        row = self._rows[epoch - 1]
        return {"epoch": epoch, **{name: float(v) for name, v in zip(COLUMNS, row)}}
