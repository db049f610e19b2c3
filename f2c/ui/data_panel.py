"""The data the run fits: a preset, a table the student edits, or an uploaded CSV; and the train / validation split.

The choice of source, the preset, the upload and the split live in the sidebar; the table is edited in the
main area (`table_area`). A refused table or file keeps the previous points and says which row is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from f2c.core import presets
from f2c.core.data import MAX_BYTES, MAX_ROWS, Dataset
from f2c.core.i18n import t
from f2c.core.sources import SOURCES, read_preset, read_table, read_upload, split_data
from f2c.core.split import MAX_FRACTION
from f2c.ui.kept_values import default_of
from f2c.ui.settings import link, value
from f2c.ui.state import K

LAST = K + "data_last"  # the custom points in use, kept when the next edit or file is refused


@dataclass
class DataChoice:
    data: Dataset  # the points the model trains on (the training part when split)
    validation: Dataset | None
    everything: Dataset  # all the points, before the split
    preset: str  # the preset key written to the link
    custom: bool  # the points came from a table or a file: the link cannot carry them


def _table_frame(data: Dataset) -> pd.DataFrame:
    return pd.DataFrame({"x": data.x.astype(float), "y": data.y.astype(float)})


def _on_source() -> None:
    ss = st.session_state
    if ss.get(K + "source") == "table":  # start the table from the points on screen
        key = ss.get(K + "preset", presets.DEFAULT)
        start = ss.get(LAST) or presets.load(key if key in presets.PRESETS else presets.DEFAULT)
        ss[K + "table_start"] = _table_frame(start)
        ss.pop(K + "table", None)


def choose(lang: str, table_area) -> DataChoice:
    """Draw the data controls and return the chosen points, split."""
    teacher = link()
    ss = st.session_state
    side = st.sidebar
    side.header(t("data.header", lang))
    fallback = presets.load(presets.DEFAULT)
    source = "preset"
    if not teacher.hidden("preset"):
        source = side.radio(
            t("data.source", lang),
            SOURCES,
            format_func=lambda s: t(f"source.{s}", lang),
            key=K + "source",
            on_change=_on_source,
            **default_of("radio", K + "source", SOURCES),
            disabled=teacher.locked("preset"),
        )
    preset = str(value("preset"))
    if preset not in presets.PRESETS:
        preset = presets.DEFAULT
    data: Dataset | None = None
    refusal: str | None = None  # why the table's or the file's points were refused
    if source == "preset":
        if not teacher.hidden("preset"):
            side.selectbox(
                t("preset.label", lang),
                presets.keys(),
                format_func=lambda k: t(presets.PRESETS[k].name_key, lang),
                key=K + "preset",
                disabled=teacher.locked("preset"),
                **default_of("selectbox", K + "preset", presets.keys()),
            )
            preset = str(ss[K + "preset"])
        data, message = read_preset(preset, lang)
        if data is None:
            side.error(message)
            data = fallback
        else:
            side.caption(t(presets.PRESETS[preset].description_key, lang))
    elif source == "table":
        with table_area.expander(t("data.table_header", lang), expanded=True):
            st.caption(t("data.table_help", lang))
            if K + "table_start" not in ss:
                _on_source()
            edited = st.data_editor(
                ss[K + "table_start"],
                num_rows="dynamic",
                key=K + "table",
                hide_index=True,
                column_config={
                    "x": st.column_config.NumberColumn("x", format="%.4g"),
                    "y": st.column_config.NumberColumn("y", format="%.4g"),
                },
            )
            data, refusal = read_table(list(edited["x"]), list(edited["y"]), lang)
            refused_in = st.container()
    else:
        limits = {"max_rows": MAX_ROWS, "max_kb": MAX_BYTES // 1000}
        uploaded = side.file_uploader(
            t("data.upload", lang),
            type=["csv", "txt"],
            key=K + "upload",
            help=t("data.upload_help", lang, **limits),
        )
        refused_in = side.container()
        if uploaded is None:  # a file too big for Streamlit's own cap never arrives: the limits stay in view
            side.info(t("data.upload_wait", lang, **limits))
            ss.pop(LAST, None)  # what is on screen now is the article's points: nothing "previous" to keep
        else:
            size = int(getattr(uploaded, "size", 0) or 0)
            raw = uploaded.getvalue() if size <= MAX_BYTES else b""
            data, refusal = read_upload(raw, lang, size=size)
    custom = source != "preset"
    if custom:
        if data is not None:
            ss[LAST] = data
        else:
            data = ss.get(LAST)
            if refusal:  # say what is used instead: the points accepted last, or the article's
                instead = t("data.rejected", lang, message=refusal, n=len(data)) if data is not None else None
                instead = instead or t("data.rejected_article", lang, message=refusal)
                refused_in.error(instead, icon=":material/error:")
        if data is None:  # nothing of the user's accepted: the article's points, and the link says so
            data, custom, preset = fallback, False, presets.DEFAULT
        else:
            side.caption(t("data.not_shared", lang))
    side.caption(t("data.using", lang, n=len(data), name=_data_name(data, preset, custom, lang)))

    fraction, seed = float(value("val")), int(value("seed"))
    if not teacher.hidden("val") or not teacher.hidden("seed"):
        left, right = side.columns(2)
        if not teacher.hidden("val"):
            left.number_input(
                t("split.label", lang),
                min_value=0.0,
                max_value=MAX_FRACTION,
                step=0.05,
                format="%.2f",
                key=K + "val",
                disabled=teacher.locked("val"),
                **default_of("number_input", K + "val"),
            )
            fraction = float(ss[K + "val"])
        if not teacher.hidden("seed"):
            right.number_input(
                t("split.seed", lang),
                min_value=0,
                max_value=2**31 - 1,
                step=1,
                key=K + "seed",
                disabled=teacher.locked("seed"),
                **default_of("number_input", K + "seed"),
            )
            seed = int(ss[K + "seed"])
    train, validation, refused = split_data(data, fraction, seed, lang)
    if refused:
        side.warning(refused)
    elif validation is not None:
        side.caption(t("split.sizes", lang, train=len(train), validation=len(validation), seed=seed))
    else:
        side.caption(t("split.none", lang, n=len(data)))
    return DataChoice(train, validation, data, preset, custom)


def _data_name(data: Dataset, preset: str, custom: bool, lang: str) -> str:
    if custom:
        return t("data.custom_name", lang)
    return t(presets.PRESETS[preset].name_key, lang)
