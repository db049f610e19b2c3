"""The data sets the lessons fit, and the parsing and validation of a user's CSV."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

import numpy as np

# The article's 11 points: a thermometer "reading" (not exact Fahrenheit) and Celsius.
ARTICLE_X = (35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4)
ARTICLE_Y = (0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0)

MAX_ROWS = 10_000
MAX_BYTES = 1_000_000
FLOAT32_MAX = float(np.finfo(np.float32).max)


class DataError(ValueError):
    """A data set we refuse, with an i18n message key, its arguments and the 1-based row."""

    def __init__(self, key: str, row: int | None = None, **kwargs: object) -> None:
        super().__init__(key, row, kwargs)
        self.key = key
        self.row = row
        self.kwargs = kwargs


@dataclass(frozen=True, eq=False)
class Dataset:
    """Points as float32 arrays, the dtype the article trains in."""

    x: np.ndarray
    y: np.ndarray
    name: str = "article"

    def __post_init__(self) -> None:
        x = np.asarray(self.x, dtype=np.float32)
        y = np.asarray(self.y, dtype=np.float32)
        check_points(x, y)
        x.flags.writeable = False
        y.flags.writeable = False
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)

    def __len__(self) -> int:
        return int(self.x.size)

    def fingerprint(self) -> str:
        """A stable key for caching results computed from these points."""
        import hashlib

        digest = hashlib.sha256(self.x.tobytes() + b"|" + self.y.tobytes())
        return digest.hexdigest()[:16]


def article() -> Dataset:
    return Dataset(ARTICLE_X, ARTICLE_Y, "article")


def check_points(x: np.ndarray, y: np.ndarray) -> None:
    if x.ndim != 1 or y.ndim != 1 or x.shape != y.shape:
        raise DataError("data.shape")
    if x.size < 2:
        raise DataError("data.too_few")
    if x.size > MAX_ROWS:
        raise DataError("data.too_many", max_rows=MAX_ROWS)
    for i in range(x.size):
        if not (math.isfinite(float(x[i])) and math.isfinite(float(y[i]))):
            raise DataError("data.not_finite", row=i + 1)
    if float(np.ptp(x)) == 0.0:
        raise DataError("data.x_equal")


def _number(cell: str) -> float | None:
    try:
        value = float(cell.strip())
    except ValueError:
        return None
    return value


def parse_csv(raw: bytes | str, name: str = "csv") -> Dataset:
    """Two numeric columns, an optional header row; every refusal names its row."""
    if isinstance(raw, bytes):
        if len(raw) > MAX_BYTES:
            raise DataError("data.too_large", max_bytes=MAX_BYTES)
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise DataError("data.encoding") from None
    else:
        text = raw
        if len(text.encode("utf-8")) > MAX_BYTES:
            raise DataError("data.too_large", max_bytes=MAX_BYTES)
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error:
        raise DataError("data.malformed") from None
    xs: list[float] = []
    ys: list[float] = []
    for index, row in enumerate(rows, start=1):
        cells = row
        if not cells or all(not c.strip() for c in cells):
            continue
        if len(cells) < 2 or not cells[0].strip() or not cells[1].strip():
            raise DataError("data.missing", row=index)
        if len(cells) > 2 and any(c.strip() for c in cells[2:]):
            raise DataError("data.columns", row=index)
        x, y = _number(cells[0]), _number(cells[1])
        if x is None or y is None:
            if index == 1 and not xs:
                continue  # a header row
            raise DataError("data.not_number", row=index)
        if not (abs(x) <= FLOAT32_MAX and abs(y) <= FLOAT32_MAX):  # also refuses nan and inf
            raise DataError("data.not_finite", row=index)
        xs.append(x)
        ys.append(y)
        if len(xs) > MAX_ROWS:
            raise DataError("data.too_many", max_rows=MAX_ROWS)
    if len(xs) < 2:
        raise DataError("data.too_few")
    return Dataset(np.asarray(xs, dtype=np.float32), np.asarray(ys, dtype=np.float32), name)


def _cell(value: object) -> float | None:
    """A table cell as a float, or None when it is empty or not a number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not value.strip():
            return None
        return _number(value)
    try:
        number = float(value)  # numpy and pandas scalars
    except (TypeError, ValueError, OverflowError):
        return None
    return None if math.isnan(number) else number


def from_table(xs: list, ys: list, name: str = "table") -> Dataset:
    """Points from an edited table (st.data_editor columns); rows wholly empty are ignored."""
    if len(xs) != len(ys):
        raise DataError("data.shape")
    if len(xs) > MAX_ROWS:
        raise DataError("data.too_many", max_rows=MAX_ROWS)
    px: list[float] = []
    py: list[float] = []
    for index, (raw_x, raw_y) in enumerate(zip(xs, ys), start=1):
        x, y = _cell(raw_x), _cell(raw_y)
        x_blank = (
            raw_x is None or (isinstance(raw_x, str) and not raw_x.strip()) or (x is None and _is_nan(raw_x))
        )
        y_blank = (
            raw_y is None or (isinstance(raw_y, str) and not raw_y.strip()) or (y is None and _is_nan(raw_y))
        )
        if x_blank and y_blank:
            continue
        if x_blank or y_blank:
            raise DataError("data.missing", row=index)
        if x is None or y is None:
            raise DataError("data.not_number", row=index)
        if not (abs(x) <= FLOAT32_MAX and abs(y) <= FLOAT32_MAX):
            raise DataError("data.not_finite", row=index)
        px.append(x)
        py.append(y)
    if len(px) < 2:
        raise DataError("data.too_few")
    return Dataset(np.asarray(px, dtype=np.float32), np.asarray(py, dtype=np.float32), name)


def _is_nan(value: object) -> bool:
    try:
        return math.isnan(float(value))
    except (TypeError, ValueError, OverflowError):
        return False
