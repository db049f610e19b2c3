"""Links and uploads: any valid setup survives the URL; no query string and no file makes anything raise."""

from __future__ import annotations

import string

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from f2c.core import presets
from f2c.core.config import FRAMEWORK_MODES, FRAMEWORKS, LR_MAX, LR_MIN, NORMALIZE, OPTIMIZERS, RunConfig
from f2c.core.i18n import LANGS
from f2c.core.links import (
    CONTROLS,
    MAX_SEED,
    PAGE_PARAMS,
    RUN_PARAMS,
    STREAMLIT_PARAMS,
    LinkSettings,
    parse_link,
    problem_text,
    shown,
    to_link,
)
from f2c.core.sources import read_upload, split_data
from f2c.core.split import MAX_FRACTION

finite = dict(allow_nan=False, allow_infinity=False)


@st.composite
def configs(draw) -> RunConfig:
    framework = draw(st.sampled_from(FRAMEWORKS))
    return RunConfig(
        framework=framework,
        stage=draw(st.sampled_from((1, 2, 3))),
        lr=draw(st.floats(LR_MIN, LR_MAX, **finite)),
        epochs=draw(st.integers(1, 1_000_000)),
        w0=draw(st.floats(-1e6, 1e6, **finite)),
        b0=draw(st.floats(-1e6, 1e6, **finite)),
        optimizer=draw(st.sampled_from(OPTIMIZERS)),
        normalize=draw(st.sampled_from(NORMALIZE)),
        mode=draw(st.sampled_from(("fastest", *FRAMEWORK_MODES[framework]))),
    )


link_settings = st.builds(
    LinkSettings,
    lang=st.sampled_from((None, *LANGS)),
    preset=st.sampled_from(presets.keys()),
    val=st.floats(0.0, MAX_FRACTION, **finite),
    seed=st.integers(0, MAX_SEED),
    hide=st.frozensets(st.sampled_from(CONTROLS)),
    lock=st.frozensets(st.sampled_from(CONTROLS)),
    present=st.booleans(),
)


@settings(max_examples=500, deadline=None)
@given(configs(), link_settings)
def test_any_valid_setup_survives_the_link(config, link):
    link = LinkSettings(**{**link.__dict__, "val": link.val + 0.0})
    query = to_link(config, link)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in query.items())
    back, back_link, problems = parse_link(query)
    assert problems == []
    assert back == config
    assert back_link == link


def test_default_setup_has_a_short_link():
    assert to_link(RunConfig(), LinkSettings()) == {}
    assert to_link(RunConfig(), LinkSettings(lang="en"), custom_data=True) == {
        "lang": "en",
        "preset": "custom",
    }


PARAMS = (*RUN_PARAMS, *PAGE_PARAMS, "speed", "foo", "", "LR", "embed")
hostile_text = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=string.printable, max_size=500),
    st.sampled_from(
        (
            "nan",
            "inf",
            "-inf",
            "1e309",
            "-0",
            "0x10",
            "1_000",
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "**bold** :red[x] $x$",
            "lr,lr,,epochs, LANG ,nope",
            "custom",
            "CUSTOM",
            "wide",
            "zh",
            "EN",
            "1",
            "yes",
            "0.95",
            "-0.1",
            "2147483648",
            "3.5",
            "\x00\x1b[31m",
            "中文",
        )
    ),
)
queries = st.dictionaries(st.one_of(st.sampled_from(PARAMS), st.text(max_size=20)), hostile_text, max_size=12)


@settings(max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries)
def test_any_query_string_gives_a_setup_and_a_message_per_problem(query):
    config, link, problems = parse_link(query)
    assert isinstance(config, RunConfig) and isinstance(link, LinkSettings)
    assert link.lang in (None, *LANGS) and link.preset in presets.keys()
    assert 0 <= link.val <= MAX_FRACTION and 0 <= link.seed <= MAX_SEED
    assert link.hide <= set(CONTROLS) and link.lock <= set(CONTROLS)
    for problem in problems:
        for lang in LANGS:
            text = problem_text(problem, lang)
            assert text and problem.param in text
            assert "\x00" not in text and "\x1b" not in text
    # every recognised parameter that was not read back became a problem: none is dropped in silence
    back, back_link, _ = parse_link(to_link(config, link))
    assert back == config and back_link == link
    named = {p.param for p in problems}
    for param in query:
        if param not in (*RUN_PARAMS, *PAGE_PARAMS, *STREAMLIT_PARAMS):
            assert shown(param) in named, (param, problems)


