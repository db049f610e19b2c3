"""The real autograd graph of one forward pass, found by walking the framework's own objects.

- torch: from `loss.grad_fn` through `next_functions` (MeanBackward0, PowBackward0, ..., AccumulateGrad);
  hooks on every node record the gradient each one passes on, in the order backward() really runs them.
- TensorFlow: the operations of the traced forward pass and of the tape's gradient (tf.function graph).
- our autodiff: its own Tensors, each with its op and parents (f2c.autodiff).

Nothing here is drawn from a fixed picture. `to_dot` renders a Graph for st.graphviz_chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class Node:
    id: str
    op: str
    kind: str = "forward"  # forward (TF op), backward (torch grad_fn), op (our Tensor), leaf, input
    value: np.ndarray | None = None
    grad: np.ndarray | None = None


@dataclass
class Graph:
    framework: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[tuple[str, str]] = field(default_factory=list)  # (from, to) in the forward direction
    backward_order: list[str] = field(default_factory=list)  # node ids in the order backward visits them

    def ops(self) -> list[str]:
        return [n.op for n in self.nodes]

    def node(self, node_id: str) -> Node:
        return next(n for n in self.nodes if n.id == node_id)


def torch_graph(x, y, w: float, b: float) -> Graph:
    """Stage 2's forward pass in torch, then backward() with a hook on every node of loss.grad_fn."""
    import torch

    from f2c.lessons import torch_lesson as lesson

    X = torch.tensor(np.asarray(x, dtype=np.float32))
    Y = torch.tensor(np.asarray(y, dtype=np.float32))
    params = torch.tensor([w, b], dtype=torch.float32, requires_grad=True)
    loss = lesson.loss_fn(lesson.model(X, *params), Y)

    graph = Graph("torch")
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
        graph.nodes.append(node)

        def hook(grad_inputs, grad_outputs, node=node):
            graph.backward_order.append(node.id)
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
                graph.edges.append((ids[nxt], fn_id))
    loss.backward()
    for node in graph.nodes:
        if node.op == "AccumulateGrad":
            node.grad = params.grad.detach().numpy().copy()
    return graph


def autodiff_graph(x, y, w: float, b: float) -> Graph:
    """Stage 2's forward pass through f2c.autodiff: the Tensors themselves are the graph's nodes."""
    from f2c.autodiff import tensor as autodiff
    from f2c.lessons import numpy_lesson as lesson

    X = np.asarray(x, dtype=np.float32)
    Y = np.asarray(y, dtype=np.float32)
    params = autodiff.tensor([w, b], requires_grad=True)
    loss = lesson.loss_fn(lesson.model(X, *params), Y)
    loss.backward()

    order = autodiff.topological_order(loss)
    ids = {id(t): f"t{i}" for i, t in enumerate(order)}
    graph = Graph("numpy")
    for t in order:
        if t.parents:
            kind, op = "op", t.op
        elif t.requires_grad:
            kind, op = "leaf", "params"
        else:
            kind, op = "input", "constant"
        grad = None if t.grad is None else np.asarray(t.grad.data).copy()
        graph.nodes.append(Node(ids[id(t)], op, kind, np.asarray(t.data).copy(), grad))
        graph.edges.extend((ids[id(p)], ids[id(t)]) for p in t.parents)
    # backward() visits the nodes in reverse topological order, handing each parent its gradient.
    graph.backward_order = [ids[id(t)] for t in reversed(order) if t.parents or t.requires_grad]
    return graph


HIDDEN_TF_OPS = {"Const", "Identity", "NoOp", "Shape"}


def tf_graph(x, y, w: float, b: float) -> Graph:
    """The operations TensorFlow traces for stage 2: the forward pass and the tape's gradient."""
    import tensorflow as tf

    from f2c.lessons import tf_lesson as lesson

    X = tf.constant(np.asarray(x, dtype=np.float32))
    Y = tf.constant(np.asarray(y, dtype=np.float32))

    @tf.function(autograph=False)
    def forward_and_gradient(params):
        with tf.GradientTape() as tape:
            tape.watch(params)
            loss = lesson.loss_fn(lesson.model(X, params[0], params[1]), Y)
        return loss, tape.gradient(loss, params)

    concrete = forward_and_gradient.get_concrete_function(tf.TensorSpec([2], tf.float32))
    graph = Graph("tensorflow")
    shown = [op for op in concrete.graph.get_operations() if op.type not in HIDDEN_TF_OPS]
    names = {op.name for op in shown}
    for op in shown:
        kind = (
            "input" if op.type == "Placeholder" else ("backward" if "gradient_tape" in op.name else "forward")
        )
        graph.nodes.append(Node(op.name, op.type, kind))
        for tensor in op.inputs:
            if tensor.op.name in names:
                graph.edges.append((tensor.op.name, op.name))
    graph.backward_order = [n.id for n in graph.nodes if n.kind == "backward"]
    loss, grad = forward_and_gradient(tf.constant([w, b], dtype=tf.float32))
    graph.nodes[0].value = np.array([w, b], dtype=np.float32)
    graph.nodes[0].grad = grad.numpy()
    return graph


def _fmt(values: np.ndarray | None) -> str:
    if values is None:
        return ""
    flat = np.atleast_1d(np.asarray(values, dtype=np.float64)).ravel()
    shown = ", ".join(f"{v:.5g}" for v in flat[:3])
    return f"[{shown}{', …' if flat.size > 3 else ''}]"


def _quote(text: str) -> str:
    # Labels hold op names and numbers only; "\\n" inside them is Graphviz's line break.
    return '"' + text.replace('"', '\\"') + '"'


COLORS = {"forward": "#56B4E9", "backward": "#E69F00", "op": "#E69F00", "leaf": "#009E73", "input": "#BBBBBB"}


def to_dot(
    graph: Graph, value_label: str = "value", grad_label: str = "grad", upto: int | None = None
) -> str:
    """Graphviz DOT; with `upto`, only the first `upto` backward steps are lit (stepping through backward)."""
    lit = set(graph.backward_order if upto is None else graph.backward_order[:upto])
    lines = [
        "digraph G {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
    ]
    for node in graph.nodes:
        label = node.op
        if node.value is not None:
            label += f"\\n{value_label} {_fmt(node.value)}"
        if node.grad is not None and (node.id in lit or node.kind in ("input",)):
            label += f"\\n{grad_label} {_fmt(node.grad)}"
        color = COLORS[node.kind] if (node.kind == "forward" or node.id in lit or upto is None) else "#DDDDDD"
        lines.append(f"  {_quote(node.id)} [label={_quote(label)}, fillcolor={_quote(color)}];")
    for src, dst in graph.edges:
        lines.append(f"  {_quote(src)} -> {_quote(dst)};")
    lines.append("}")
    return "\n".join(lines)
