"""f2c's own autograd: reverse-mode automatic differentiation on NumPy arrays, from scratch.

Read it like micrograd (karpathy/micrograd): every operation computes its result (forward) and, right
beside it, says how to pass a gradient back to its inputs (its local backward, one line of calculus).
`backward()` then visits the graph from the loss back to the parameters and applies the chain rule,
one node at a time. The names follow torch, so the lessons read the same in both:
`Tensor`, `.grad`, `.backward()`, `.grad.zero_()`, `.detach()`, `.requires_grad_()`.

Part 2, below the line, is our `tf.function`: a `Tape` runs one training step with stand-in arrays that
note every NumPy call they see (forward, backward and update alike) and then replays that list of calls
into preallocated arrays, epoch after epoch, with no Python objects built on the way.
"""

from __future__ import annotations

import linecache
import sys

import numpy as np

DTYPE = np.float32  # the article trains in float32, and so do we (float64 works too, for checking)


# ---- Part 1: the Tensor and its operations ------------------------------------------------------


class Tensor:
    """An array that remembers how it was computed, so a gradient can flow back through it."""

    # A fixed set of fields: an epoch makes about twenty tensors, and slots make each one cheaper.
    __slots__ = ("data", "grad", "requires_grad", "parents", "op", "name", "_backward", "__weakref__")

    def __init__(self, data, requires_grad=False, parents=(), op="", name=""):
        self.data = _array(data)
        self.grad = None  # dL/d(this tensor), a Tensor; None until backward() reaches it (as in torch)
        self.requires_grad = requires_grad
        self.parents = parents  # the tensors this one was computed from: the edges of the graph
        self.op = op  # the operation that made it ("*", "mean", ...); "" for a leaf made by hand
        self.name = name  # an optional label for pictures of the graph
        self._backward = None  # backward(g): given g = dL/d(self), send gradients to the parents

    # -- each operation: the forward result, and right beside it, its local backward --

    def __add__(self, other):
        other = _lift(other, self)

        def backward(g):  # d(a + b)/da = 1 and d(a + b)/db = 1: the gradient passes through unchanged
            self._accumulate(g)
            other._accumulate(g)

        return _node(self.data + other.data, (self, other), "+", backward)

    def __sub__(self, other):
        other = _lift(other, self)

        def backward(g):  # d(a - b)/da = 1 and d(a - b)/db = -1
            self._accumulate(g)
            other._accumulate(-g)

        return _node(self.data - other.data, (self, other), "-", backward)

    def __mul__(self, other):
        other = _lift(other, self)

        def backward(g):  # d(a * b)/da = b and d(a * b)/db = a
            self._accumulate(g * other.data)
            other._accumulate(g * self.data)

        return _node(self.data * other.data, (self, other), "*", backward)

    def __pow__(self, p):
        assert isinstance(p, (int, float)), "only a constant exponent, as in (Y_hat - Y) ** 2"

        def backward(g):  # d(a ** p)/da = p * a ** (p - 1)
            self._accumulate(g * (p * self.data ** (p - 1)))

        return _node(self.data**p, (self,), f"**{p}", backward)

    def __neg__(self):
        def backward(g):  # d(-a)/da = -1
            self._accumulate(-g)

        return _node(-self.data, (self,), "neg", backward)

    def sum(self):
        def backward(g):  # every element moves the sum by 1: each gets the whole gradient
            self._accumulate(np.broadcast_to(g, self.data.shape))

        return _node(self.data.sum(), (self,), "sum", backward)

    def mean(self):
        n = self.data.size

        def backward(g):  # every element moves the mean by 1/n
            self._accumulate(np.broadcast_to(g / n, self.data.shape))

        return _node(self.data.mean(), (self,), "mean", backward)

    def __getitem__(self, index):  # w, b = params  (Python unpacks by indexing: params[0], params[1])
        def backward(g):  # only the picked element gets a gradient; the others get 0
            grad = np.zeros_like(self.data)
            grad[index] = g
            self._accumulate(grad)

        return _node(self.data[index], (self,), f"[{index}]", backward)

    def __radd__(self, other):  # 2 + t
        return _lift(other, self) + self

    def __rsub__(self, other):  # 2 - t
        return _lift(other, self) - self

    def __rmul__(self, other):  # 2 * t
        return _lift(other, self) * self

    def __iter__(self):
        return (self[i] for i in range(len(self)))

    def __len__(self):
        return len(self.data)

    # -- the chain rule, applied from the loss backwards --

    def backward(self):
        """Fill in .grad of every tensor that this one was computed from and that requires a gradient."""
        order = topological_order(self)  # every node comes after the nodes it was computed from
        for node in order:
            if node.parents:
                node.grad = None  # an intermediate result's gradient belongs to this backward pass only
        self._accumulate(np.ones_like(self.data))  # dL/dL = 1
        for node in reversed(order):  # from the loss back to the parameters
            if node._backward is not None:
                node._backward(node.grad.data)

    def _accumulate(self, g):
        """Add g into self.grad. As in torch, gradients add up until someone zeroes them."""
        if not self.requires_grad:
            return
        g = _sum_to_shape(g, self.data.shape)
        if self.grad is None:
            self.grad = Tensor(g.copy())  # a copy of its own, so that += below never changes another array
        else:
            self.grad.data += g

    # -- the torch-like housekeeping the lessons use --

    def zero_(self):
        """Set every element to 0, in place (the lessons call params.grad.zero_())."""
        self.data[...] = 0
        return self

    def detach(self):
        """The same numbers, cut off from the graph: a new leaf (sharing the array, as in torch)."""
        return Tensor(self.data)

    def requires_grad_(self, requires_grad=True):
        self.requires_grad = requires_grad
        return self

    def item(self):
        return float(self.data)

    def numpy(self):
        return self.data

    def __array__(self, dtype=None, copy=None):  # np.array(tensor) gives its numbers
        return np.array(self.data, dtype=dtype)

    @property
    def shape(self):
        return self.data.shape

    def __repr__(self):
        extra = f", op='{self.op}'" if self.op else (", requires_grad=True" if self.requires_grad else "")
        return f"tensor({np.array2string(np.asarray(self.data), precision=4)}{extra})"