@pytest.mark.parametrize(
    "param, typed", [("epochs", "1e99"), ("epochs", "12345678901234567890"), ("lr", "1e99"), ("epochs", "-7")]
)
def test_a_refused_number_is_echoed_as_it_was_typed(param, typed):
    # Not what parsing made of it: 1e99 as an int prints 100 digits, and a 20-digit integer read through a
    # float came back with other last digits.
    _, _, problems = parse_link({param: typed})
    for lang in LANGS:
        text = problem_text(problems[0], lang)
        assert typed in text and len(text) < 200


def test_custom_data_and_teacher_params():
    config, link, problems = parse_link(
        {"preset": "custom", "hide": "lr,epochs", "lock": "framework", "present": "1", "lang": "en"}
    )
    assert link.preset == "article" and [p.param for p in problems] == ["preset"]
    assert (
        link.hidden("lr") and link.locked("lr") and link.locked("framework") and not link.hidden("framework")
    )
    assert link.present and link.lang == "en"


# ---- the upload path ---------------------------------------------------------------------------------

cell = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**40), 10**40).map(str),
    st.text(max_size=8),
    st.sampled_from(("", " ", "nan", "1e999", "x", "°F", '"1,2"', "1;2", "\t")),
)
rows = st.lists(st.lists(cell, min_size=0, max_size=4), max_size=30)


@st.composite
def csv_files(draw) -> bytes:
    kind = draw(st.sampled_from(("rows", "bytes", "big")))
    if kind == "bytes":
        return draw(st.binary(max_size=300))
    if kind == "big":
        n = draw(st.sampled_from((10_001, 10_000, 60_000)))
        return "".join(f"{i},{2 * i}\n" for i in range(n)).encode()
    sep = draw(st.sampled_from(("\n", "\r\n", "\r")))
    header = draw(st.sampled_from(("", "x,y" + sep, "F,C" + sep, "a" + sep)))
    text = header + sep.join(",".join(r) for r in draw(rows))
    return text.encode(draw(st.sampled_from(("utf-8", "utf-8-sig", "utf-16"))), errors="replace")


@settings(
    max_examples=1200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
@given(csv_files(), st.sampled_from(LANGS))
def test_any_uploaded_file_gives_points_or_a_message(raw, lang):
    data, message = read_upload(raw, lang, size=len(raw))
    assert (data is None) != (message is None)
    if data is not None:
        assert 2 <= len(data) <= 10_000 and np.all(np.isfinite(data.x)) and np.ptp(data.x) > 0
    else:
        assert message.strip()


def test_upload_messages_name_the_row_and_the_problem():
    cases = {
        b"x,y\n1,2\n3,abc\n": ("Row 3 is not a number", "第 3 行不是数字"),
        b"1,2\n4,\n": ("Row 2 has a missing value", "第 2 行缺少数值"),
        b"1,2\n": ("At least 2 points", "至少需要 2 个数据点"),
        b"1,2\n1,3\n": ("All x values are equal", "所有 x 都相同"),
        b"1,2\n" * 10_001: ("Too many points", "数据点太多"),
    }
    for raw, (en, zh) in cases.items():
        assert en in read_upload(raw, "en")[1]
        assert zh in read_upload(raw, "zh")[1]
    assert "too large" in read_upload(b"1,2\n", "en", size=2_000_000)[1]


def test_split_sizes_and_refusal_messages():
    data = presets.load("article")
    train, validation, message = split_data(data, 0.25, 0, "en")
    assert (len(train), len(validation), message) == (8, 3, None)
    train, validation, message = split_data(data, 0.9, 0, "zh")
    assert train is data and validation is None and "训练集" in message
