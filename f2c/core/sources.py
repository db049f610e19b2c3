"""Where the points come from: a preset, an edited table or an uploaded CSV, each read without Streamlit.

Every reader returns (Dataset, None) or (None, message): the message is in the user's language and names
the row and the problem. No reader raises on any input.
"""

from __future__ import annotations

from f2c.core import presets
from f2c.core.data import MAX_BYTES, DataError, Dataset, from_table, parse_csv
from f2c.core.i18n import t
from f2c.core.split import split

SOURCES = ("preset", "table", "upload")


def data_message(error: DataError, lang: str) -> str:
    """A refusal in the user's language; the row (when there is one) is part of the message."""
    kwargs = {k: ", ".join(map(str, v)) if isinstance(v, tuple) else v for k, v in error.kwargs.items()}
    if error.key == "data.too_large":
        kwargs.setdefault("max_bytes", MAX_BYTES)
    return t(error.key, lang, row=error.row, **kwargs)


def read_upload(raw: bytes | None, lang: str, size: int | None = None) -> tuple[Dataset | None, str | None]:
    """An uploaded file's bytes -> points. `size` (the upload's own size) refuses a big file unread."""
    if raw is None:
        return None, None
    try:
        if size is not None and size > MAX_BYTES:
            raise DataError("data.too_large", max_bytes=MAX_BYTES)
        return parse_csv(bytes(raw), "upload"), None
    except DataError as error:
        return None, data_message(error, lang)
    except Exception as error:  # a bug of ours: still a message, never a traceback on the page
        return None, f"{type(error).__name__}"


def read_table(xs: list, ys: list, lang: str) -> tuple[Dataset | None, str | None]:
    try:
        return from_table(list(xs), list(ys), "table"), None
    except DataError as error:
        return None, data_message(error, lang)
    except Exception as error:
        return None, f"{type(error).__name__}"


def read_preset(key: str, lang: str) -> tuple[Dataset | None, str | None]:
    try:
        return presets.load(key), None
    except DataError as error:
        return None, data_message(error, lang)


def split_data(
    data: Dataset, fraction: float, seed: int, lang: str
) -> tuple[Dataset, Dataset | None, str | None]:
    """(training part, validation part or None, message when the split was refused and all points train)."""
    if not fraction:
        return data, None, None
    try:
        train, validation = split(data, fraction, seed)
    except DataError as error:
        kwargs = dict(error.kwargs)
        if "part" in kwargs:
            kwargs["part"] = t(f"split.{kwargs['part']}", lang)
        message = t(error.key, lang, **kwargs)
        return data, None, t("split.refused", lang, message=message)
    return train, validation, None