def tensor(data, requires_grad=False, dtype=DTYPE):
    """Like torch.tensor: a new leaf tensor holding a copy of the data."""
    return Tensor(np.array(data, dtype=dtype), requires_grad=requires_grad)


def stack(tensors):
    """Like torch.stack: one tensor from several, along a new first axis."""

    def backward(g):  # each input gets its own slice of the gradient
        for i, t in enumerate(tensors):
            t._accumulate(g[i])

    return _node(np.stack([t.data for t in tensors]), tuple(tensors), "stack", backward)


def _node(data, parents, op, backward):
    """The result of an operation. As in torch, it joins the graph only if some input needs a gradient."""
    if not any(p.requires_grad for p in parents):
        return Tensor(data)
    out = Tensor(data, requires_grad=True, parents=parents, op=op)
    out._backward = backward
    return out


def _lift(x, like):
    """A plain number becomes a constant tensor with the other operand's dtype (2 -> float32 2.0)."""
    return x if isinstance(x, Tensor) else Tensor(np.asarray(x, dtype=like.data.dtype))


def _array(x):
    """Tensor data is a float NumPy array (or, while tracing, a Traced stand-in for one)."""
    if isinstance(x, (np.ndarray, Traced)) and x.dtype.char in "fd":  # float32 or float64
        return x
    if isinstance(x, np.floating):
        return np.asarray(x)  # an operation on 0-d arrays returns a NumPy scalar: keep its dtype
    return np.asarray(x, dtype=DTYPE)


def _sum_to_shape(g, shape):
    """Undo broadcasting: a number used for many elements (w in w * X) collects all their gradients."""
    while g.ndim > len(shape):
        g = g.sum(axis=0)
    for axis, size in enumerate(shape):
        if size == 1 and g.shape[axis] != 1:
            g = g.sum(axis=axis, keepdims=True)
    return g


def topological_order(root):
    """Every tensor that root was computed from, each listed after all of its own parents."""
    order, seen = [], set()

    def visit(node):
        if id(node) not in seen:
            seen.add(id(node))
            for parent in node.parents:
                visit(parent)
            order.append(node)

    visit(root)
    return order


