"""Tracing, our `tf.function`: record one training step as a flat list of NumPy calls.

A training step calls NumPy a few dozen times per epoch on arrays of 2 and 11 numbers. Each call is
fast; building Tensors, closures and the topological order around them is what is slow. So we run the
step once with `Traced` stand-ins for the arrays that change from epoch to epoch (the parameters and
the optimizer's state). A stand-in computes the real value, and notes the NumPy call on the tape with
a preallocated output array. `replay.function(tape)` turns the notes into a replayable `Function`
(f2c.autodiff.replay, which builds on this module and not the other way round): the same calls in the same order as the eager step, so the same float32 numbers.
As with tf.function, Python code runs only while tracing: a Python `if` is decided once, and a
Python number that changes per epoch (a step counter) must live in an array to be traced.
The Tensor (f2c.autodiff.tensor) never hears of any of this: a stand-in simply acts as a float array.
"""

from __future__ import annotations

import numpy as np

from f2c.autodiff import calls


class TracingError(TypeError):
    """Something the tracer cannot record, e.g. turning a traced array into a Python float."""


class Op:
    """One recorded NumPy call: fn(*args, **kwargs), writing into `target`."""

    def __init__(self, fn, args, kwargs, target, names, where):
        self.fn, self.args, self.kwargs, self.target = fn, args, kwargs, target
        self.names = names  # names of constant arrays (X, Y) for the readable form
        self.where = where  # the line of Python that made this call, e.g. "model: return w * X + b"

    @property
    def text(self):
        """The call in readable form, e.g. "t4 = t3 * X"."""
        return calls.text(self.fn, self.args, self.kwargs, self.target, self.names)

    def traced_args(self):
        return [a for a in calls.flat(list(self.args) + list(self.kwargs.values())) if isinstance(a, Traced)]

    def reads(self):
        """The Traced values this call reads (an in-place call reads its target too)."""
        if self.fn is np.copyto:
            inputs = [self.args[1]]
        else:
            inputs = list(self.args) + [v for k, v in self.kwargs.items() if k != "out"]
        return [a for a in calls.flat(inputs) if isinstance(a, Traced)]

    def substitute(self, old, new):
        self.args = calls.replace(self.args, old, new)
        self.kwargs = calls.replace(self.kwargs, old, new)
        if self.target is old:
            self.target = new


# What a Traced computes with directly; anything else (a Tensor) gets the first word, as with ndarray's
# own operators: `learning_rate * tensor` is then the Tensor's `_lift(learning_rate) * tensor`.
_OPERANDS = (np.ndarray, np.generic, int, float)


def _operators(ufunc):
    """a + b, b + a and a += b for a Traced a, as calls of the ufunc (np.add for +)."""

    def forward(a, b):
        if not isinstance(b, (Traced, *_OPERANDS)):
            return NotImplemented
        return ufunc(a, b)

    def reflected(a, b):
        return ufunc(b, a)

    def in_place(a, b):
        return ufunc(a, b, out=a)

    return forward, reflected, in_place


