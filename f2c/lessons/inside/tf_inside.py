"""See inside the TensorFlow lesson: the tape's gradient, the traced graph, stage 2 broken on purpose."""

from __future__ import annotations

import itertools

import numpy as np
import tensorflow as tf

from f2c.lessons import BreakIt
from f2c.lessons.graph import Graph, Node
from f2c.lessons.tf_lesson import as_inputs, loss_fn, model


def gradient(x, y, w, b):
    X, Y = as_inputs(x, y)
    params = tf.constant([w, b], dtype=tf.float32)
    with tf.GradientTape() as tape:
        tape.watch(params)
        loss = loss_fn(model(X, *tf.unstack(params)), Y)
    return tape.gradient(loss, params).numpy().astype(np.float64)


HIDDEN_TF_OPS = {"Const", "Identity", "NoOp", "Shape"}


def graph(x, y, w, b):
    """The operations TensorFlow traces for stage 2: the forward pass and the tape's gradient."""
    X, Y = as_inputs(x, y)

    @tf.function(autograph=False)
    def forward_and_gradient(params):
        with tf.GradientTape() as tape:
            tape.watch(params)
            loss = loss_fn(model(X, params[0], params[1]), Y)
        return loss, tape.gradient(loss, params)

    concrete = forward_and_gradient.get_concrete_function(tf.TensorSpec([2], tf.float32))
    out = Graph("tensorflow")
    shown = [op for op in concrete.graph.get_operations() if op.type not in HIDDEN_TF_OPS]
    names = {op.name for op in shown}
    for op in shown:
        kind = (
            "input" if op.type == "Placeholder" else ("backward" if "gradient_tape" in op.name else "forward")
        )
        out.nodes.append(Node(op.name, op.type, kind))
        for tensor in op.inputs:
            if tensor.op.name in names:
                out.edges.append((tensor.op.name, op.name))
    out.backward_order = [n.id for n in out.nodes if n.kind == "backward"]
    loss, grad = forward_and_gradient(tf.constant([w, b], dtype=tf.float32))
    out.nodes[0].value = np.array([w, b], dtype=np.float32)
    out.nodes[0].grad = grad.numpy()
    return out


# ---- Break it: 1. forgetting to zero the gradient ----------------------------------------------


def tensorflow_step(params, grad_sum, X, Y, learning_rate, zero_grad=True):
    with tf.GradientTape() as tape:
        loss = loss_fn(model(X, *tf.unstack(params)), Y)
    gradients = tape.gradient(loss, params)  # always a fresh gradient: nothing to zero
    if zero_grad:
        grad_sum.assign(tf.zeros_like(grad_sum))  # only a hand-kept running sum needs resetting
    grad_sum.assign_add(gradients)
    params.assign_sub(learning_rate * grad_sum)
    return float(loss)


def forget_zero(x, y, learning_rate, w0, b0, zero_grad):
    X, Y = as_inputs(x, y)
    params = tf.Variable([w0, b0], dtype=tf.float32)
    grad_sum = tf.Variable([0.0, 0.0], dtype=tf.float32)
    return (
        lambda: tensorflow_step(params, grad_sum, X, Y, learning_rate, zero_grad),
        lambda: tuple(float(v) for v in params.numpy()),
    )


# ---- Break it: 2. updating the parameters inside the graph -------------------------------------


def tensorflow_update_in_graph(params, X, Y, learning_rate):
    with tf.GradientTape() as tape:  # no tape.watch: the tape follows Variables only
        loss = loss_fn(model(X, *tf.unstack(params)), Y)
    gradients = tape.gradient(loss, params)
    params = params - learning_rate * gradients  # a new plain Tensor, no longer the Variable
    return params, loss


def update_in_graph(x, y, learning_rate, w0, b0):
    """The second epoch's gradient is None (the Variable became a Tensor): TypeError in the update."""
    X, Y = as_inputs(x, y)
    params = tf.Variable([w0, b0], dtype=tf.float32)
    for _ in itertools.count():
        params, _ = tensorflow_update_in_graph(params, X, Y, learning_rate)
        yield None


BREAK_IT = BreakIt(tensorflow_step, forget_zero, tensorflow_update_in_graph, update_in_graph)
