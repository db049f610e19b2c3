"""The derivative a student types: hostile text is refused in the student's language and never evaluated;
right derivatives are accepted in many forms; a student-written gradient trains stage 1 to the article's log."""

from __future__ import annotations

import ast
import builtins
import contextlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reference import FINAL_PARAMS, LOG_LOSSES, PARAMS_ABS

from f2c.core.data import article
from f2c.core.expr import MAX_DEPTH, ExprError, environment, parse
from f2c.core.i18n import LANGS, STRINGS
from f2c.explain import derivative

D = article()
LOG = list(LOG_LOSSES)

# Pieces of hostile text: attribute access, calls other than mean and sum, comprehensions, lambdas, dunder
# names, huge exponents, statements, strings, walrus, imports, subscripts.
HOSTILE = [
    "x.__class__",
    "().__class__.__bases__[0].__subclasses__()",
    "__import__('os').system('echo hi')",
    "open('/etc/passwd')",
    "eval('1')",
    "exec('x=1')",
    "compile('1','','eval')",
    "getattr(x, 'shape')",
    "[a for a in x]",
    "{a: a for a in x}",
    "sum(a for a in x)",
    "lambda: 0",
    "(lambda q: q)(x)",
    "__builtins__",
    "__x__",
    "9**9**9**9",
    "2**100",
    "x**w",
    "x**(1+1)",
    "mean(x, axis=0)",
    "mean()",
    "mean(*x)",
    "sum(x, x)",
    "mean.__call__(x)",
    "x[0]",
    "x[::-1]",
    "(z := 3)",
    "x if w else y",
    "x < y",
    "x and y",
    "'text'",
    "b'bytes'",
    "f'{x}'",
    "1j",
    "True",
    "None",
    "[x, y]",
    "(x, y)",
    "{x}",
    "import os",
    "x = 1",
    "del x",
    "np.mean(x)",
    "print(x)",
    "mean",
    "z",
    "1e999",
    "x @ y",
    "x // y",
    "x % y",
    "~x",
    "not x",
    "x << 2",
    "yield x",
    "await x",
    "...",
]


def _refused(text: str) -> ExprError:
    with pytest.raises(ExprError) as info:
        parse(text)
    error = info.value
    assert error.key in STRINGS
    for lang in LANGS:
        message = error.message(lang)
        assert message and "{" not in message  # formatted, in that language
    assert error.message("zh") != error.message("en")
    return error


@pytest.mark.parametrize("text", HOSTILE)
def test_each_hostile_form_is_refused_with_a_message_in_both_languages(text):
    with evaluation_trapped():
        _refused(text)


def test_limits_long_deep_and_big():
    assert _refused("x" * 10_000).key == "expr.too_long"
    assert _refused("(" * 100 + "x" + ")" * 100).key in ("expr.too_deep", "expr.syntax")
    assert _refused("-" * 250 + "x").key in ("expr.too_deep", "expr.too_big")
    assert _refused("+".join(["x"] * 140)).key in ("expr.too_deep", "expr.too_big")
    assert _refused("9" * 200).key == "expr.number"
    assert _refused("9**9**9**9").key == "expr.exponent"
    assert _refused("x**11").key == "expr.exponent"
    assert _refused("").key == "expr.empty"
    assert _refused("x\x00").key == "expr.syntax"


_PIECES = st.sampled_from(HOSTILE)
_ALLOWED = st.sampled_from(["x", "y", "w", "b", "y_hat", "2", "mean(x)", "(w*x + b - y)"])
_OP = st.sampled_from(["+", "-", "*", "/"])


@st.composite
def hostile_texts(draw):
    """A hostile piece inside an otherwise fine expression, junk, a very long string, or deep nesting."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        left, right, op = draw(_ALLOWED), draw(_ALLOWED), draw(_OP)
        piece = draw(_PIECES)
        wrap = draw(st.sampled_from(["{}", "mean({})", "({})", "-{}", "2*{}"]))
        return f"{left} {op} " + wrap.format(piece) + f" {op} {right}"
    if kind == 1:  # no digits and no allowed name in the alphabet: nothing here can be a formula
        return draw(st.text(alphabet="_.[](){}:;,'\"@#!$%^&|~`<>=?acdefg\\", min_size=1, max_size=80))
    if kind == 2:
        return draw(st.sampled_from(["x", "(", "-", "mean(", "2**"])) * draw(st.integers(301, 10_000))
    depth = draw(st.integers(MAX_DEPTH + 1, 60))
    opener = draw(st.sampled_from(["mean(", "sum(", "-(", "2*("]))
    return opener * depth + draw(_ALLOWED) + ")" * depth


@contextlib.contextmanager
def evaluation_trapped():
    """Fail if anything reaches eval or exec, or compile other than ast.parse's tree-only compile."""
    real = {name: getattr(builtins, name) for name in ("eval", "exec", "compile")}

    def trap(name):
        def refuse(*args, **kwargs):
            flags = kwargs.get("flags", args[3] if len(args) > 3 else 0)
            if name == "compile" and flags & ast.PyCF_ONLY_AST:
                return real[name](*args, **kwargs)
            raise AssertionError(f"{name} was called on {args[:1]!r}")

        return refuse

    for name in real:
        setattr(builtins, name, trap(name))
    try:
        yield
    finally:
        for name, fn in real.items():
            setattr(builtins, name, fn)


