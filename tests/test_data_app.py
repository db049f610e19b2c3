"""The classroom features wired into the app (AppTest): presets and uploads, the split, links with
hostile parameters, teacher mode, languages and the export panel; and convergence on custom data."""

from __future__ import annotations

import numpy as np
import pytest
from apptest import app  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from f2c.core import analysis
from f2c.core.config import RunConfig  # noqa: E402
from f2c.core.data import Dataset  # noqa: E402
from f2c.core.normalize import Normalizer  # noqa: E402
from f2c.core.sources import read_table, read_upload  # noqa: E402
from f2c.runtime import training as train  # noqa: E402


def player(at: AppTest):
    return at.session_state["f2c_player"]


def query(at: AppTest) -> dict[str, str]:
    return {k: (v[-1] if isinstance(v, list) else v) for k, v in at.query_params.items()}


def texts(elements) -> str:
    return " ".join(e.value for e in elements)


def plain(text: str) -> str:
    """Undo the markdown escaping of the notices (a backslash before each punctuation mark)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            i += 1
        out.append(text[i])
        i += 1
    return "".join(out)


# ---- data sources ----------------------------------------------------------------------------------


def test_preset_from_the_link_and_from_the_selectbox():
    at = app(preset="wide")
    assert player(at).data.name == "wide" and len(player(at).data) == 25
    at.selectbox(key="f2c_preset").set_value("outlier").run()
    assert player(at).data.name == "outlier" and len(player(at).data) == 12
    assert query(at)["preset"] == "outlier"


def test_upload_replaces_the_data_and_the_link_says_custom():
    at = app()
    at.radio(key="f2c_source").set_value("upload").run()
    assert "Choose a CSV file" in texts(at.info)
    at.file_uploader(key="f2c_upload").upload(
        "points.csv", b"F,C\n0,-17.8\n50,10\n100,37.8\n", "text/csv"
    ).run()
    assert not at.exception
    p = player(at)
    assert p.data.name == "upload" and len(p.data) == 3
    assert query(at)["preset"] == "custom"
    assert "not part of the address" in texts(at.caption)


@pytest.mark.parametrize(
    ("lang", "raw", "message"),
    [
        ("en", b"x,y\n1,2\n3,abc\n", "Row 3 is not a number"),
        ("zh", b"x,y\n1,2\n3,abc\n", "第 3 行不是数字"),
        ("en", b"1,2\n4,\n", "Row 2 has a missing value"),
        ("en", b"1,2\n", "At least 2 points"),
        ("zh", b"1,2\n1,3\n", "所有 x 都相同"),
        ("en", b"1,2\n" * 10_001, "Too many points"),
        ("en", b"1" * 1_000_001, "too large"),
    ],
)
def test_a_refused_upload_names_the_row_and_keeps_the_previous_data(lang, raw, message):
    at = app(lang=lang)
    before = player(at).data.fingerprint()
    at.radio(key="f2c_source").set_value("upload").run()
    at.file_uploader(key="f2c_upload").upload("bad.csv", raw, "text/csv").run()
    assert not at.exception
    assert message in texts(at.error)
    assert player(at).data.fingerprint() == before


def test_the_table_source_shows_an_editor_with_the_points():
    at = app()
    at.radio(key="f2c_source").set_value("table").run()
    assert not at.exception
    assert len(at.get("arrow_data_frame")) >= 1 or at.dataframe
    assert len(player(at).data) == 11


# ---- the split -------------------------------------------------------------------------------------


def test_split_sizes_shown_and_validation_loss_beside_training_loss():
    at = app(val="0.25", seed="3", epochs="2000")
    p = player(at)
    assert (len(p.data), len(p.validation)) == (8, 3)
    assert "8 training points, 3 validation points (seed 3)" in texts(at.caption)
    at.button(key="f2c_btn_run").click().run()
    assert player(at).status == "done"
    readout = [m.value for m in at.markdown if "validation loss" in m.value]
    assert readout and "Training loss" in readout[0]
    assert query(at)["val"] == "0.25" and query(at)["seed"] == "3"


def test_an_impossible_split_says_so_and_trains_on_everything():
    at = app(val="0.9")
    assert "This split is not possible" in texts(at.sidebar.warning)
    assert player(at).validation is None and len(player(at).data) == 11


# ---- links -----------------------------------------------------------------------------------------

HOSTILE = {
    "lr": "<script>alert(1)</script>",
    "epochs": "1e400",
    "framework": "[x](javascript:alert(1))",
    "lang": "en",
    "preset": "**nope**",
    "hide": "lr,<img src=x>",
    "lock": "",
    "present": ":red[yes]",
    "val": "nan",
    "seed": "-1",
    "x<b>": "1",
}


def test_hostile_link_falls_back_with_a_notice_per_parameter_and_renders_no_markup():
    at = app(**HOSTILE)
    assert player(at).config == RunConfig()
    notices = [w.value for w in at.warning]
    shown = [plain(n) for n in notices]
    for param in ("lr", "epochs", "framework", "preset", "hide", "present", "val", "seed", "x<b>"):
        assert any(f"“{param}”" in n for n in shown), (param, shown)
    for raw in notices:  # every markdown / HTML character arrives escaped: the page shows it as text
        for char in "<>[]()*:":
            assert all(raw[i - 1] == "\\" for i, c in enumerate(raw) if c == char), raw
    assert not at.exception


def test_custom_link_tells_the_data_was_not_shared():
    at = app(preset="custom")
    assert "own points" in plain(texts(at.warning))
    assert player(at).data.name == "article"


def test_languages_switch_keeps_the_run():
    at = app(lang="zh", epochs="1000")
    assert at.title[0].value.startswith("深度学习")
    assert at.sidebar.header[1].value == "数据" or "数据" in texts(at.sidebar.header)
    at.button(key="f2c_btn_run").click().run()
    run = player(at).run
    assert player(at).status == "done"
    at.segmented_control(key="f2c_lang").set_value("en").run()
    assert at.title[0].value.startswith("How deep-learning")
    assert player(at).run is run and player(at).status == "done"
    assert "Data" in texts(at.sidebar.header)


# ---- teacher mode ----------------------------------------------------------------------------------


def test_teacher_link_hides_and_locks_controls():
    at = app(hide="lr,epochs,preset", lock="framework,stage", lr="0.0002", epochs="4000", framework="torch")
    keys = {w.key for w in at.number_input} | {w.key for w in at.select_slider}
    assert "f2c_lr" not in keys and "f2c_epochs" not in keys and "f2c_lr_slider" not in keys
    assert at.radio(key="f2c_framework").disabled and at.radio(key="f2c_stage").disabled
    assert not at.selectbox(key="f2c_mode").disabled
    c = player(at).config
    assert (c.framework, c.lr, c.epochs) == ("torch", 0.0002, 4000)
    assert "fixed by the teacher" in texts(at.sidebar.caption)
    # the link keeps the teacher's settings when something else changes
    at.selectbox(key="f2c_mode").set_value("eager").run()
    q = query(at)
    assert q["hide"] == "lr,epochs,preset" and q["lock"] == "framework,stage" and q["mode"] == "eager"
    at.run()
    assert player(at).config.lr == 0.0002


def test_presentation_layout_has_large_type_and_fewer_panels():
    normal = app()
    present = app(present="1")
    assert any("font-size: 24px" in h.proto.body for h in present.get("html"))
    assert not any("font-size: 24px" in h.proto.body for h in normal.get("html"))
    assert len(present.expander) < len(normal.expander)
    assert query(present)["present"] == "1"


# ---- exports ---------------------------------------------------------------------------------------


def test_export_panel_offers_the_script_then_the_trajectory_and_plotly_figures():
    at = app(framework="torch", stage="2", epochs="1000")
    assert not at.get("download_button")  # built only once the panel is opened
    at.session_state["f2c_export_open"] = True  # what a click on the panel's header does
    at.run()
    names = [b.proto.label for b in at.get("download_button")]
    assert any("f2c_torch_stage2.zip" in n for n in names) and len(names) == 1  # the export is a zip now
    at.button(key="f2c_btn_run").click().run()
    assert len(at.get("download_button")) == 2
    figures = at.get("plotly_chart")
    assert len(figures) >= 2
    specs = " ".join(f.proto.spec for f in figures)
    assert "The fitted line over the data" in specs and "Loss (log scale)" in specs


# ---- convergence on custom data --------------------------------------------------------------------


def lstsq(data: Dataset) -> tuple[float, float]:
    x = np.asarray(data.x, np.float64)
    a = np.stack([x, np.ones_like(x)], axis=1)
    (w, b), *_ = np.linalg.lstsq(a, np.asarray(data.y, np.float64), rcond=None)
    return float(w), float(b)


CUSTOM = [
    "x,y\n1,2.1\n2,3.9\n3,6.2\n4,7.8\n5,10.1\n",
    "0,32\n10,50\n20,68\n30,86\n40,104\n",
    "-3,5\n-1,1.5\n0,-0.2\n2,-4.1\n3.5,-6.8\n6,-12\n",
]


# Float32 training (as in the article) on raw x spanning 0..40 stalls about 2e-3 short in b (the gradient
# along the flat direction drowns in float32 rounding), so that set is checked with standardised input.
@pytest.mark.parametrize(
    ("csv", "normalize"),
    [(CUSTOM[0], "none"), (CUSTOM[0], "standardize"), (CUSTOM[1], "standardize"), (CUSTOM[1], "scale")]
    + [(CUSTOM[2], "none"), (CUSTOM[2], "standardize")],
)
def test_custom_data_converges_to_least_squares(csv, normalize):
    data, message = read_upload(csv.encode(), "en")
    assert message is None
    threshold = analysis.critical_lr(Normalizer.fit(normalize, data.x).transform(data.x))
    lr = 0.5 * threshold
    config = RunConfig(lr=lr, epochs=200_000, normalize=normalize, w0=0.0, b0=0.0)
    final = train.run(config, data).run_to_end().final()
    w, b = lstsq(data)
    assert abs(final["w"] - w) < 1e-3 and abs(final["b"] - b) < 1e-3


def test_table_data_converges_too():
    data, message = read_table([1, 2, 3, 4, "5"], [2.1, 3.9, 6.2, 7.8, 10.1], "en")
    assert message is None
    lr = 0.5 * analysis.critical_lr(data.x)
    final = train.run(RunConfig(lr=lr, epochs=100_000, w0=0.0, b0=0.0), data).run_to_end().final()
    w, b = lstsq(data)
    assert abs(final["w"] - w) < 1e-3 and abs(final["b"] - b) < 1e-3


def test_uploaded_data_converges_in_the_app():
    csv = CUSTOM[0].encode()
    data, _ = read_upload(csv, "en")
    lr = float(f"{0.5 * analysis.critical_lr(data.x):.3g}")
    at = app(lr=str(lr), epochs="100000", w0="0", b0="0")
    at.radio(key="f2c_source").set_value("upload").run()
    at.file_uploader(key="f2c_upload").upload("mine.csv", csv, "text/csv").run()
    at.button(key="f2c_btn_run").click().run()
    p = player(at)
    assert p.status == "done" and p.data.name == "upload"
    final = p.run.final()
    w, b = lstsq(data)
    assert abs(final["w"] - w) < 1e-3 and abs(final["b"] - b) < 1e-3


# ---- what the captions say after a refusal (issue 16, defects 3 and 12) ------------------------------

GOOD = b"x,y\n0,1\n1,3\n2,5\n3,7\n4,9\n"  # 5 points


def test_a_bad_file_after_a_good_one_keeps_the_good_points_and_says_so():
    at = app()
    at.radio(key="f2c_source").set_value("upload").run()
    at.file_uploader(key="f2c_upload").upload("good.csv", GOOD, "text/csv").run()
    at.file_uploader(key="f2c_upload").upload("bad.csv", b"x,y\n1,2\n3,abc\n", "text/csv").run()
    assert not at.exception
    p = player(at)
    assert len(p.data) == 5 and p.data.name == "upload"
    assert "Using 5 points: your own data" in texts(at.caption)
    assert "fit y = w·x + b to 5 points" in texts(at.caption)
    assert "Your previous 5 points are still in use" in texts(at.error)


def test_a_bad_file_after_the_good_one_was_removed_says_the_articles_points_are_used():
    at = app()
    at.radio(key="f2c_source").set_value("upload").run()
    at.file_uploader(key="f2c_upload").upload("good.csv", GOOD, "text/csv").run()
    at.file_uploader(key="f2c_upload").set_value(None).run()  # removed: the article's points are on screen
    at.file_uploader(key="f2c_upload").upload("bad.csv", b"x,y\n1,2\n3,abc\n", "text/csv").run()
    assert not at.exception
    assert len(player(at).data) == 11
    assert "The article's points are used" in texts(at.error) and "still in use" not in texts(at.error)
    assert "your own data" not in texts(at.caption)
    assert "fit y = w·x + b to 11 points" in texts(at.caption)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_bad_first_file_falls_back_to_the_articles_points_and_says_so(lang):
    at = app(lang=lang)
    at.radio(key="f2c_source").set_value("upload").run()
    at.file_uploader(key="f2c_upload").upload("big.csv", b"1,2\n" * 20_000, "text/csv").run()
    assert not at.exception
    p = player(at)
    assert len(p.data) == 11
    captions, errors = texts(at.caption), texts(at.error)
    if lang == "en":
        assert "The article's points are used" in errors and "still in use" not in errors
        assert "your own data" not in captions and "Using 11 points: The article's 11 points" in captions
    else:
        assert "改用文章的数据点" in errors and "你自己的数据" not in captions


def test_the_upload_box_states_its_limits_in_view():
    at = app()
    at.radio(key="f2c_source").set_value("upload").run()
    info = texts(at.info)
    assert "1,000 KB" in info and "10,000 rows" in info
