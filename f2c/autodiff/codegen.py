"""From a traced Function's NumPy calls to plain arithmetic: the source f2c.autodiff.compile hands numba.

Every array the trace made has a fixed shape, dtype and place in memory, so each call `out = f(a, b)` is
known element by element: which number of which array it reads and writes. Arrays of up to SMALL numbers
become scalar variables; longer ones stay arrays, indexed in a loop. Views (params[0], a broadcast 1/11)
are found from their memory offsets and strides, as NumPy itself finds them.
"""

from __future__ import annotations

import re

import numpy as np

from f2c.autodiff.calls import setitem, stack_into, with_ellipsis
from f2c.autodiff.lanes import lanes_source
from f2c.autodiff.source_text import (
    PAIRWISE_BLOCK,
    SMALL,
    CompileError,
    blocks,
    cast,
    elementwise,
    expression,
    identifier,
    indent,
    literal,
    loops,
    pairwise,
    run_of,
)
from f2c.autodiff.trace import Traced

_RESERVED = {"n", "rows", "i", "j", "r", "counts", "np", "numba", "numpy_sum", "train", "train_batch"}


def flat_indices(view: np.ndarray, base: np.ndarray) -> list[int]:
    """For each element of view (C order), its index in base's flat memory (a broadcast repeats one)."""
    item = base.itemsize
    offset = (view.__array_interface__["data"][0] - base.__array_interface__["data"][0]) // item
    index = np.full(view.shape, offset, dtype=np.int64)
    for axis, (size, stride) in enumerate(zip(view.shape, view.strides)):
        shape = [1] * view.ndim
        shape[axis] = size
        index = index + (np.arange(size) * (stride // item)).reshape(shape)
    return [int(k) for k in index.reshape(-1)]


class Emitter:
    """Writes the `train(n, rows, constants..., state...)` function for one traced Function."""

    def __init__(self, function):
        self.function = function
        self.inputs = [traced for traced, _ in function.inputs]
        self.input_ids = {id(traced) for traced in self.inputs}
        self.written = {id(op.target.root) for op in function.ops}
        self.names: dict[int, str] = {}
        self.taken = set(_RESERVED)
        self.constants: list[np.ndarray] = []  # arrays passed in (X, Y): shown by name, not by value
        self._constant_names: dict[int, str] = {}
        self._contiguous: dict[int, np.ndarray] = {}  # a C-ordered copy of each strided constant array
        self.arrays: list[Traced] = []  # array variables made once, before the loop

    # -- what each traced value is called in the source --

    def name(self, root: Traced) -> str:
        if id(root) not in self.names:
            self.names[id(root)] = identifier(root.name, self.taken)
            if id(root) in self.written and root.size > SMALL and id(root) not in self.input_ids:
                self.arrays.append(root)
        return self.names[id(root)]

    def constant_name(self, array: np.ndarray, hint: str) -> str:
        if id(array) not in self._constant_names:
            self._constant_names[id(array)] = identifier(hint, self.taken)
            self.constants.append(array)
        return self._constant_names[id(array)]

    def element(self, root: Traced, k: int) -> str:
        """Element k (flat) of a traced array that the loop writes or carries over."""
        name = self.name(root)
        if root.size > SMALL:
            return f"{name}[{k}]"
        return name if root.size == 1 else f"{name}_{k}"

    # -- operands: one source expression per element of the result --

    def operand(self, x, shape, loop_dtype=None) -> list[str]:
        count = int(np.prod(shape, dtype=int))
        if isinstance(x, Traced) and x.weak:  # an argument: the Python float, typed as NumPy types it
            name = self.name(x)
            weak = (
                name
                if loop_dtype is None or loop_dtype == np.float64
                else f"np.{np.dtype(loop_dtype)}({name})"
            )
            return [weak] * count
        if isinstance(x, Traced):
            root = x.root
            indices = flat_indices(np.broadcast_to(x.value, shape), root.value)
            if id(root) in self.written or id(root) in self.input_ids:
                return [self.element(root, k) for k in indices]
            base, hint = root.value, root.name  # computed once while tracing (constant folding)
        elif isinstance(x, np.ndarray):
            # one copy per array: a second copy would be a second constant of the same numbers
            base = self._contiguous.setdefault(id(x), np.ascontiguousarray(x))
            hint = x_names(self.function).get(id(x), "c")
            indices = flat_indices(np.broadcast_to(base, shape), base)
        else:  # a Python number: NumPy gives it the dtype of the arrays next to it (NEP 50)
            return [literal(x, loop_dtype)] * count
        values = base.reshape(-1)[indices]
        if base.size > SMALL and len(set(values.tolist())) > 1:
            name = self.constant_name(base, hint)
            return [f"{name}[{k}]" for k in indices]
        return [literal(v, loop_dtype or base.dtype) for v in values]

    # -- each recorded call, as assignments --

    def statements(self, op) -> list[str]:
        fn, out = op.fn, op.target
        if fn is np.copyto or fn is setitem:
            if fn is np.copyto:
                dst, src = op.args
                view = dst.value
            else:
                dst, index, src = op.args
                view = dst.value[index]
                view = view if isinstance(view, np.ndarray) else dst.value[with_ellipsis(index)]
            targets = [self.element(dst.root, k) for k in flat_indices(view, dst.root.value)]
            values = self.operand(src, view.shape, dst.dtype)
            return [f"{t} = {cast(v, self._dtype(src), dst.dtype)}" for t, v in zip(targets, values)]
        targets = [self.element(out.root, k) for k in flat_indices(out.value, out.root.value)]
        if fn is stack_into:
            rows = [self.operand(a, out.shape[1:], out.dtype) for a in op.args[0]]
            values = [v for row in rows for v in row]
            return [f"{t} = {v}" for t, v in zip(targets, values)]
        if fn == np.add.reduce:
            (x,) = op.args
            if op.kwargs.get("axis") not in (None, 0) or op.kwargs.get("keepdims") or x.ndim > 1:
                raise CompileError("the compiled mode sums whole 1-d arrays only")
            return [f"{targets[0]} = {self.total(x)}"]
        if isinstance(fn, np.ufunc) and set(op.kwargs) == {"out"}:
            loop = np.result_type(*[self._dtype(a) for a in op.args])
            per_arg = [self.operand(a, out.shape, loop) for a in op.args]
            return [
                f"{t} = {cast(expression(fn, args, op.args), loop, out.dtype)}"
                for t, args in zip(targets, zip(*per_arg))
            ]
        raise CompileError(f"the compiled mode cannot write out {op.text!r}")

    def total(self, x: Traced) -> str:
        """A sum in NumPy's order: a helper call over an array, written out over a few scalars."""
        terms = self.operand(x, x.shape)
        arrays = {t.split("[")[0] for t in terms}
        first = terms[0]
        if len(arrays) == 1 and first.endswith("]") and terms == run_of(first, len(terms)):
            return blocks(first.split("[")[0], int(first.split("[")[1][:-1]), len(terms))
        if len(terms) > PAIRWISE_BLOCK:
            raise CompileError("the compiled mode writes out sums of up to 128 scattered numbers")
        return pairwise(terms)

    def _dtype(self, x):
        if isinstance(x, Traced) and x.weak:
            return float(x.value)  # a Python float: weak in np.result_type, as in the call it stands for
        return x if not isinstance(x, (Traced, np.ndarray)) else x.dtype

    # -- the whole function --

    def source(self) -> str:
        logs_before, logs_after, col = [], [], 0
        for traced, when in self.function.logs:
            for value in self.operand(traced, traced.shape):
                (logs_before if when == "before" else logs_after).append(f"rows[i, {col}] = {value}")
                col += 1
        blocks = []  # [loop header or None, lines]: consecutive element-by-element calls share one loop
        self.per_op = []  # each call's element-by-element statements, before loops fold them (train_lanes)
        for op in self.function.ops:
            comment = f"# {op.text}    {op.where}".rstrip()
            self.per_op.append(self.statements(op))
            lines = loops(self.per_op[-1])
            if lines[0].startswith("for ") and elementwise(lines[1]):
                if not blocks or blocks[-1][0] != lines[0]:
                    blocks.append([lines[0], []])
                blocks[-1][1] += [comment, lines[1].strip()]
            else:
                blocks.append([None, [comment, *lines]])
        self.unrolled = list(self.arrays)  # before some become scalars: train_lanes writes each one out
        self._scalar_temporaries(blocks, logs_before + logs_after)
        body = []
        for header, lines in blocks:
            body += [header, *indent(lines, 1)] if header else lines
        state = [self.name(t) + "_in" for t in self.inputs]
        load, store = [], []
        for traced, arg in zip(self.inputs, state):
            if traced.size > SMALL:  # an array of state is updated in place
                load.append(f"{self.name(traced)} = {arg}")
                continue
            for k in range(traced.size):
                element = self.element(traced, k)
                load.append(f"{element} = {arg}[{k}]")
                store.append(f"{arg}[{k}] = {element}")
        make = [f"{self.name(a)} = np.empty({a.size}, np.{a.dtype})" for a in self.arrays]
        arguments = [self.name(t) for t in self.function.arguments]
        args = ", ".join(["n", "rows", *self._constant_names.values(), *state, *arguments])
        folded = self.function.folded
        once = ["# computed once, while tracing, and written in below as numbers:"] if folded else []
        once += [f"#     {op.text}" for op in folded]
        lines = [f"def train({args}):", *indent(load + make + once, 1), "    for i in range(n):"]
        lines += indent(logs_before + body + logs_after, 2) + indent(store, 1)
        self.batch = lanes_source(self, state, arguments, logs_before, logs_after) or self._batch(
            state, arguments, make, body, logs_before, logs_after
        )
        return "@numba.njit(cache=True)\n" + "\n".join(lines) + "\n"

    def _batch(self, state, arguments, make, body, logs_before, logs_after) -> str:
        """train_batch: the same epoch for R runs, each from its own row of every input, its own learning
        rate and data, for counts[r] epochs; a run whose logged values stop being finite leaves there."""
        constants = list(self._constant_names.values())
        own = [f"{c} = {c}_batch[r]" for c in constants + arguments]
        load, store = [], []
        for traced, arg in zip(self.inputs, state):
            if traced.size > SMALL:
                load.append(f"{self.name(traced)} = {arg}[r]")
                continue
            for k in range(traced.size):
                load.append(f"{self.element(traced, k)} = {arg}[r, {k}]")
                store.append(f"{arg}[r, {k}] = {self.element(traced, k)}")
        logs = [line.replace("rows[i, ", "rows[r, i, ") for line in logs_before + logs_after]
        columns = range(len(logs))
        finite = " and ".join(f"np.isfinite(rows[r, i, {c}])" for c in columns)
        leave = [
            f"if not ({finite}):",
            "    counts[r] = i + 1  # it diverged: it leaves the batch here",
            "    break",
        ]
        batch_args = [f"{c}_batch" for c in constants] + state + [f"{a}_batch" for a in arguments]
        lines = [f"def train_batch(counts, rows, {', '.join(batch_args)}):", *indent(make, 1)]
        lines += [
            "    for r in range(counts.shape[0]):",
            *indent(own + load, 2),
            "        for i in range(counts[r]):",
        ]
        lines += indent(logs[: len(logs_before)] + body + logs[len(logs_before) :] + leave, 3)
        lines += indent(store, 2)
        return "@numba.njit(cache=True)\n" + "\n".join(lines) + "\n"

    def _scalar_temporaries(self, blocks, logs):
        """An array written and read only at [j] inside one loop needs no array: a number per j will do."""
        for array in list(self.arrays):
            name = self.name(array)
            uses = re.compile(rf"(?<![\w.]){re.escape(name)}(?!\w)")
            where = [
                (b, line)
                for b, (_, lines) in enumerate(blocks)
                for line in lines
                if not line.startswith("#") and uses.search(line)
            ]
            where += [(-1, line) for line in logs if uses.search(line)]
            inside = {b for b, _ in where}
            if len(inside) != 1 or blocks[min(inside)][0] is None or -1 in inside:
                continue
            if not all(
                all(line[m.end() :].startswith("[j]") for m in uses.finditer(line)) for _, line in where
            ):
                continue
            first = where[0][1]
            if not first.startswith(f"{name}[j] =") or uses.search(first.split("=", 1)[1]):
                continue  # it must be written before it is read
            lines = blocks[min(inside)][1]
            lines[:] = [line if line.startswith("#") else line.replace(f"{name}[j]", name) for line in lines]
            self.arrays.remove(array)


def x_names(function) -> dict[int, str]:
    """The names the lesson gave its constant arrays (tape.constant(X, "X"))."""
    ops = function.ops or function.folded
    return ops[0].names if ops else {}
