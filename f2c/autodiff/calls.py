"""The pieces a recorded call is made of, shared by the tracer, the replay and the code generator.

Two array operations a traced step performs that are not single NumPy calls (item assignment, a stack into
a preallocated array), two walkers over nested arguments, the lesson line that made a call, and how a
recorded call reads ("t4 = t3 * X").
"""

from __future__ import annotations

import linecache
import os
import sys

import numpy as np

from f2c.autodiff import tensor as _tensor


def setitem(array, index, value):
    array[index] = value


def with_ellipsis(index):
    return (*index, Ellipsis) if isinstance(index, tuple) else (index, Ellipsis)  # a 0-d view, not a copy


def stack_into(arrays, out):
    """np.stack(arrays, out=out) along axis 0, as plain element copies (np.stack itself is slow Python)."""
    for i, a in enumerate(arrays):
        out[i] = a


def replace(x, old, new):
    if x is old:
        return new
    if isinstance(x, list):
        return [replace(v, old, new) for v in x]
    if isinstance(x, tuple):
        return tuple(replace(v, old, new) for v in x)
    if isinstance(x, dict):
        return {k: replace(v, old, new) for k, v in x.items()}
    return x


def flat(x):
    if isinstance(x, (list, tuple)):
        return [y for v in x for y in flat(v)]
    return [x]


# The tracer's own files (this one, and replay.py, which adds the end-of-step copies): never "the user's line".
_TRACER_FILES = tuple(
    os.path.join(os.path.dirname(__file__), name) for name in ("trace.py", "replay.py", "calls.py")
)


def where():
    """The line of code outside this tracer that made the current call, e.g. 'model: return w * X + b'."""
    frame = sys._getframe(2)
    engine = None
    while frame is not None:
        code = frame.f_code
        in_engine = code.co_filename == _tensor.__file__  # the Tensor operation doing the call
        if in_engine and engine is None:
            engine = code.co_qualname.replace(".<locals>.", " ")
        inside = in_engine or code.co_filename in _TRACER_FILES
        if not inside and "/numpy/" not in code.co_filename.replace("\\", "/"):
            line = linecache.getline(code.co_filename, frame.f_lineno).split("  #")[0].strip()
            user = f"{code.co_name}: {line}"
            return f"{user}  [{engine}]" if engine else user
        frame = frame.f_back
    return engine or ""


# ---- how a recorded call reads: "t4 = t3 * X" ----

SYMBOLS = {np.add: "+", np.subtract: "-", np.multiply: "*", np.true_divide: "/", np.power: "**"}


def show(x, names=None):
    """How an argument reads in a tape line."""
    if hasattr(x, "tape"):  # a Traced (defined above us, in trace.py): by its name
        return x.name
    if isinstance(x, (list, tuple)):
        inner = ", ".join(show(v, names) for v in x)
        return f"[{inner}]" if isinstance(x, list) else f"({inner})"
    if x is Ellipsis:
        return "..."
    if isinstance(x, slice):
        return f"{'' if x.start is None else x.start}:{'' if x.stop is None else x.stop}"
    if isinstance(x, np.ndarray):
        if names and id(x) in names:
            return names[id(x)]
        return str(x.reshape(-1)[0]) if x.size == 1 else f"array{x.shape}"
    return str(x) if isinstance(x, np.generic) else repr(x)


def text(fn, args, kwargs, out, names):
    """A recorded call in readable form, e.g. "t4 = t3 * X"."""
    say = lambda x: show(x, names)  # noqa: E731
    rest = {
        k: v for k, v in kwargs.items() if k not in ("out", "casting") and v is not None and v is not False
    }
    extra = "".join(f", {k}={say(v)}" for k, v in rest.items())
    if fn is setitem:
        return f"{say(args[0])}[{say(args[1])}] = {say(args[2])}"
    if fn is np.copyto:
        what = say(args[1])
        return f"{out.name} = {what}.astype({out.dtype})" if "casting" in kwargs else f"{out.name} = {what}"
    if fn in SYMBOLS and len(args) == 2:
        a, b = say(args[0]), say(args[1])
        if args[0] is out:
            return f"{a} {SYMBOLS[fn]}= {b}"
        return f"{out.name} = {a} {SYMBOLS[fn]} {b}"
    if fn is np.negative:
        return f"{out.name} = -{say(args[0])}"
    name = "sum" if fn == np.add.reduce else "stack" if fn is stack_into else fn.__name__
    return f"{out.name} = {name}({', '.join(say(a) for a in args)}{extra})"