@settings(max_examples=1_200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hostile_texts())
def test_hypothesis_hostile_inputs_each_get_a_message_and_nothing_is_evaluated(text):
    with evaluation_trapped(), pytest.raises(ExprError) as info:
        parse(text)
    error = info.value
    assert error.key in STRINGS
    zh, en = error.message("zh"), error.message("en")
    assert zh and en and zh != en and "{" not in zh + en


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_gives_an_expression_or_a_message(text):
    try:
        parse(text)
    except ExprError as error:
        assert error.message("zh") and error.message("en")


DW_FORMS = [
    "mean(2*(w*x + b - y)*x)",
    "2*mean((y_hat - y)*x)",
    "mean(2*x*(y_hat - y))",
    "sum(2*(w*x + b - y)*x)/11",
    "2*(w*mean(x**2) + b*mean(x) - mean(x*y))",
    "mean((w*x + b - y)*x)*2",
    "-2*mean(x*(y - w*x - b))",
    "mean(2*X*(Y_hat - Y))",
]
DB_FORMS = [
    "mean(2*(w*x + b - y))",
    "2*mean(y_hat - y)",
    "2*(w*mean(x) + b - mean(y))",
    "sum(2*(y_hat - y))/11",
    "-2*mean(y - y_hat)",
    "mean(y_hat - y) + mean(y_hat - y)",
]


@pytest.mark.parametrize("dw, db", list(zip(DW_FORMS, DB_FORMS + DB_FORMS[:2])))
def test_equivalent_right_derivatives_are_accepted(dw, db):
    result = derivative.check(dw, db, D.x, D.y)
    assert not result.errors
    assert result.all_correct, [(p.yours, p.autograd) for p in result.points]
    assert len(result.points) == len(derivative.POINTS) >= 5


@pytest.mark.parametrize(
    "dw, db, hint_w, hint_b",
    [
        ("mean((w*x + b - y)*x)", "mean(2*(y_hat - y))", "der.hint.half", None),
        ("-mean(2*(w*x + b - y)*x)", "-2*mean(y_hat - y)", "der.hint.sign", "der.hint.sign"),
        ("sum(2*(y_hat - y)*x)", "sum(2*(y_hat - y))", "der.hint.sum", "der.hint.sum"),
        ("mean(2*(w*x - y)*x)", "mean(2*(w*x - y))", None, None),
    ],
)
def test_wrong_derivatives_are_caught_with_where_they_differ(dw, db, hint_w, hint_b):
    result = derivative.check(dw, db, D.x, D.y)
    assert not result.all_correct
    assert any(not p.agrees(0) for p in result.points) or any(not p.agrees(1) for p in result.points)
    assert result.hint(0) == hint_w
    if hint_b is not None:
        assert result.hint(1) == hint_b


def test_a_forgotten_mean_is_told_not_evaluated_as_a_number():
    result = derivative.check("2*(w*x + b - y)*x", "mean(2*(y_hat - y))", D.x, D.y)
    assert result.errors["dw"].key == "expr.not_scalar"


def test_float32_evaluation_matches_the_lesson_gradient():
    value = parse("mean(2*(w*x + b - y)*x)").scalar(environment(D.x, D.y, 1.0, 0.0))
    assert value.dtype == np.float32
    assert abs(float(value) - 4517.2969) < 1e-3


def test_a_student_written_gradient_reproduces_the_articles_stage1_log():
    dw, db = parse("mean(2*(w*x + b - y)*x)"), parse("2*mean(y_hat - y)")
    log, (w, b) = derivative.train(dw, db, D.x, D.y, epochs=330_000)
    assert [epoch for epoch, _ in log] == list(range(30_000, 330_001, 30_000))
    for (_, loss), expected in zip(log, LOG):
        assert abs(loss - expected) <= 1e-5 * expected, (loss, expected)
    assert abs(w - FINAL_PARAMS[0]) < PARAMS_ABS and abs(b - FINAL_PARAMS[1]) < PARAMS_ABS


def test_a_sign_flipped_gradient_diverges_and_stops():
    dw, db = parse("-mean(2*(w*x + b - y)*x)"), parse("-2*mean(y_hat - y)")
    log, _ = derivative.train(dw, db, D.x, D.y, epochs=30_000)
    assert log and not np.isfinite(log[-1][1]) and log[-1][0] < 30_000
