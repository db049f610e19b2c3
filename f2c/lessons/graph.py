"""The autograd graph of one step as plain data: what `Lesson.graph` returns and f2c.explain.graphs draws.

It lives here, below explain/, so that each lesson can build it from its framework's own objects.
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
