"""f2c's own autograd: reverse-mode automatic differentiation on NumPy arrays, from scratch.

Read it like micrograd (karpathy/micrograd): every operation computes its result (forward) and, right
beside it, says how to pass a gradient back to its inputs (its local backward, one line of calculus).
`backward()` then visits the graph from the loss back to the parameters and applies the chain rule,
one node at a time. The names follow torch, so the lessons read the same in both:
`Tensor`, `.grad`, `.backward()`, `.grad.zero_()`, `.detach()`, `.requires_grad_()`.

This file knows nothing of tracing: our `tf.function` (f2c.autodiff.trace) runs these very operations
with stand-in arrays that note each NumPy call, so any object that behaves like a float array will do.
"""

from __future__ import annotations

import numpy as np

DTYPE = np.float32  # the article trains in float32, and so do we (float64 works too, for checking)


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
    if isinstance(x, Tensor):
        return x
    dtype = like.data.dtype
    if isinstance(x, (np.ndarray, np.generic, int, float)):
        return Tensor(np.asarray(x, dtype=dtype))  # X stays X: no copy of an array already float32
    return Tensor(x.astype(dtype))  # something that acts as a number (a tracer's learning rate) casts itself


def _array(x):
    """Tensor data is a float array: a NumPy array, or anything that acts as one (a tracer's stand-in)."""
    if isinstance(x, np.floating):
        return np.asarray(x)  # an operation on 0-d arrays returns a NumPy scalar: keep its dtype
    if not isinstance(x, np.generic) and getattr(getattr(x, "dtype", None), "char", "") in ("f", "d"):
        return x  # float32 or float64, kept as it is (and never copied: a traced step writes into it)
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