def graph_lines(root):
    """The graph behind root as readable lines, from the leaves to root: 'name = op(parents)  value  grad'."""
    order = topological_order(root)
    names = {id(n): n.name or f"t{i}" for i, n in enumerate(order)}
    lines = []
    for node in order:
        source = f"{node.op}({', '.join(names[id(p)] for p in node.parents)})" if node.parents else "leaf"
        value = np.array2string(np.asarray(node.data), precision=4, threshold=6)
        grad = (
            "" if node.grad is None else f"  grad {np.array2string(np.asarray(node.grad.data), precision=4)}"
        )
        flag = " (requires_grad)" if node.requires_grad and not node.parents else ""
        lines.append(f"{names[id(node)]} = {source}{flag}  value {value}{grad}")
    return lines


# ---- Part 2: tracing, our tf.function ----------------------------------------------------------
#
# A training step calls NumPy a few dozen times per epoch on arrays of 2 and 11 numbers. Each call is
# fast; building Tensors, closures and the topological order around them is what is slow. So we run the
# step once with `Traced` stand-ins for the arrays that change from epoch to epoch (the parameters and
# the optimizer's state). A stand-in computes the real value, and notes the NumPy call on the tape with
# a preallocated output array. `Tape.compile` turns the notes into a plain Python loop of NumPy calls
# with `out=` arrays: the same calls in the same order as the eager step, so the same float32 numbers.
# As with tf.function, Python code runs only while tracing: a Python `if` is decided once, and a
# Python number that changes per epoch (a step counter) must live in an array to be traced.


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
        return _text(self.fn, self.args, self.kwargs, self.target, self.names)

    def traced_args(self):
        return [a for a in _flat(list(self.args) + list(self.kwargs.values())) if isinstance(a, Traced)]

    def reads(self):
        """The Traced values this call reads (an in-place call reads its target too)."""
        if self.fn is np.copyto:
            inputs = [self.args[1]]
        else:
            inputs = list(self.args) + [v for k, v in self.kwargs.items() if k != "out"]
        return [a for a in _flat(inputs) if isinstance(a, Traced)]

    def substitute(self, old, new):
        self.args = _replace(self.args, old, new)
        self.kwargs = _replace(self.kwargs, old, new)
        if self.target is old:
            self.target = new


def _operators(ufunc):
    """a + b, b + a and a += b for a Traced a, as calls of the ufunc (np.add for +)."""

    def forward(a, b):
        return ufunc(a, b)

    def reflected(a, b):
        return ufunc(b, a)

    def in_place(a, b):
        return ufunc(a, b, out=a)

    return forward, reflected, in_place


class Traced:
    """A stand-in for a NumPy array while a Tape records: it computes for real and notes each call."""

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
            return Traced(self.tape, view, f"{self.name}[{_show(index)}]", self.root)
        element = Traced(
            self.tape, self.value[_with_ellipsis(index)], f"{self.name}[{_show(index)}]", self.root
        )
        return self.tape.call(np.copyto, (None, element), {})  # NumPy copies an element out: so do we

    def __setitem__(self, index, value):
        self.tape.call(_setitem, (self, index, value), {}, out=self)


def _setitem(array, index, value):
    array[index] = value


def _with_ellipsis(index):
    return (*index, Ellipsis) if isinstance(index, tuple) else (index, Ellipsis)  # a 0-d view, not a copy


def _fill_like(value):
    def like(tape, a, dtype=None, **kwargs):
        out = tape.call(np.copyto, (None, value), {}, like=a)
        return out

    return like


def _traced_stack(tape, arrays, axis=0):
    if axis != 0:
        raise TracingError("f2c.autodiff traces np.stack along axis 0 only")
    return tape.call(_stack, (list(arrays),), {}, like_value=np.stack([_values(a) for a in arrays]))


def _stack(arrays, out):
    """np.stack(arrays, out=out) along axis 0, as plain element copies (np.stack itself is slow Python)."""
    for i, a in enumerate(arrays):
        out[i] = a


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

_SYMBOLS = {np.add: "+", np.subtract: "-", np.multiply: "*", np.true_divide: "/", np.power: "**"}


