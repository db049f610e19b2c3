"""The autograd graphs are walked from the frameworks' own objects and hold the forward's operations."""

from functools import partial

import numpy as np
import pytest

from f2c.core.data import article
from f2c.explain.graphs import graph, to_dot

autodiff_graph, tf_graph, torch_graph = (partial(graph, f) for f in ("numpy", "tensorflow", "torch"))


def test_torch_graph_is_walked_from_grad_fn():
    d = article()
    graph = torch_graph(d.x, d.y, 1.0, 0.01)
    ops = graph.ops()
    for op in (
        "MeanBackward0",
        "PowBackward0",
        "SubBackward0",
        "AddBackward0",
        "MulBackward0",
        "AccumulateGrad",
    ):
        assert op in ops, (op, ops)
    # backward() visits the loss's node first and ends at the leaf parameters.
    assert graph.node(graph.backward_order[0]).op == "MeanBackward0"
    assert set(graph.backward_order) == {n.id for n in graph.nodes}
    leaf = next(n for n in graph.nodes if n.op == "AccumulateGrad")
    np.testing.assert_allclose(leaf.value, [1.0, 0.01], rtol=1e-7)
    np.testing.assert_allclose(leaf.grad, [4518.3325, 82.62], rtol=1e-5)
    # Mean's gradient is 1/N for each of the 11 points.
    mean = graph.node(graph.backward_order[0])
    np.testing.assert_allclose(mean.grad, np.full(11, 1 / 11), rtol=1e-6)
    ids = {n.id for n in graph.nodes}
    assert all(src in ids and dst in ids for src, dst in graph.edges)
    assert len(graph.edges) >= len(graph.nodes) - 1  # connected: every node reaches the loss


def test_tf_graph_has_forward_and_gradient_operations():
    d = article()
    graph = tf_graph(d.x, d.y, 1.0, 0.01)
    forward = [n.op for n in graph.nodes if n.kind == "forward"]
    for op in ("StridedSlice", "Mul", "AddV2", "Sub", "Pow", "Mean"):
        assert op in forward, (op, forward)
    backward = [n.op for n in graph.nodes if n.kind == "backward"]
    assert "StridedSliceGrad" in backward and len(backward) >= 5
    np.testing.assert_allclose(graph.nodes[0].grad, [4518.3325, 82.62], rtol=1e-5)


@pytest.mark.parametrize("upto", (None, 0, 3))
def test_dot_is_well_formed(upto):
    d = article()
    dot = to_dot(torch_graph(d.x, d.y, 1.0, 0.0), upto=upto)
    assert dot.startswith("digraph G {") and dot.endswith("}")
    assert dot.count("->") == len(torch_graph(d.x, d.y, 1.0, 0.0).edges)
    assert ("4517.3" in dot) == (upto is None)


def test_autodiff_graph_is_our_own_tensors():
    d = article()
    graph = autodiff_graph(d.x, d.y, 1.0, 0.01)
    ops = [n.op for n in graph.nodes if n.kind == "op"]
    for op in ("*", "+", "-", "**2", "mean"):
        assert any(o.startswith(op) for o in ops), (op, ops)
    leaf = next(n for n in graph.nodes if n.kind == "leaf")
    np.testing.assert_allclose(leaf.grad, [4518.3325, 82.62], rtol=1e-5)
    assert graph.node(graph.backward_order[0]).op == "mean"
    assert graph.node(graph.backward_order[-1]).kind == "leaf"
    ids = {n.id for n in graph.nodes}
    assert all(src in ids and dst in ids for src, dst in graph.edges)
