"""f2c.autodiff against central finite differences and against torch autograd, plus its torch-like rules.

Tolerances, stated once:
- float64 against torch float64: rtol 1e-9 plus 1e-12 of the gradient's scale (the same maths in a possibly
  different summation order, so only rounding differs).
- float64 against central finite differences (step h = 1e-6 * max(1, |x|)): rtol 1e-5 plus 1e-6 of the
  gradient's scale. The truncation error is about h^2 * |f'''| and the rounding error about 1e-16 * |f| / h,
  both far below that for the bounded inputs drawn here (|x| <= 2, trees of depth <= 3).
- float32 against torch float32: rtol 1e-4 plus 1e-5 of the gradient's scale (float32 has 7 digits and
  the linear model's gradient is a sum of 20 terms, some cancelling).
- the traced replay (Tape) against the eager Tensor: bit for bit.
"""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from f2c.autodiff import replay, trace
from f2c.autodiff import tensor as ad

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

finite = st.floats(min_value=-2.0, max_value=2.0, allow_nan=False, allow_infinity=False, width=64)


def vector(n):
    return st.lists(finite, min_size=n, max_size=n).map(lambda v: np.array(v, dtype=np.float64))


def assert_grad_close(actual, expected, rtol, scale_tol):
    actual, expected = np.asarray(actual, np.float64), np.asarray(expected, np.float64)
    scale = max(1.0, float(np.abs(expected).max(initial=0.0)))
    np.testing.assert_allclose(actual, expected, rtol=rtol, atol=scale_tol * scale)


def central_differences(f, values, h_rel=1e-6):
    """d f / d values[k] for every input array, by (f(x + h) - f(x - h)) / 2h, one element at a time."""
    grads = []
    for k, value in enumerate(values):
        grad = np.zeros_like(value)
        for index in np.ndindex(value.shape):
            h = h_rel * max(1.0, abs(float(value[index])))
            plus = [v.copy() for v in values]
            minus = [v.copy() for v in values]
            plus[k][index] += h
            minus[k][index] -= h
            grad[index] = (f(plus) - f(minus)) / (2 * h)
        grads.append(grad)
    return grads


# ---- the lesson's model: the linear model's mean squared error --------------------------------


def linear_mse(X, Y, params):
    w, b = params  # unpacking by indexing, as model(X, *params) does
    return ((w * X + b - Y) ** 2).mean()


@SETTINGS
@given(st.integers(1, 20).flatmap(lambda n: st.tuples(vector(n), vector(n))), finite, finite)
def test_linear_mse_gradient_matches_finite_differences_and_torch(xy, w, b):
    X, Y = xy
    params = ad.tensor([w, b], requires_grad=True, dtype=np.float64)
    loss = linear_mse(X, Y, params)
    loss.backward()

    # the textbook formula
    residual = w * X + b - Y
    assert_grad_close(params.grad.data, [np.mean(2 * residual * X), np.mean(2 * residual)], 1e-12, 1e-12)
    # central finite differences in float64
    (fd,) = central_differences(lambda v: float(linear_mse(X, Y, v[0])), [np.array([w, b])])
    assert_grad_close(params.grad.data, fd, 1e-5, 1e-6)
    # torch autograd in float64
    tp = torch.tensor([w, b], dtype=torch.float64, requires_grad=True)
    linear_mse(torch.from_numpy(X), torch.from_numpy(Y), tp).backward()
    assert_grad_close(params.grad.data, tp.grad.numpy(), 1e-9, 1e-12)


@SETTINGS
@given(st.integers(1, 20).flatmap(lambda n: st.tuples(vector(n), vector(n))), finite, finite)
def test_float32_gradient_matches_torch_float32(xy, w, b):
    X, Y = (v.astype(np.float32) for v in xy)
    params = ad.tensor([w, b], requires_grad=True)
    loss = linear_mse(X, Y, params)
    loss.backward()
    assert loss.data.dtype == np.float32 and params.grad.data.dtype == np.float32
    tp = torch.tensor([w, b], dtype=torch.float32, requires_grad=True)
    tloss = linear_mse(torch.from_numpy(X), torch.from_numpy(Y), tp)
    tloss.backward()
    assert_grad_close(loss.data, tloss.detach().numpy(), 1e-5, 1e-6)
    assert_grad_close(params.grad.data, tp.grad.numpy(), 1e-4, 1e-5)


# ---- random expressions of +, -, *, **2, unary -, mean, sum and broadcasting -------------------
#
# An expression is a small tree over three inputs: a scalar s (shape ()), and vectors u and v (shape (n,)).
# Scalars broadcast against vectors, so w * X's rule (sum the gradient back to the scalar's shape) is
# exercised at every depth. The same tree is evaluated with our Tensors, with torch tensors and with
# plain float64 arrays (for the finite differences).

