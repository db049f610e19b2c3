"""The real autograd graph of one forward pass, found by walking the framework's own objects.

- torch: from `loss.grad_fn` through `next_functions` (MeanBackward0, PowBackward0, ..., AccumulateGrad);
  hooks on every node record the gradient each one passes on, in the order backward() really runs them.
- TensorFlow: the operations of the traced forward pass and of the tape's gradient (tf.function graph).
- our autodiff: its own Tensors, each with its op and parents (f2c.autodiff).

Each lesson walks its own framework's objects (f2c.lessons.inside); nothing here is drawn from a fixed
picture, and nothing here knows a framework. `to_dot` renders a Graph for st.graphviz_chart.
"""

from __future__ import annotations

import numpy as np

from f2c import lessons
from f2c.lessons.graph import Graph, Node

__all__ = ["Graph", "Node", "graph", "to_dot"]


def graph(framework: str, x, y, w: float, b: float) -> Graph:
    """The autograd graph of stage 2's step at (w, b), walked by the framework's lesson (Lesson.graph)."""
    return lessons.load(framework).graph(np.asarray(x, np.float32), np.asarray(y, np.float32), w, b)


def program(framework: str, x, y, w: float, b: float) -> str | None:
    """The gradient program the framework derived, as text (JAX: the jaxpr of jax.grad), or None."""
    return lessons.load(framework).program(x, y, w, b)


def _fmt(values: np.ndarray | None) -> str:
    if values is None:
        return ""
    flat = np.atleast_1d(np.asarray(values, dtype=np.float64)).ravel()
    # A pair (w, b) whole, else the first value and "…": a label's width sets how wide the widest rank is,
    # and so how small the graph is drawn (JAX's forward and backward side by side, at 1280 px).
    head = flat[:2] if flat.size <= 2 else flat[:1]
    shown = ", ".join(f"{v:.5g}" for v in head)
    return f"[{shown}{', …' if flat.size > head.size else ''}]"


def _quote(text: str) -> str:
    # Labels hold op names and numbers only; "\\n" inside them is Graphviz's line break.
    return '"' + text.replace('"', '\\"') + '"'


COLORS = {"forward": "#56B4E9", "backward": "#E69F00", "op": "#E69F00", "leaf": "#009E73", "input": "#BBBBBB"}


def to_dot(
    graph: Graph, value_label: str = "value", grad_label: str = "grad", upto: int | None = None
) -> str:
    """Graphviz DOT; with `upto`, only the first `upto` backward steps are lit (stepping through backward)."""
    lit = set(graph.backward_order if upto is None else graph.backward_order[:upto])
    # Top to bottom: the page is narrow and scrolls down, and a graph's depth (up to ~16 ops for
    # TensorFlow) is much larger than its breadth. Left to right, the graph was scaled to the column's width
    # and its text drawn about 5 px high; top to bottom it is drawn at its natural size (16 pt text).
    lines = [
        "digraph G {",
        "  rankdir=TB; nodesep=0.15; ranksep=0.25;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=16, margin="0.05,0.03"];',
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
