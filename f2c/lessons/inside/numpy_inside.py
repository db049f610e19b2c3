"""See inside the NumPy lesson: our own autodiff's gradient, its graph, and stage 2 broken on purpose."""

from __future__ import annotations

import itertools

import numpy as np

from f2c.autodiff import tensor as autodiff
from f2c.lessons import BreakIt
from f2c.lessons.graph import Graph, Node
from f2c.lessons.numpy_lesson import loss_fn, model


def gradient(x, y, w, b):
    params = autodiff.tensor([w, b], requires_grad=True)
    loss_fn(model(np.asarray(x, np.float32), *params), np.asarray(y, np.float32)).backward()
    return np.asarray(params.grad.data, dtype=np.float64)


def graph(x, y, w, b):
    """Stage 2's forward pass through f2c.autodiff: the Tensors themselves are the graph's nodes."""
    X = np.asarray(x, dtype=np.float32)
    Y = np.asarray(y, dtype=np.float32)
    params = autodiff.tensor([w, b], requires_grad=True)
    loss = loss_fn(model(X, *params), Y)
    loss.backward()

    order = autodiff.topological_order(loss)
    ids = {id(t): f"t{i}" for i, t in enumerate(order)}
    out = Graph("numpy")
    for t in order:
        if t.parents:
            kind, op = "op", t.op
        elif t.requires_grad:
            kind, op = "leaf", "params"
        else:
            kind, op = "input", "constant"
        grad = None if t.grad is None else np.asarray(t.grad.data).copy()
        out.nodes.append(Node(ids[id(t)], op, kind, np.asarray(t.data).copy(), grad))
        out.edges.extend((ids[id(p)], ids[id(t)]) for p in t.parents)
    # backward() visits the nodes in reverse topological order, handing each parent its gradient.
    out.backward_order = [ids[id(t)] for t in reversed(order) if t.parents or t.requires_grad]
    return out


# ---- Break it: 1. forgetting to zero the gradient ----------------------------------------------


def autodiff_step(params, X, Y, learning_rate, zero_grad=True):
    if zero_grad and params.grad is not None:
        params.grad.zero_()  # the line that is easy to forget
    loss = loss_fn(model(X, *params), Y)
    loss.backward()  # ADDS this epoch's gradient into params.grad
    params.data -= learning_rate * params.grad.data  # update the numbers, outside the graph
    return float(loss.data)


def forget_zero(x, y, learning_rate, w0, b0, zero_grad):
    params = autodiff.tensor([w0, b0], requires_grad=True)
    X, Y = np.asarray(x, np.float32), np.asarray(y, np.float32)
    return (
        lambda: autodiff_step(params, X, Y, learning_rate, zero_grad),
        lambda: tuple(float(v) for v in params.data),
    )


# ---- Break it: 2. updating the parameters inside the graph -------------------------------------


def autodiff_update_in_graph(params, X, Y, learning_rate):
    if params.grad is not None:
        params.grad.zero_()
    loss = loss_fn(model(X, *params), Y)
    loss.backward()
    params = params - learning_rate * params.grad  # forgot .detach(): the update joins the graph
    return params, loss


def update_in_graph(x, y, learning_rate, w0, b0):
    """Our autodiff raises nothing: each epoch yields the size of the graph, which keeps growing."""
    params = autodiff.tensor([w0, b0], requires_grad=True)
    X, Y = np.asarray(x, np.float32), np.asarray(y, np.float32)
    for _ in itertools.count():
        params, loss = autodiff_update_in_graph(params, X, Y, learning_rate)
        yield len(autodiff.topological_order(loss))


BREAK_IT = BreakIt(autodiff_step, forget_zero, autodiff_update_in_graph, update_in_graph)