class Traced:
    """A stand-in for a NumPy array while a Tape records: it computes for real and notes each call."""

    weak = False  # True for a Tape.argument: it computes as the Python float it stands for

    def __init__(self, tape, value, name, root=None):
        self.tape = tape
        self.value = value  # the preallocated array this value lives in, for every replay
        self.name = name
        self.root = root if root is not None else self  # the Traced whose array this one views

    shape = property(lambda self: self.value.shape)
    ndim = property(lambda self: self.value.ndim)
    dtype = property(lambda self: self.value.dtype)
    size = property(lambda self: self.value.size)

    def __len__(self):
        return len(self.value)

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __repr__(self):
        return f"Traced({self.name}, shape={self.shape}, dtype={self.dtype})"

    # NumPy hands every ufunc call (np.multiply, np.sqrt, a + b with an ndarray) to us.
    def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
        fn = ufunc if method == "__call__" else getattr(ufunc, method)
        out = kwargs.pop("out", None)
        out = out[0] if isinstance(out, tuple) else out
        return self.tape.call(fn, inputs, kwargs, out)

    def __array_function__(self, func, types, args, kwargs):
        if func not in _TRACED_FUNCTIONS:
            raise TracingError(f"f2c.autodiff cannot trace np.{func.__name__}")
        return _TRACED_FUNCTIONS[func](self.tape, *args, **kwargs)

    def _refuse(self, *args, **kwargs):
        raise TracingError(
            "a traced array has no fixed value: the step must not turn it into a Python number or bool "
            "(the recorded tape could not replay that decision)"
        )

    __array__ = __float__ = __int__ = __bool__ = __index__ = _refuse

    # Python operators, as NumPy's own arrays do them: each becomes a ufunc call, noted by __array_ufunc__
    __add__, __radd__, __iadd__ = _operators(np.add)
    __sub__, __rsub__, __isub__ = _operators(np.subtract)
    __mul__, __rmul__, __imul__ = _operators(np.multiply)
    __truediv__, __rtruediv__, __itruediv__ = _operators(np.true_divide)
    _, __rpow__, _ = _operators(np.power)

    def __neg__(self):
        return np.negative(self)

    def __pow__(self, p):
        # ndarray ** 2 is computed by np.square and ** 0.5 by np.sqrt: do the same, bit for bit.
        if type(p) is int and p == 2:
            return np.square(self)
        if type(p) is float and p == 0.5:
            return np.sqrt(self)
        return np.power(self, p)

    def sum(self, axis=None, keepdims=False):
        return self.tape.call(np.add.reduce, (self,), {"axis": axis, "keepdims": keepdims})

    def mean(self, axis=None):
        # NumPy's mean of float32 is its float32 sum divided by the count: the same two calls, bit for bit
        # (np.mean divides in float64 and rounds to float32, which gives the same correctly rounded quotient).
        total = self.sum(axis)
        return np.true_divide(total, self.size // total.size)

    def copy(self):
        return self.tape.call(np.copyto, (None, self), {})

    def astype(self, dtype):
        return self.tape.call(np.copyto, (None, self), {"casting": "unsafe"}, dtype=dtype)

    def __getitem__(self, index):
        view = self.value[index]
        if isinstance(view, np.ndarray):  # a slice: NumPy gives a view, so do we (no call to replay)
            return Traced(self.tape, view, f"{self.name}[{calls.show(index)}]", self.root)
        element = Traced(
            self.tape, self.value[calls.with_ellipsis(index)], f"{self.name}[{calls.show(index)}]", self.root
        )
        return self.tape.call(np.copyto, (None, element), {})  # NumPy copies an element out: so do we

    def __setitem__(self, index, value):
        self.tape.call(calls.setitem, (self, index, value), {}, out=self)


def _fill_like(value):
    def like(tape, a, dtype=None, **kwargs):
        out = tape.call(np.copyto, (None, value), {}, like=a)
        return out

    return like


def _traced_stack(tape, arrays, axis=0):
    if axis != 0:
        raise TracingError("f2c.autodiff traces np.stack along axis 0 only")
    return tape.call(calls.stack_into, (list(arrays),), {}, like_value=np.stack([_values(a) for a in arrays]))


def _traced_broadcast_to(tape, a, shape):
    view = np.broadcast_to(a.value, shape)  # a read-only view of a's array: nothing to replay
    return Traced(tape, view, f"broadcast({a.name}, {shape})", a.root)


_TRACED_FUNCTIONS = {
    np.zeros_like: _fill_like(0),
    np.ones_like: _fill_like(1),
    np.stack: _traced_stack,
    np.broadcast_to: _traced_broadcast_to,
    np.sum: lambda tape, a, axis=None, keepdims=False: a.sum(axis, keepdims),
    np.mean: lambda tape, a, axis=None: a.mean(axis),
}


class Tape:
    """Records the NumPy calls of one step; `compile` makes a replay loop of them."""

    def __init__(self):
        self.ops = []
        self.inputs = []  # (Traced, initial value): the arrays that carry over from epoch to epoch
        self.arguments = []  # Traced numbers the step is handed (the learning rate): see argument()
        self.assigns = []  # (input, Traced): at the end of each step, input <- new value
        self.names = {}  # id(constant array) -> name, for readable lines
        self._count = 0

    def input(self, value, name):
        """A stand-in for an array that changes from epoch to epoch (parameters, optimizer state)."""
        value = np.array(value)
        traced = Traced(self, value.copy(), name)
        self.inputs.append((traced, value))
        return traced

    def argument(self, value, name):
        """A Python number the step is handed (the learning rate), kept an argument of the traced step.

        Written into the tape as a number, a new learning rate would need a new trace and, for the compiled
        mode, a new compile; as an argument one compiled loop serves them all. It computes as the Python
        float it stands for: NumPy's weak scalar (NEP 50), float32 next to float32 arrays (lr * grad) and
        float64 next to float64 ones (Adam's lr / (1 - beta1**t)).
        """
        traced = Traced(self, np.array(float(value)), name)
        traced.weak = True
        self.arguments.append(traced)
        return traced

    def constant(self, value, name):
        """Give a constant array (X, Y) a name for the tape's lines."""
        self.names[id(value)] = name
        return value

    def assign(self, input, new):
        """At the end of every replayed step, the input takes the value `new` (params = new params)."""
        if new is not input:
            self.assigns.append((input, new))

    def call(self, fn, args, kwargs, out=None, dtype=None, like=None, like_value=None):
        """Run fn now, note it, and return its result as a Traced living in a preallocated array."""
        if out is None:  # a new result: make its array, and pass it as `out=` from now on
            self._count += 1
            if like is not None or like_value is not None:
                value = np.empty_like(like.value if like is not None else like_value, dtype=dtype)
            elif fn is np.copyto:
                value = np.empty_like(_values(args[1]), dtype=dtype)
            else:
                value = np.array(fn(*_values(args), **_values(kwargs)))
            out = Traced(self, value, f"t{self._count}")
            if fn is np.copyto:
                args = (out, *args[1:])
            else:
                kwargs = {**kwargs, "out": out}
        elif not isinstance(out, Traced):
            raise TracingError("a traced value cannot be written into an untraced array")
        elif fn is not calls.setitem and fn is not np.copyto:
            kwargs = {**kwargs, "out": out}
        op = Op(fn, args, kwargs, out, self.names, calls.where())
        op.fn(*_values(op.args), **_values(op.kwargs))
        self.ops.append(op)
        return out


def _values(x):
    """Replace every Traced in a (nested) argument by its array (an argument by its Python float)."""
    if isinstance(x, Traced):
        return float(x.value) if x.weak else x.value
    if isinstance(x, list):
        return [_values(v) for v in x]
    if isinstance(x, tuple):
        return tuple(_values(v) for v in x)
    if isinstance(x, dict):
        return {k: _values(v) for k, v in x.items()}
    return x