def _show(x, names=None):
    """How an argument reads in a tape line."""
    if isinstance(x, Traced):
        return x.name
    if isinstance(x, (list, tuple)):
        inner = ", ".join(_show(v, names) for v in x)
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


class Tape:
    """Records the NumPy calls of one step; `compile` makes a replay loop of them."""

    def __init__(self):
        self.ops = []
        self.inputs = []  # (Traced, initial value): the arrays that carry over from epoch to epoch
        self.assigns = []  # (input, Traced): at the end of each step, input <- new value
        self.names = {}  # id(constant array) -> name, for readable lines
        self._count = 0

    def input(self, value, name):
        """A stand-in for an array that changes from epoch to epoch (parameters, optimizer state)."""
        value = np.array(value)
        traced = Traced(self, value.copy(), name)
        self.inputs.append((traced, value))
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
        elif fn is not _setitem and fn is not np.copyto:
            kwargs = {**kwargs, "out": out}
        op = Op(fn, args, kwargs, out, self.names, _where())
        op.fn(*_values(op.args), **_values(op.kwargs))
        self.ops.append(op)
        return out

    def compile(self, log_before=(), log_after=()):
        """A Function replaying the step; each epoch logs log_before (at its start) and log_after values."""
        return Function(self, list(log_before), list(log_after))


def _text(fn, args, kwargs, out, names):
    show = lambda x: _show(x, names)  # noqa: E731
    rest = {
        k: v for k, v in kwargs.items() if k not in ("out", "casting") and v is not None and v is not False
    }
    extra = "".join(f", {k}={show(v)}" for k, v in rest.items())
    if fn is _setitem:
        return f"{show(args[0])}[{show(args[1])}] = {show(args[2])}"
    if fn is np.copyto:
        what = show(args[1])
        return f"{out.name} = {what}.astype({out.dtype})" if "casting" in kwargs else f"{out.name} = {what}"
    if fn in _SYMBOLS and len(args) == 2:
        a, b = show(args[0]), show(args[1])
        if args[0] is out:
            return f"{a} {_SYMBOLS[fn]}= {b}"
        return f"{out.name} = {a} {_SYMBOLS[fn]} {b}"
    if fn is np.negative:
        return f"{out.name} = -{show(args[0])}"
    name = "sum" if fn == np.add.reduce else "stack" if fn is _stack else fn.__name__
    return f"{out.name} = {name}({', '.join(show(a) for a in args)}{extra})"


def _replace(x, old, new):
    if x is old:
        return new
    if isinstance(x, list):
        return [_replace(v, old, new) for v in x]
    if isinstance(x, tuple):
        return tuple(_replace(v, old, new) for v in x)
    if isinstance(x, dict):
        return {k: _replace(v, old, new) for k, v in x.items()}
    return x


def _values(x):
    """Replace every Traced in a (nested) argument by its array."""
    if isinstance(x, Traced):
        return x.value
    if isinstance(x, list):
        return [_values(v) for v in x]
    if isinstance(x, tuple):
        return tuple(_values(v) for v in x)
    if isinstance(x, dict):
        return {k: _values(v) for k, v in x.items()}
    return x


def _where():
    """The line of code outside this tracer that made the current call, e.g. 'model: return w * X + b'."""
    frame = sys._getframe(2)
    engine = None
    while frame is not None:
        code = frame.f_code
        inside = code.co_filename == __file__
        if inside and engine is None and code.co_qualname.startswith(("Tensor", "_sum_to_shape", "stack")):
            engine = code.co_qualname.replace(".<locals>.", " ")
        if not inside and "/numpy/" not in code.co_filename.replace("\\", "/"):
            line = linecache.getline(code.co_filename, frame.f_lineno).split("  #")[0].strip()
            user = f"{code.co_name}: {line}"
            return f"{user}  [{engine}]" if engine else user
        frame = frame.f_back
    return engine or ""


class Function:
    """A traced step, replayed as a loop of NumPy calls into preallocated arrays."""

    def __init__(self, tape, log_before, log_after):
        self.inputs = tape.inputs
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
            if op.fn is _setitem:
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


def _flat(x):
    if isinstance(x, (list, tuple)):
        return [y for v in x for y in _flat(v)]
    return [x]