LEAVES = ("s", "u", "v", "const")
BINARY = ("+", "-", "*", "r+", "r-", "r*")  # r-: a constant on the left, as in 2 - t
UNARY = ("neg", "sq", "mean", "sum")


def trees(depth):
    leaf = st.tuples(st.sampled_from(LEAVES), st.floats(-2, 2, allow_nan=False))
    if depth == 0:
        return leaf
    sub = trees(depth - 1)
    return st.one_of(
        leaf,
        st.tuples(st.sampled_from(BINARY), sub, sub, st.floats(-2, 2, allow_nan=False)),
        st.tuples(st.sampled_from(UNARY), sub),
    )


def evaluate(tree, env):
    kind = tree[0]
    if kind in ("s", "u", "v"):
        return env[kind]
    if kind == "const":
        return env["s"] * 0 + tree[1]  # a constant that is still a tensor of the right kind
    if kind in UNARY:
        a = evaluate(tree[1], env)
        return {"neg": lambda: -a, "sq": lambda: a**2, "mean": a.mean, "sum": a.sum}[kind]()
    a, b, c = evaluate(tree[1], env), evaluate(tree[2], env), tree[3]
    return {
        "+": lambda: a + b,
        "-": lambda: a - b,
        "*": lambda: a * b,
        "r+": lambda: c + a,
        "r-": lambda: c - a,
        "r*": lambda: c * a,
    }[kind]()


def scalar_of(tree, env):
    out = evaluate(tree, env) * env["u"]  # make sure every input (and broadcasting) takes part
    return (out + env["s"] * env["v"]).mean()


@SETTINGS
@given(trees(3), st.integers(1, 6).flatmap(lambda n: st.tuples(finite, vector(n), vector(n))))
def test_random_expressions_match_finite_differences_and_torch(tree, inputs):
    s, u, v = np.float64(inputs[0]), inputs[1], inputs[2]
    ours = {
        "s": ad.tensor(s, requires_grad=True, dtype=np.float64),
        "u": ad.tensor(u, requires_grad=True, dtype=np.float64),
        "v": ad.tensor(v, requires_grad=True, dtype=np.float64),
    }
    out = scalar_of(tree, ours)
    out.backward()
    grads = [ours[k].grad.data for k in "suv"]

    theirs = {k: torch.tensor(x, dtype=torch.float64, requires_grad=True) for k, x in zip("suv", (s, u, v))}
    tout = scalar_of(tree, theirs)
    tout.backward()
    assert_grad_close(out.data, tout.detach().numpy(), 1e-9, 1e-12)
    for k, grad in zip("suv", grads):
        assert grad.shape == ours[k].data.shape  # broadcasting was undone back to the input's shape
        assert_grad_close(grad, theirs[k].grad.numpy(), 1e-9, 1e-12)

    def f(values):
        env = dict(zip("suv", (ad.tensor(x, dtype=np.float64) for x in values)))
        return float(scalar_of(tree, env).data)

    fd = central_differences(f, [np.array(s), u.copy(), v.copy()])
    for grad, expected in zip(grads, fd):
        assert_grad_close(grad, expected, 1e-5, 1e-6)


# ---- torch's rules: grads start as None, accumulate until zeroed, detach cuts the graph -------


def test_grad_is_none_until_backward_and_accumulates_without_zeroing():
    X = np.array([1.0, 2.0, 3.0], np.float32)
    Y = np.array([2.0, 4.0, 7.0], np.float32)
    params = ad.tensor([1.0, 0.5], requires_grad=True)
    assert params.grad is None

    linear_mse(X, Y, params).backward()
    once = params.grad.data.copy()
    grad_object = params.grad
    linear_mse(X, Y, params).backward()  # no zeroing: the second gradient is added to the first
    np.testing.assert_array_equal(params.grad.data, 2 * once)
    assert params.grad is grad_object  # accumulated in place, as torch's AccumulateGrad does

    params.grad.zero_()
    np.testing.assert_array_equal(params.grad.data, [0.0, 0.0])
    linear_mse(X, Y, params).backward()
    np.testing.assert_array_equal(params.grad.data, once)


def test_backward_twice_through_the_same_graph_adds_the_same_gradient():
    w = ad.tensor(3.0, requires_grad=True)
    y = w * w + w  # w used twice: 2w + 1 = 7
    y.backward()
    assert w.grad.item() == 7.0
    y.backward()
    assert w.grad.item() == 14.0


