import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from f2c.core.config import FRAMEWORK_MODES, MAX_EPOCHS, ConfigError, RunConfig
from f2c.core.i18n import LANGS, STRINGS, t


def test_defaults_are_the_articles():
    c = RunConfig()
    assert (c.stage, c.lr, c.epochs, c.w0, c.b0, c.optimizer, c.normalize, c.mode) == (
        1, 1e-4, 330_000, 1.0, 0.01, "sgd", "none", "fastest",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"framework": "mxnet"}, "framework"),
        ({"stage": 4}, "stage"),
        ({"stage": True}, "stage"),
        ({"lr": 0.0}, "lr"),
        ({"lr": -1e-4}, "lr"),
        ({"lr": math.inf}, "lr"),
        ({"lr": math.nan}, "lr"),
        ({"epochs": 0}, "epochs"),
        ({"epochs": MAX_EPOCHS + 1}, "epochs"),
        ({"epochs": 10.5}, "epochs"),
        ({"w0": math.nan}, "w0"),
        ({"b0": 1e9}, "b0"),
        ({"optimizer": "lbfgs"}, "optimizer"),
        ({"normalize": "log"}, "normalize"),
        ({"mode": "xla"}, "mode"),  # numpy has no XLA
    ],
)
def test_bad_values_are_refused_with_a_message(changes, field):
    with pytest.raises(ConfigError) as caught:
        RunConfig(**changes)
    error = caught.value
    assert error.field == field
    for lang in LANGS:
        message = t(error.key, lang, field=error.field, **error.kwargs)
        assert message and "{" not in message


def test_every_framework_mode_is_valid():
    for framework, modes in FRAMEWORK_MODES.items():
        for mode in ("fastest", *modes):
            assert RunConfig(framework=framework, mode=mode).mode == mode


def test_query_round_trip():
    c = RunConfig(framework="torch", stage=3, lr=3.3e-4, epochs=1234, w0=-2.5, b0=7.0, optimizer="adam")
    back, problems = RunConfig.from_query(c.to_query())
    assert back == c and problems == []


def test_query_mode_is_checked_against_the_querys_framework():
    c, problems = RunConfig.from_query({"framework": "torch", "mode": "compiled"})
    assert (c.framework, c.mode, problems) == ("torch", "compiled", [])
    c, problems = RunConfig.from_query({"framework": "numpy", "mode": "xla"})
    assert (c.framework, c.mode) == ("numpy", "fastest") and [p.field for p in problems] == ["mode"]


def test_query_falls_back_per_field_and_names_it():
    query = {"framework": "tensorflow", "stage": "9", "lr": "abc", "epochs": "1e3", "mode": "compiled"}
    c, problems = RunConfig.from_query(query)
    assert (c.framework, c.stage, c.lr, c.epochs, c.mode) == ("tensorflow", 1, 1e-4, 1000, "fastest")
    assert sorted(p.field for p in problems) == ["lr", "mode", "stage"]


QUERY_VALUE = st.one_of(
    st.text(max_size=80),
    st.floats().map(repr),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["", "1e999", "-0", "nan", "<script>alert(1)</script>", "torch\x00", "３", "1_000"]),
)


@settings(max_examples=1000, deadline=None)
@given(st.dictionaries(st.sampled_from(list(RunConfig().to_query()) + ["x", "lang"]), QUERY_VALUE))
def test_any_query_string_gives_a_config_and_messages(query):
    c, problems = RunConfig.from_query(query)
    assert isinstance(c, RunConfig)
    for p in problems:
        assert t(p.key, "zh", field=p.field, **p.kwargs)


def test_every_string_has_both_languages():
    for key, entry in STRINGS.items():
        assert set(entry) >= set(LANGS), key
        assert all(entry[lang].strip() for lang in LANGS), key


SETTING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(),
    st.text(max_size=12),
    st.sampled_from(["numpy", "torch", "tensorflow", "sgd", "adam", "xla", "compiled", "scale", "fastest"]),
)


@settings(max_examples=1000, deadline=None)
@given(st.dictionaries(st.sampled_from(list(RunConfig().to_query())), SETTING))
def test_any_settings_give_a_config_or_a_message(values):
    """The settings path (what widgets or code hand to RunConfig): a config, or a ConfigError with a message."""
    try:
        c = RunConfig(**values)
    except ConfigError as error:
        for lang in LANGS:
            assert t(error.key, lang, field=error.field, **error.kwargs)
    else:
        assert c.epochs >= 1 and c.lr > 0 and RunConfig.from_query(c.to_query()) == (c, [])
