"""See inside the torch lesson: autograd's gradient, the graph behind loss.grad_fn, stage 2 broken on purpose."""

from __future__ import annotations

import itertools

import numpy as np
import torch

from f2c.lessons import BreakIt
from f2c.lessons.graph import Graph, Node
from f2c.lessons.torch_lesson import as_inputs, loss_fn, model


def gradient(x, y, w, b):
    X, Y = as_inputs(x, y)
    params = torch.tensor([w, b], dtype=torch.float32, requires_grad=True)
    loss_fn(model(X, *params), Y).backward()
    return params.grad.detach().numpy().astype(np.float64)


def graph(x, y, w, b):
    """Stage 2's forward pass in torch, then backward() with a hook on every node of loss.grad_fn."""
    X, Y = as_inputs(x, y)
    params = torch.tensor([w, b], dtype=torch.float32, requires_grad=True)
    loss = loss_fn(model(X, *params), Y)

    out = Graph("torch")
    ids: dict[object, str] = {}
    stack = [loss.grad_fn]
    while stack:
        fn = stack.pop()
        if fn in ids:
            continue
        ids[fn] = f"n{len(ids)}"
        name = fn.name().rsplit("::", 1)[-1]
        node = Node(ids[fn], name, "leaf" if name == "AccumulateGrad" else "backward")
        if name == "AccumulateGrad":
            node.value = fn.variable.detach().numpy().copy()
        out.nodes.append(node)

        def hook(grad_inputs, grad_outputs, node=node):
            out.backward_order.append(node.id)
            passed = [g for g in grad_inputs if g is not None] or [g for g in grad_outputs if g is not None]
            if passed:
                node.grad = np.concatenate([np.atleast_1d(g.detach().numpy()) for g in passed])

        fn.register_hook(hook)
        for nxt, _ in fn.next_functions:
            if nxt is not None:
                stack.append(nxt)
    for fn, fn_id in ids.items():
        for nxt, _ in fn.next_functions:
            if nxt is not None:
                out.edges.append((ids[nxt], fn_id))
    loss.backward()
    for node in out.nodes:
        if node.op == "AccumulateGrad":
            node.grad = params.grad.detach().numpy().copy()
    return out


# ---- Break it: 1. forgetting to zero the gradient ----------------------------------------------


def torch_step(params, X, Y, learning_rate, zero_grad=True):
    if zero_grad and params.grad is not None:
        params.grad.zero_()  # the line that is easy to forget
    loss = loss_fn(model(X, *params), Y)
    loss.backward()  # ADDS this epoch's gradient into params.grad
    with torch.no_grad():
        params -= learning_rate * params.grad
    return float(loss.detach())


def forget_zero(x, y, learning_rate, w0, b0, zero_grad):
    X, Y = as_inputs(x, y)
    params = torch.tensor([w0, b0], dtype=torch.float32, requires_grad=True)
    return (
        lambda: torch_step(params, X, Y, learning_rate, zero_grad),
        lambda: tuple(float(v) for v in params.detach().numpy()),
    )


# ---- Break it: 2. updating the parameters inside the graph -------------------------------------


def torch_update_in_graph(params, X, Y, learning_rate):
    loss = loss_fn(model(X, *params), Y)
    loss.backward()
    params -= learning_rate * params.grad  # forgot `with torch.no_grad():`
    return loss


def update_in_graph(x, y, learning_rate, w0, b0):
    """torch refuses the in-place update of a leaf that requires grad: the first next() raises."""
    X, Y = as_inputs(x, y)
    params = torch.tensor([w0, b0], dtype=torch.float32, requires_grad=True)
    for _ in itertools.count():
        torch_update_in_graph(params, X, Y, learning_rate)
        yield None


BREAK_IT = BreakIt(torch_step, forget_zero, torch_update_in_graph, update_in_graph)
