"""A batch of runs side by side in SIMD lanes: train_lanes, the batched twin of the compiled train().

train() computes one run; its epoch is a chain of dependent float32 operations, so the core waits on each
result and its vector units stay idle. train_lanes computes LANES runs at once: every number of the epoch
(w, b, each data point's residual, each sum) becomes one per run, and the runs sit innermost, as the
`for lane in range(LANES)` loop, so that LLVM turns each operation into one vector instruction over 16
runs. Each run still does exactly its own float32 operations in its own order (a sum over the data is
written out in NumPy's pairwise order, per run), so its rows are bit for bit those it computes alone.

What makes LLVM vectorize the lane loop: a single loop per epoch (the data loop is written out, point by
point, so there is nothing to loop over but the runs), and every array flat with compile-time offsets
(`X[X_at + 48 + lane]`), so the few runtime checks that the arrays do not overlap stay under its limit.
Writing the data loop out limits it to data sets of up to LANE_POINTS points; a larger one keeps the
run-by-run train_batch (f2c.autodiff.codegen).

Layout: lane group g holds runs g*LANES ... g*LANES + LANES - 1; every input of run k is stored as
(group, element, lane), and its rows as (epoch, group, column, lane). Runs that do not fill the last group
are padded with copies that have no epochs to run: they compute, but never write their state or counts.
Epochs are the outer loop and groups the next, so that each epoch's rows of every group are one block of
memory, written in order (the groups one after another were twice as slow, measured with two groups).

Bit for bit holds as long as a vector instruction rounds as its scalar twin does: true of IEEE add,
subtract, multiply, divide and sqrt, and of the math calls here, because numba's pip wheels have no Intel
SVML (with it, `numba.config.USING_SVML`, a vectorised power could round differently from libm's).
"""

from __future__ import annotations

import re

import numpy as np

from f2c.autodiff.source_text import SMALL, indent, pairwise

LANES = 16  # float32 numbers in one AVX-512 register; 8-wide machines take two instructions per operation
LANE_POINTS = 32  # the longest array written out element by element

_SUM = re.compile(r"numpy_sum\((\w+), (\d+), (\d+)\)")
_ELEMENT = re.compile(r"(?<![\w.])(\w+)\[(\d+)\]")
_LOG = re.compile(r"rows\[i, (\d+)\]")
_NAME = re.compile(r"[A-Za-z_]\w*")


