"""The pieces a recorded call is made of, shared by the tracer, the replay and the code generator.

Two array operations a traced step performs that are not single NumPy calls (item assignment, a stack into
a preallocated array), two walkers over nested arguments, and the lesson line that made a call.
"""

from __future__ import annotations

import linecache
import os
import sys

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
