"""Pieces of Python source for the compiled mode (f2c.autodiff.codegen): numbers, sums, loops.

Each helper turns a small, already-decided thing into text: a number in the dtype NumPy would give it,
a ufunc call as an expression, NumPy's pairwise order of a sum, a run of statements as one for loop.
"""

from __future__ import annotations

import keyword
import re

import numpy as np

SMALL = 4  # arrays of up to this many numbers become that many scalar variables
PAIRWISE_BLOCK = 128  # NumPy sums up to this many numbers with eight running sums, longer ones in halves
SYMBOLS = {np.add: "+", np.subtract: "-", np.multiply: "*", np.true_divide: "/"}


class CompileError(TypeError):
    """A traced call that the compiled mode cannot write out (the eager and function modes still can)."""


def literal(value, dtype) -> str:
    """A number as source that numba types exactly as NumPy would: np.float32(0.0001) or 0.0001."""
    value = np.asarray(value).astype(dtype)[()]
    if dtype == np.float32:
        short = str(value)
        text = short if np.float32(float(short)) == value else repr(float(value))
        return f"np.float32({text})"
    if dtype == np.float64:
        return repr(float(value))
    raise CompileError(f"the compiled mode handles float32 and float64, not {dtype}")


def identifier(name: str, taken: set[str]) -> str:
    base = re.sub(r"\W", "_", name) or "v"
    base = base if base[0].isalpha() else f"v_{base}"
    out, k = base, 1
    while out in taken or keyword.iskeyword(out):
        out, k = f"{base}_{k}", k + 1
    taken.add(out)
    return out


def cast(code: str, have, want) -> str:
    if not isinstance(have, np.dtype):  # a Python number, already written in the dtype it is used in
        return code
    return code if np.dtype(np.result_type(have)) == np.dtype(want) else f"np.{np.dtype(want)}({code})"


def expression(fn, args: tuple[str, ...], raw: tuple) -> str:
    if fn in SYMBOLS:
        return f"{args[0]} {SYMBOLS[fn]} {args[1]}"
    if fn is np.square:
        return f"{args[0]} * {args[0]}"
    if fn is np.negative:
        return f"-{args[0]}"
    if fn is np.power:
        p = raw[1]
        if type(p) is int and p == 1:
            return args[0]  # powf(x, 1) is x, exactly
        if type(p) is int and p == 2:
            return f"{args[0]} * {args[0]}"
        return f"{args[0]} ** {args[1]}"
    return f"np.{fn.__name__}({', '.join(args)})"


def pairwise(terms: list[str]) -> str:
    """NumPy's pairwise sum for up to 128 numbers, written out (fewer than 8: one after another)."""
    if len(terms) < 8:
        return " + ".join(terms)
    r = list(terms[:8])
    k = 8
    while k < len(terms) - len(terms) % 8:
        r = [f"({r[m]} + {terms[k + m]})" for m in range(8)]
        k += 8
    text = f"(({r[0]} + {r[1]}) + ({r[2]} + {r[3]})) + (({r[4]} + {r[5]}) + ({r[6]} + {r[7]}))"
    return " + ".join([f"({text})", *terms[k:]]) if k < len(terms) else text


def blocks(name: str, start: int, n: int) -> str:
    """numpy_sum calls over blocks of up to 128 numbers, halved as NumPy halves longer runs."""
    if n <= PAIRWISE_BLOCK:
        return f"numpy_sum({name}, {start}, {n})"
    half = n // 2 - (n // 2) % 8
    return f"({blocks(name, start, half)} + {blocks(name, start + half, n - half)})"


def run_of(first: str, n: int) -> list[str]:
    name, start = first.split("[")[0], int(first.split("[")[1][:-1])
    return [f"{name}[{start + k}]" for k in range(n)]


_INDEXED = re.compile(r"(\w+)\[(\d+)\]")


def loops(statements: list[str]) -> list[str]:
    """Statements over a run of array elements, name[k0 + e] for e = 0..m-1, folded into a for loop."""
    if len(statements) <= SMALL:
        return statements
    shapes = [_INDEXED.sub(lambda m: f"{m.group(1)}[#{m.group(2)}]", s) for s in statements]
    template = re.sub(r"#\d+", "#", shapes[0])
    if any(re.sub(r"#\d+", "#", s) != template for s in shapes):
        return statements
    starts = [int(k) for k in re.findall(r"#(\d+)", shapes[0])]
    for e, s in enumerate(shapes):
        if [int(k) for k in re.findall(r"#(\d+)", s)] != [k0 + e for k0 in starts]:
            return statements
    pieces = iter(f"{k0} + j" if k0 else "j" for k0 in starts)
    body = re.sub(r"#", lambda _: next(pieces), template)
    return [f"for j in range({len(statements)}):", f"    {body}"]


def elementwise(line: str) -> bool:
    """Element j of the result needs only element j of each array: loops like this can run as one."""
    return all(index == "j" for index in re.findall(r"\w+\[([^\]]*)\]", line))


def indent(lines: list[str], depth: int) -> list[str]:
    return [("    " * depth) + line for line in lines]
