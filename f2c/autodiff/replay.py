"""A traced step (f2c.autodiff.trace) made into a loop: clean up the recorded calls, then replay them.

Three classic compiler clean-ups run on the recorded list, each keeping every number bit for bit:
constant folding, copy elision and dead-code elimination. What is left is written out as a plain
Python loop of NumPy calls with `out=` arrays, preallocated once.
"""

from __future__ import annotations

import numpy as np

from f2c.autodiff.calls import setitem
from f2c.autodiff.trace import Traced


class Function:
    """A traced step, replayed as a loop of NumPy calls into preallocated arrays."""

    def __init__(self, tape, log_before, log_after):
        self.inputs = tape.inputs
        self.arguments = tape.arguments  # numbers the step was handed (the learning rate), by name
        inputs = {id(t) for t, _ in tape.inputs}
        for input, new in tape.assigns:  # the step's results become the next step's inputs
            if id(new.root) in inputs:  # new reads an input that may already be overwritten: copy it first
                new = tape.call(np.copyto, (None, new), {})
            tape.call(np.copyto, (input, new), {}, out=input)
            tape.ops[-1].where = "end of the step: carried over to the next epoch"
        self.recorded = list(tape.ops)  # everything the trace saw, before the clean-up below
        logs = [(t, "before") for t in log_before] + [(t, "after") for t in log_after]
        # Three classic compiler clean-ups, each keeping every number bit for bit:
        ops, self.folded = _fold_constants(tape.ops, inputs)
        ops, logs = _elide_copies(ops, inputs, logs)
        self.ops, self.pruned = _prune(ops, inputs | {id(t.root) for t, _ in logs})
        for traced, initial in self.inputs:  # tracing ran one real step: start again from the beginning
            traced.value[...] = initial
        self.logs = logs
        self.width = sum(t.size for t, _ in self.logs)
        self.source, self._replay = self._generate()

    def _generate(self):
        env, names = {}, {}

        def name(obj, prefix):
            if id(obj) not in names:
                names[id(obj)] = f"{prefix}{len(names)}"
                env[names[id(obj)]] = obj
            return names[id(obj)]

        def code(x):
            if isinstance(x, Traced) and x.weak:  # replayed as the Python float it stands for (NEP 50)
                return repr(float(x.value))
            if isinstance(x, Traced):
                return name(x.value, "a")
            if isinstance(x, list):
                return "[" + ", ".join(code(v) for v in x) + "]"
            if isinstance(x, tuple):
                return "(" + "".join(code(v) + ", " for v in x) + ")"
            if isinstance(x, (bool, int, float, str, type(None))):
                return repr(x)
            return name(x, "c")

        def index(x):
            if x is Ellipsis:
                return "..."
            if isinstance(x, tuple):
                return ", ".join(index(v) for v in x) or "()"
            return repr(x) if isinstance(x, int) else name(x, "c")

        def call(op):  # copies as Python assignments (the quickest NumPy call); ufuncs with out= by position
            if op.fn is np.copyto:
                return f"{code(op.args[0])}[...] = {code(op.args[1])}"
            if op.fn is setitem:
                return f"{code(op.args[0])}[{index(op.args[1])}] = {code(op.args[2])}"
            fn = name(op.fn, "f")
            args = [code(a) for a in op.args]
            if isinstance(op.fn, np.ufunc) and set(op.kwargs) == {"out"}:
                args.append(code(op.kwargs["out"]))
            else:
                args += [f"{k}={code(v)}" for k, v in op.kwargs.items()]
            return f"{fn}({', '.join(args)})"

        body, col = [], 0
        before, after = [], []
        for traced, when in self.logs:
            cols = f"{col}" if traced.ndim == 0 else f"{col}:{col + traced.size}"
            (before if when == "before" else after).append(f"rows[i, {cols}] = {code(traced)}")
            col += traced.size
        body += before + [f"{call(op):<60} # {op.text}" for op in self.ops] + after
        lines = ["def replay(n, rows):", "    for i in range(n):"] + [f"        {line}" for line in body]
        source = "\n".join(lines) + "\n"
        factory = (
            f"def make({', '.join(env)}):\n"
            + "".join(f"    {line}\n" for line in lines)
            + "    return replay\n"
        )
        scope = {}
        exec(compile(factory, "<f2c traced step>", "exec"), scope)
        return source, scope["make"](**env)

    def run(self, n):
        """n more epochs -> float64 array (n, width) of the logged values."""
        rows = np.empty((n, self.width), dtype=np.float64)
        self._replay(n, rows)
        return rows

    def lines(self, recorded=False):
        """What the trace recorded, one line per NumPy call, with the line of code that made it.

        By default: the constants computed once while tracing, then the calls replayed every epoch.
        With recorded=True: every call the trace saw, in order, before folding, copy elision and pruning.
        """
        if recorded:
            ops = [(op, "") for op in self.recorded]
        else:
            ops = [(op, "once: ") for op in self.folded] + [(op, "") for op in self.ops]
        width = max((len(op.text) for op, _ in ops), default=0)
        return [f"{op.text:<{width}}   # {note}{op.where}" for op, note in ops]


def _fold_constants(ops, pinned):
    """Calls that read only constants give the same array every epoch, and tracing already made it."""
    writes = {}
    for op in ops:
        writes[id(op.target.root)] = writes.get(id(op.target.root), 0) + 1
    constant, kept, folded = set(), [], []
    for op in ops:
        root = id(op.target.root)
        if root not in pinned and writes[root] == 1 and all(id(a.root) in constant for a in op.reads()):
            constant.add(root)
            folded.append(op)
        else:
            kept.append(op)
    return kept, folded


def _elide_copies(ops, pinned, logs):
    """`dst = src` where one array would do: from there on, use src in dst's place and drop the copy."""
    ops = list(ops)
    i = 0
    while i < len(ops):
        op, later = ops[i], ops[i + 1 :]
        if op.fn is np.copyto and "casting" not in op.kwargs and isinstance(op.args[1], Traced):
            dst, src = op.args
            used = [a for o in later for a in o.traced_args()] + [t for t, _ in logs]
            written = {id(o.target.root) for o in later}
            fits = (
                dst is dst.root and id(dst) not in pinned and (src.shape, src.dtype) == (dst.shape, dst.dtype)
            )
            fits = fits and not any(a.root is dst and a is not dst for a in used)  # no views of dst
            # either neither changes after the copy, or src is never used again (dst takes over its array)
            unchanged = id(dst) not in written and id(src.root) not in written
            unused = src is src.root and id(src) not in pinned and not any(a.root is src for a in used)
            if fits and (unchanged or unused):
                for o in later:
                    o.substitute(dst, src)
                logs = [(src if t is dst else t, when) for t, when in logs]
                del ops[i]
                continue
        i += 1
    return ops, logs


def _prune(ops, live):
    """Drop calls whose results nobody reads (e.g. dL/dX, which no one asked for): dead-code elimination."""
    live, kept, pruned = set(live), [], []
    for op in reversed(ops):
        if id(op.target.root) in live:
            kept.append(op)
            live.update(id(a.root) for a in op.reads())
        else:
            pruned.append(op)
    return kept[::-1], pruned[::-1]


def function(tape, log_before=(), log_after=()):
    """A Function replaying the traced step; each epoch logs log_before (at its start) and log_after values."""
    return Function(tape, list(log_before), list(log_after))
