"""The student's derivative: a small arithmetic language, parsed with `ast` and walked, never executed.

A student types expressions such as `mean(2*(w*x + b - y)*x)`. The text is only ever *parsed*
(`ast.parse(..., mode="eval")`, which builds a syntax tree and no code object); the tree is then checked
node by node against a whitelist and turned into nested Python closures over NumPy float32 arithmetic.
Nothing the student types reaches eval, exec or compile, and no attribute, subscript, call (other than
mean and sum), comprehension, lambda or name outside the lesson's variables is accepted.

Limits keep a hostile text cheap: the length is checked before parsing (so a 10,000-character string
never reaches the parser), the tree's depth and size after it, and an exponent must be a plain number of
at most MAX_EXPONENT in size (so `9**9**9**9` is refused before anything is computed).

Every refusal is an ExprError carrying an i18n key (f2c/core/strings/expr.py) and its arguments, so the
student reads it in their own language.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

import numpy as np

from f2c.core.i18n import t

MAX_LENGTH = 300
MAX_DEPTH = 24
MAX_NODES = 120
MAX_EXPONENT = 10
MAX_NUMBER = 1e9

# The names a student may use, and the lesson variable each one reads (the article writes X, Y, Y_hat).
NAMES = {"x": "x", "X": "x", "y": "y", "Y": "y", "w": "w", "b": "b", "y_hat": "y_hat", "Y_hat": "y_hat"}
FUNCTIONS = ("mean", "sum")

_BINARY = {
    ast.Add: np.add,
    ast.Sub: np.subtract,
    ast.Mult: np.multiply,
    ast.Div: np.divide,
    ast.Pow: np.power,
}

Env = dict[str, np.ndarray]
Closure = Callable[[Env], np.ndarray]


class ExprError(ValueError):
    """A refused expression: an i18n key and its arguments."""

    def __init__(self, key: str, **kwargs: object) -> None:
        super().__init__(key)
        self.key = key
        self.kwargs = kwargs

    def message(self, lang: str) -> str:
        kwargs = dict(self.kwargs)
        if "kind" in kwargs:
            kwargs["kind"] = t(f"expr.kind.{kwargs['kind']}", lang)
        return t(self.key, lang, **kwargs)


# Syntax the student might reach for, named so the refusal says what was found.
_KIND = {
    ast.Attribute: "attribute",
    ast.Subscript: "subscript",
    ast.Lambda: "lambda",
    ast.ListComp: "comprehension",
    ast.SetComp: "comprehension",
    ast.DictComp: "comprehension",
    ast.GeneratorExp: "comprehension",
    ast.Compare: "compare",
    ast.BoolOp: "logic",
    ast.IfExp: "logic",
    ast.NamedExpr: "assign",
    ast.Starred: "other",
    ast.List: "collection",
    ast.Tuple: "collection",
    ast.Set: "collection",
    ast.Dict: "collection",
    ast.JoinedStr: "text",
    ast.FormattedValue: "text",
    ast.Await: "other",
    ast.Yield: "other",
    ast.YieldFrom: "other",
    ast.Slice: "subscript",
}


class Expr:
    """A checked expression: its text and its closure, evaluated in float32."""

    def __init__(self, text: str, closure: Closure) -> None:
        self.text = text
        self._closure = closure

    def __call__(self, env: Env) -> np.ndarray:
        with np.errstate(all="ignore"):  # a wrong gradient may overflow: the run shows what that does
            return self._closure(env)

    def scalar(self, env: Env) -> np.float32:
        """The value as one float32 number; an array (a forgotten mean) is refused."""
        value = np.asarray(self(env), dtype=np.float32)
        if value.ndim != 0:
            raise ExprError("expr.not_scalar", size=int(value.size))
        return np.float32(value)


def parse(text: object) -> Expr:
    """Check the text and build its closure, or raise ExprError. Nothing in the text is evaluated."""
    if not isinstance(text, str):
        raise ExprError("expr.empty")
    if len(text) > MAX_LENGTH:
        raise ExprError("expr.too_long", max=MAX_LENGTH, length=len(text))
    source = text.strip()
    if not source:
        raise ExprError("expr.empty")
    if "\x00" in source:
        raise ExprError("expr.syntax")
    if _bracket_depth(source) > MAX_DEPTH:  # before the parser: brackets alone add no depth to the tree
        raise ExprError("expr.too_deep", max=MAX_DEPTH)
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        raise ExprError("expr.syntax") from None
    nodes = 0
    for _ in ast.walk(tree):
        nodes += 1
        if nodes > MAX_NODES:
            raise ExprError("expr.too_big", max=MAX_NODES)
    return Expr(source, _build(tree.body, 1))


def _bracket_depth(text: str) -> int:
    depth = deepest = 0
    for c in text:
        if c in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in ")]}":
            depth -= 1
    return deepest


def _build(node: ast.AST, depth: int) -> Closure:
    if depth > MAX_DEPTH:
        raise ExprError("expr.too_deep", max=MAX_DEPTH)
    if isinstance(node, ast.Constant):
        return _constant(_number(node.value))
    if isinstance(node, ast.Name):
        return _name(node.id)
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, (ast.USub, ast.UAdd)):
            raise ExprError("expr.operator")
        inner = _build(node.operand, depth + 1)
        if isinstance(node.op, ast.USub):
            return lambda env: np.negative(inner(env))
        return inner
    if isinstance(node, ast.BinOp):
        op = _BINARY.get(type(node.op))
        if op is None:
            raise ExprError("expr.operator")
        if op is np.power:
            exponent = _exponent(node.right)
            base = _build(node.left, depth + 1)
            power = np.float32(exponent)
            return lambda env: np.power(base(env), power)
        left, right = _build(node.left, depth + 1), _build(node.right, depth + 1)
        return lambda env: op(left(env), right(env))
    if isinstance(node, ast.Call):
        return _call(node, depth)
    raise ExprError("expr.forbidden", kind=_KIND.get(type(node), "other"))


def _number(value: object) -> float:
    # bool is an int in Python; True/False and complex numbers are not numbers of this lesson
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ExprError("expr.forbidden", kind="text" if isinstance(value, (str, bytes)) else "other")
    if not abs(value) <= MAX_NUMBER:  # also refuses nan and inf (from literals like 1e999)
        raise ExprError("expr.number", max=f"{MAX_NUMBER:g}")
    return float(value)


def _constant(value: float) -> Closure:
    number = np.float32(value)
    return lambda env: number


def _name(name: str) -> Closure:
    if name.startswith("__"):
        raise ExprError("expr.forbidden", kind="dunder")
    if name in FUNCTIONS:
        raise ExprError("expr.function_alone", name=name)
    if name not in NAMES:
        raise ExprError("expr.name", name=name[:20], names="x, y, w, b, y_hat")
    key = NAMES[name]
    return lambda env: env[key]


def _exponent(node: ast.AST) -> float:
    """An exponent is a plain number (optionally negative) of at most MAX_EXPONENT: `**2` yes, `**w` no."""
    sign = 1.0
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        sign = -1.0 if isinstance(node.op, ast.USub) else 1.0
        node = node.operand
    if not isinstance(node, ast.Constant) or isinstance(node.value, bool):
        raise ExprError("expr.exponent", max=MAX_EXPONENT)
    if not isinstance(node.value, (int, float)) or not abs(node.value) <= MAX_EXPONENT:
        raise ExprError("expr.exponent", max=MAX_EXPONENT)
    return sign * float(node.value)


def _call(node: ast.Call, depth: int) -> Closure:
    if not isinstance(node.func, ast.Name) or node.func.id not in FUNCTIONS:
        raise ExprError("expr.call", names=", ".join(FUNCTIONS))
    if node.keywords or len(node.args) != 1 or isinstance(node.args[0], ast.Starred):
        raise ExprError("expr.arguments", name=node.func.id)
    inner = _build(node.args[0], depth + 1)
    if node.func.id == "mean":
        return lambda env: np.mean(inner(env), dtype=np.float32)
    return lambda env: np.sum(inner(env), dtype=np.float32)


def environment(x: np.ndarray, y: np.ndarray, w: float, b: float) -> Env:
    """The lesson's variables in float32, as the article's tensors hold them; y_hat = w * x + b."""
    x32, y32 = np.asarray(x, dtype=np.float32), np.asarray(y, dtype=np.float32)
    w32, b32 = np.float32(w), np.float32(b)
    return {"x": x32, "y": y32, "w": w32, "b": b32, "y_hat": w32 * x32 + b32}
