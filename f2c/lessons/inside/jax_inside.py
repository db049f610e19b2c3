"""See inside the JAX lesson: jax.grad's gradient, and the program JAX derives for it (a jaxpr).

torch records a tape while the forward pass runs; JAX instead traces the loss function once and writes a
new program, `jax.make_jaxpr(jax.grad(loss))`, that computes the gradient. Its equations are the graph:
the forward ones (slice, mul, add, ...), then the backward ones JAX derived from them, which start from
the seed dL/dL = 1 (`div 1.0 11.0` is d mean / d each term) and end at [dL/dw, dL/db].
"""

from __future__ import annotations

import itertools

import jax
import jax.numpy as jnp
import numpy as np

from f2c.lessons import BreakIt
from f2c.lessons.graph import Graph, Node
from f2c.lessons.jax_lesson import as_inputs, as_params, loss_fn, model


def _loss_of(X, Y):
    def loss(params):
        Y_hat = model(X, *params)
        return loss_fn(Y_hat, Y)

    return loss


def gradient(x, y, w, b):
    X, Y = as_inputs(x, y)
    grad = jax.grad(_loss_of(X, Y))(as_params([w, b], 2))
    return np.asarray(grad, dtype=np.float64)


def gradient_program(x, y, w, b):
    """`jax.make_jaxpr(jax.grad(loss))` at (w, b): the closed jaxpr; X and Y are its constants."""
    X, Y = as_inputs(x, y)
    return jax.make_jaxpr(jax.grad(_loss_of(X, Y)))(as_params([w, b], 2))


def gradient_graph_text(x, y, w, b):
    """The jaxpr as JAX prints it: one line per primitive the gradient function runs."""
    return str(gradient_program(x, y, w, b))


def _is_literal(var):
    return not hasattr(var, "count") and hasattr(var, "val")


def graph(x, y, w, b):
    """The jaxpr's equations as a Graph, each evaluated in order: forward nodes hold their value,
    backward nodes (everything that depends on the seed 1.0) the gradient they pass on."""
    closed = gradient_program(x, y, w, b)
    jaxpr = closed.jaxpr
    out = Graph("jax")
    env: dict[object, object] = {}
    producer: dict[object, str] = {}
    names = ("X", "Y")
    for i, (var, const) in enumerate(zip(jaxpr.constvars, closed.consts)):
        node = Node(f"c{i}", names[i] if i < len(names) else f"const{i}", "input", np.asarray(const))
        out.nodes.append(node)
        env[var], producer[var] = const, node.id
    (params_var,) = jaxpr.invars
    params = as_params([w, b], 2)
    leaf = Node("params", "params [w, b]", "leaf", np.asarray(params, dtype=np.float64))
    out.nodes.append(leaf)
    env[params_var], producer[params_var] = params, leaf.id
    backward: set[str] = set()
    for i, eqn in enumerate(jaxpr.eqns):
        inputs = [v.val if _is_literal(v) else env[v] for v in eqn.invars]
        result = eqn.primitive.bind(*inputs, **eqn.params)
        results = result if eqn.primitive.multiple_results else [result]
        sources = [producer[v] for v in eqn.invars if not _is_literal(v)]
        # the seed has only constants as inputs; every equation fed by a backward one is backward too
        is_backward = not sources or any(s in backward for s in sources)
        node = Node(f"e{i}", eqn.primitive.name, "backward" if is_backward else "forward")
        value = np.asarray(results[0], dtype=np.float64)
        if is_backward:
            node.grad = value
            backward.add(node.id)
            out.backward_order.append(node.id)
        else:
            node.value = value
        out.nodes.append(node)
        out.edges.extend((s, node.id) for s in dict.fromkeys(sources))
        for var, val in zip(eqn.outvars, results):
            env[var], producer[var] = val, node.id
    leaf.grad = np.asarray(env[jaxpr.outvars[0]], dtype=np.float64)
    out.backward_order.append(leaf.id)
    return out


# ---- Break it: 1. forgetting to zero the gradient ----------------------------------------------
#
# As in TensorFlow, there is nothing to forget: jax.grad returns a new gradient at every call. The bug only
# appears if you keep a running sum of gradients yourself and forget to reset it, which is what is shown.


def jax_step(params, grad_sum, X, Y, learning_rate, zero_grad=True):
    def loss_of(params):
        return loss_fn(model(X, *params), Y)

    loss, grad = jax.value_and_grad(loss_of)(params)  # always a new gradient: nothing to zero
    if zero_grad:
        grad_sum = jnp.zeros_like(grad_sum)  # only a hand-kept running sum needs resetting
    grad_sum = grad_sum + grad
    params = params - learning_rate * grad_sum
    return params, grad_sum, float(loss)


def forget_zero(x, y, learning_rate, w0, b0, zero_grad):
    X, Y = as_inputs(x, y)
    state = [as_params([w0, b0], 2), jnp.zeros(2, jnp.float32)]  # params, grad_sum

    def step():
        state[0], state[1], loss = jax_step(state[0], state[1], X, Y, learning_rate, zero_grad)
        return loss

    return step, lambda: tuple(float(v) for v in np.asarray(state[0]))


# ---- Break it: 2. updating the parameters inside the graph -------------------------------------


def jax_update_in_graph(params, X, Y, learning_rate):
    def loss_of(params):
        return loss_fn(model(X, *params), Y)

    grad = jax.grad(loss_of)(params)
    params = params - learning_rate * grad  # a new value: JAX keeps no graph this could break
    return params


def update_in_graph(x, y, learning_rate, w0, b0):
    """Nothing goes wrong: params is a plain value, and every jax.grad call traces afresh (no graph size)."""
    X, Y = as_inputs(x, y)
    params = as_params([w0, b0], 2)
    for _ in itertools.count():
        params = jax_update_in_graph(params, X, Y, learning_rate)
        yield None


BREAK_IT = BreakIt(jax_step, forget_zero, jax_update_in_graph, update_in_graph)