def lanes_source(emitter, state, arguments, logs_before, logs_after) -> str | None:
    """train_lanes for this Emitter's step, or None when the step does not fit in lanes (long arrays)."""
    if any(t.size > SMALL for t in emitter.inputs):
        return None
    arrays = {emitter.name(a): a for a in emitter.unrolled}
    constants = {name: array.size for name, array in zip(emitter._constant_names.values(), emitter.constants)}
    if any(size > LANE_POINTS for size in [*(a.size for a in arrays.values()), *constants.values()]):
        return None
    scalar = [line for lines in emitter.per_op for line in lines]
    ours = {f"{name}__{k}" for name, a in arrays.items() for k in range(a.size)}
    ours |= {f"{name}_at" for name in [*constants, *state]}
    names = set(_NAME.findall("\n".join(scalar + logs_before + logs_after))) | emitter.taken
    if ours & names or any(name.startswith("lane") for name in names):
        return None  # a name of ours is the trace's (never for the lessons' steps): run by run instead
    if any(_ELEMENT.search(line.split(" = ", 1)[1]) for line in logs_before):
        return None  # logged before the step from an array the lane loop holds as locals: not written yet

    def element(m):
        name, k = m.group(1), int(m.group(2))
        if name in arrays:
            return f"{name}__{k}"  # one number per run, a local of the lane loop
        if name in constants:
            return f"{name}[{name}_at + {k * LANES} + lane]"
        return m.group(0)

    def expression(text: str) -> str:
        return _ELEMENT.sub(element, _SUM.sub(lambda m: f"({_terms(m)})", text))

    def statement(line: str) -> str:
        target, _, value = line.partition(" = ")
        held = _ELEMENT.fullmatch(target)
        if held and held.group(1) in arrays:  # a local takes its value's type; train() stores into an array
            value = f"np.{arrays[held.group(1)].dtype}({value})"
        return f"{expression(target)} = {expression(value)}"

    body = []
    for op, lines in zip(emitter.function.ops, emitter.per_op):
        body += [f"# {op.text}", *[statement(line) for line in lines]]
    width = len(logs_before) + len(logs_after)
    at = {**constants, **{s: t.size for s, t in zip(state, emitter.inputs)}}  # each input's numbers per group
    load, store = [f"{a} = {a}_batch[lane_group * {LANES} + lane]" for a in arguments], []
    for traced, arg in zip(emitter.inputs, state):
        for k in range(traced.size):
            where = f"{arg}[{arg}_at + {k * LANES} + lane]"
            load.append(f"{emitter.element(traced, k)} = {where}")
            store.append(f"{where} = {emitter.element(traced, k)} if lane_live else {where}")
    logs = []  # each logged number kept as it was logged (w and b change later in the epoch)
    for line in logs_before + logs_after:
        column, value = int(_LOG.match(line).group(1)), expression(line.split(" = ", 1)[1])
        logs.append(
            [f"lane_log_{column} = {value}", f"rows[lane_row + {column * LANES} + lane] = lane_log_{column}"]
        )
    # x - x is 0 for a finite x and NaN otherwise: fewer instructions than an isfinite per number
    finite = " + ".join(f"(lane_log_{c} - lane_log_{c})" for c in range(len(logs)))
    count = f"counts[lane_group * {LANES} + lane]"
    lane_body = [
        f"lane_live = i < {count}",
        *load,
        *[line for log in logs[: len(logs_before)] for line in log],
        *body,
        *[line for log in logs[len(logs_before) :] for line in log],
        *store,
        f"lane_ok = ({finite}) == 0.0",
        f"{count} = i + 1 if (lane_live and not lane_ok) else {count}  # it diverged: it leaves here",
    ]
    batch_args = [*constants, *state, *[f"{a}_batch" for a in arguments]]
    offsets = [f"{name}_at = lane_group * {size * LANES}" for name, size in at.items()]
    lines = [
        f"def train_lanes(n, counts, rows, {', '.join(batch_args)}):",
        f"    lane_groups = counts.shape[0] // {LANES}",
        "    for i in range(n):",
        "        for lane_group in range(lane_groups):",
        *indent(offsets, 3),
        f"            lane_row = (i * lane_groups + lane_group) * {width * LANES}",
        f"            for lane in range({LANES}):",
        *indent(lane_body, 4),
    ]
    return "@numba.njit(cache=True)\n" + "\n".join(lines) + "\n"


def _terms(m) -> str:
    name, start, n = m.group(1), int(m.group(2)), int(m.group(3))
    return pairwise([f"{name}[{start + k}]" for k in range(n)])


def run_lanes(train_lanes, members, counts) -> list[np.ndarray]:
    """Lay the members' inputs out in lanes, run train_lanes once, and hand each its state and rows back:
    member k's rows are a (counts[k], width) view of the batch's rows (no copy of 30 runs' rows)."""
    groups = -(-len(members) // LANES)
    order = list(range(len(members))) + [0] * (groups * LANES - len(members))  # padding: copies of run 0

    def lay(arrays):  # one 1-d array per run -> (group, element, lane), flat
        stacked = np.stack([arrays[k] for k in order]).reshape(groups, LANES, -1)
        return np.ascontiguousarray(stacked.transpose(0, 2, 1)).reshape(-1)

    first = members[0]
    padded = np.zeros(groups * LANES, np.int64)
    padded[: len(members)] = counts
    n, width = int(padded.max(initial=0)), first.width
    rows = np.empty(groups * n * width * LANES, np.float64)
    constants = [lay([m._constants[k] for m in members]) for k in range(len(first._constants))]
    state = [lay([m._state[k] for m in members]) for k in range(len(first._state))]
    arguments = [np.array([members[i]._arguments[k] for i in order]) for k in range(len(first._arguments))]
    train_lanes(n, padded, rows, *constants, *state, *arguments)
    for k, flat in enumerate(state):
        lanes = flat.reshape(groups, -1, LANES)
        for i, member in enumerate(members):
            member._state[k][...] = lanes[i // LANES, :, i % LANES]  # in place: params() reads a view of it
    rows = rows.reshape(n, groups, width, LANES)
    return [rows[: padded[i], i // LANES, :, i % LANES] for i in range(len(members))]