def test_detach_and_requires_grad():
    params = ad.tensor([1.0, 2.0], requires_grad=True)
    constant = ad.tensor([5.0, 5.0])
    out = params * constant
    assert out.requires_grad and out.op == "*" and out.parents == (params, constant)
    assert not (constant * 2).requires_grad and (constant * 2).parents == ()  # no graph without a need
    cut = out.detach()
    assert cut.parents == () and not cut.requires_grad and cut.data is out.data
    assert cut.requires_grad_() is cut and cut.requires_grad
    (out.mean()).backward()
    np.testing.assert_array_equal(params.grad.data, [2.5, 2.5])
    assert constant.grad is None


def test_scalar_times_vector_reduces_the_gradient_to_the_scalars_shape():
    w = ad.tensor(2.0, requires_grad=True)
    X = np.array([1.0, 2.0, 3.0, 4.0], np.float32)
    (w * X).sum().backward()
    assert w.grad.data.shape == () and w.grad.item() == 10.0
    keep = ad.tensor([[2.0]], requires_grad=True)  # a (1, 1) operand broadcast over (3, 4)
    (keep * np.ones((3, 4), np.float32)).mean().backward()
    assert keep.grad.data.shape == (1, 1) and keep.grad.data[0, 0] == pytest.approx(1.0)


def test_stack_and_unpacking():
    a, b = ad.tensor(1.0, requires_grad=True), ad.tensor(2.0, requires_grad=True)
    s = ad.stack([a, b])
    (s * np.array([3.0, 4.0], np.float32)).sum().backward()
    assert (a.grad.item(), b.grad.item()) == (3.0, 4.0)
    p = ad.tensor([1.0, 2.0], requires_grad=True)
    w, c = p
    assert w.op == "[0]" and c.op == "[1]" and w.parents == (p,)


def test_float32_throughout():
    p = ad.tensor([1.0, 0.01], requires_grad=True)
    out = linear_mse(np.ones(3, np.float32), np.zeros(3, np.float32), p)
    out.backward()
    assert p.data.dtype == out.data.dtype == p.grad.data.dtype == np.float32
    assert (0.1 * p).data.dtype == np.float32  # a Python number takes the tensor's dtype, as in torch


def test_graph_introspection():
    X = np.array([1.0, 2.0], np.float32)
    params = ad.tensor([1.0, 0.0], requires_grad=True)
    w, b = params
    loss = ((w * X + b - X) ** 2).mean()
    order = ad.topological_order(loss)
    assert order[-1] is loss and order[0] is params
    assert [n.op for n in order if n.parents] == ["[0]", "*", "[1]", "+", "-", "**2", "mean"]
    loss.backward()
    lines = ad.graph_lines(loss)
    assert lines[-1].startswith("t") and "mean(" in lines[-1] and "grad" in lines[0]


# ---- the tracer: one recorded step replays the same numbers ------------------------------------


def test_tape_replays_the_eager_numbers_bit_for_bit():
    X = np.array([35.7, 55.9, 58.2, 81.9], np.float32)
    Y = np.array([0.5, 14.0, 15.0, 28.0], np.float32)

    def step(params):
        loss = linear_mse(X, Y, params)
        loss.backward()
        return (params - 1e-4 * params.grad).detach().requires_grad_(), loss, params.grad

    eager = []
    params = ad.tensor([1.0, 0.01], requires_grad=True)
    for _ in range(50):
        before = params.data.copy()
        params, loss, grad = step(params)
        eager.append([*before, loss.data, *grad.data])

    tape = trace.Tape()
    tape.constant(X, "X")
    start = tape.input(np.array([1.0, 0.01], np.float32), "params")
    new, loss, grad = step(ad.Tensor(start, requires_grad=True))
    tape.assign(start, new.data)
    function = replay.function(tape, log_before=[start], log_after=[loss.data, grad.data])
    np.testing.assert_array_equal(function.run(20), np.array(eager[:20], np.float64))
    np.testing.assert_array_equal(function.run(30), np.array(eager[20:], np.float64))
    text = "\n".join(function.lines())
    assert " * X " in text and "= sum(" in text and " / 4 " in text  # X by name; mean as sum, then / 4
    assert "params = " in text and "end of the step" in text
    assert len(function.lines(recorded=True)) >= len(function.ops)


def test_tracing_refuses_python_numbers_from_traced_values():
    tape = trace.Tape()
    x = tape.input(np.array([1.0, 2.0], np.float32), "x")
    with pytest.raises(trace.TracingError):
        float((x * 2).sum())
    with pytest.raises(trace.TracingError):
        bool((x * 2).sum())
