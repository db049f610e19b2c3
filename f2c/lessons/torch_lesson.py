"""The article's three stages in PyTorch, float32, written the way the article writes them.

Stage 1 writes the gradient by hand. Stage 2 lets autograd find it (`loss.backward()`). Stage 3 hands
the update to a `torch.optim` optimizer. Same names, same order as numpy_lesson.py and tf_lesson.py.

The "compiled" mode runs the same lesson through `torch.compile`. `loss.backward()` and
`optimizer.step()` mutate tensors behind the compiler's back, so the compiled stages 2 and 3 ask
`torch.func.grad_and_value` for the very gradient `loss.backward()` computes, and apply the optimizer's
update as a pure function with torch.optim's formulas (COMPILED_STEPS, OPTIMIZER_UPDATES).
"""

from __future__ import annotations

import contextlib
import time
import types

import numpy as np
import torch
import torch.optim as optim

from f2c.core.config import HYPERPARAMS
from f2c.lessons import ModeUnavailable


def model(X, w, b):
    return w * X + b


def loss_fn(Y_hat, Y):
    squared_diffs = (Y_hat - Y) ** 2
    return squared_diffs.mean()


# ---- Stage 1: hand-written backprop, hand-written update -------------------------------------


def dloss_fn(Y_hat, Y):
    dsq_diffs = 2 * (Y_hat - Y)
    return dsq_diffs


def dmodel_dw(X, w, b):
    return X


def dmodel_db(X, w, b):
    return 1.0


def grad_fn(X, Y, Y_hat, w, b):
    dloss_dw = dloss_fn(Y_hat, Y) * dmodel_dw(X, w, b)
    dloss_db = dloss_fn(Y_hat, Y) * dmodel_db(X, w, b)
    return torch.stack([dloss_dw.mean(), dloss_db.mean()])


def stage1_step(params, X, Y, learning_rate):
    w, b = params

    Y_hat = model(X, w, b)
    loss = loss_fn(Y_hat, Y)
    grad = grad_fn(X, Y, Y_hat, w, b)

    params = params - learning_rate * grad  # hand-written gradient descent
    return params, loss, grad


# ---- Stage 2: autograd, hand-written update --------------------------------------------------


def stage2_step(params, X, Y, learning_rate):
    if params.grad is not None:  # clear the gradient of the previous epoch
        params.grad.zero_()

    Y_hat = model(X, *params)
    loss = loss_fn(Y_hat, Y)
    loss.backward()  # autograd fills params.grad
    grad = params.grad

    params = (params - learning_rate * params.grad).detach().requires_grad_()
    return params, loss, grad


# ---- Stage 3: autograd and the optimizer -----------------------------------------------------


def stage3_step(params, X, Y, optimizer):
    Y_hat = model(X, *params)
    loss = loss_fn(Y_hat, Y)

    optimizer.zero_grad()
    loss.backward()
    grad = params.grad
    optimizer.step()  # updates params in place
    return params, loss, grad


def make_optimizer(name, params, learning_rate):
    """Stage 3's optimizer, every hyper-parameter written out (f2c.core.config.HYPERPARAMS)."""
    hp = HYPERPARAMS[name]
    if name == "sgd":
        return optim.SGD(
            [params],
            lr=learning_rate,
            momentum=0.0,
            dampening=0.0,
            weight_decay=0.0,
            nesterov=False,
            foreach=False,
        )
    if name == "momentum":
        return optim.SGD(
            [params],
            lr=learning_rate,
            momentum=hp["momentum"],
            dampening=0.0,
            weight_decay=0.0,
            nesterov=False,
            foreach=False,
        )
    if name == "adam":
        return optim.Adam(
            [params],
            lr=learning_rate,
            betas=(hp["beta1"], hp["beta2"]),
            eps=hp["eps"],
            weight_decay=0.0,
            amsgrad=False,
            foreach=False,
        )
    if name == "rmsprop":
        return optim.RMSprop(
            [params],
            lr=learning_rate,
            alpha=hp["rho"],
            eps=hp["eps"],
            weight_decay=0.0,
            momentum=0.0,
            centered=False,
            foreach=False,
        )
    raise ValueError(f"unknown optimizer {name!r}")


STEPS = {1: stage1_step, 2: stage2_step, 3: stage3_step}


# ---- The same stages as torch.compile runs them ----------------------------------------------


def loss_at(params, X, Y):
    Y_hat = model(X, *params)
    return loss_fn(Y_hat, Y)


def compiled_stage2_step(params, X, Y, learning_rate):
    # the gradient loss.backward() would leave in params.grad, as a value
    grad, loss = torch.func.grad_and_value(loss_at)(params, X, Y)

    params = params - learning_rate * grad  # hand-written gradient descent
    return params, loss, grad


def compiled_stage3_step(params, X, Y, learning_rate, opt_state, optimizer_update):
    grad, loss = torch.func.grad_and_value(loss_at)(params, X, Y)

    # optimizer.step(), as a function: new params and new optimizer state
    params, opt_state = optimizer_update(params, grad, opt_state, learning_rate)
    return params, opt_state, loss, grad


# torch.optim's update formulas (single-tensor path), operation for operation.


def sgd_update(params, grad, state, learning_rate):
    return params - learning_rate * grad, state


def momentum_update(params, grad, state, learning_rate, momentum=HYPERPARAMS["momentum"]["momentum"]):
    (buf,) = state
    buf = buf * momentum + grad  # starts at zero: the first step is buf = grad, as in torch.optim
    return params - learning_rate * buf, (buf,)


def adam_update(params, grad, state, learning_rate, hp=HYPERPARAMS["adam"]):
    exp_avg, exp_avg_sq, step = state
    beta1, beta2 = hp["beta1"], hp["beta2"]
    step = step + 1
    exp_avg = exp_avg.lerp(grad, 1 - beta1)
    exp_avg_sq = exp_avg_sq * beta2 + (1 - beta2) * grad * grad
    bias_correction1 = 1 - beta1**step
    bias_correction2 = 1 - beta2**step
    step_size = learning_rate / bias_correction1
    denom = exp_avg_sq.sqrt() / bias_correction2**0.5 + hp["eps"]
    params = params - step_size * exp_avg / denom
    return params, (exp_avg, exp_avg_sq, step)


def rmsprop_update(params, grad, state, learning_rate, hp=HYPERPARAMS["rmsprop"]):
    (square_avg,) = state
    square_avg = square_avg * hp["rho"] + (1 - hp["rho"]) * grad * grad
    avg = square_avg.sqrt() + hp["eps"]
    params = params - learning_rate * grad / avg
    return params, (square_avg,)


COMPILED_STEPS = {1: stage1_step, 2: compiled_stage2_step, 3: compiled_stage3_step}
OPTIMIZER_UPDATES = {
    "sgd": sgd_update,
    "momentum": momentum_update,
    "adam": adam_update,
    "rmsprop": rmsprop_update,
}


def initial_opt_state(name):
    """The optimizer's state before the first step, as torch.optim starts it."""
    zeros = torch.zeros(2)
    if name == "momentum":
        return (zeros,)
    if name == "adam":
        # the step counter in float64, like the Python number torch.optim keeps it as
        return (zeros, zeros.clone(), torch.tensor(0.0, dtype=torch.float64))
    if name == "rmsprop":
        return (zeros,)
    return ()


# ---- Runners: drive a step for n epochs and record every epoch -------------------------------


def make_runner(stage, optimizer, learning_rate, w0, b0, X, Y, mode):
    X = torch.tensor(np.asarray(X), dtype=torch.float32)
    Y = torch.tensor(np.asarray(Y), dtype=torch.float32)
    if mode == "eager":
        return EagerRunner(stage, optimizer, learning_rate, w0, b0, X, Y)
    if mode == "compiled":
        return CompiledRunner(stage, optimizer, learning_rate, w0, b0, X, Y)
    raise ModeUnavailable(f"torch has no mode {mode!r}")


class EagerRunner:
    """Calls STEPS[stage] once per epoch, exactly as the article's loop does."""

    mode = "eager"
    compile_seconds = 0.0
    notice = None

    def __init__(self, stage, optimizer, learning_rate, w0, b0, X, Y):
        self.stage = stage
        self.X, self.Y = X, Y
        self._params = torch.tensor([w0, b0], dtype=torch.float32, requires_grad=stage > 1)
        if stage == 3:
            self._arg = make_optimizer(optimizer, self._params, learning_rate)
        else:
            # The learning rate as a float32 tensor: `learning_rate * grad` with a Python float first
            # wraps the float into a new double tensor and promotes it, about 1 us of a 42 us epoch
            # (measured: 2.0 against 0.9 us per multiplication). The product is the same float32 number,
            # since torch multiplies a float32 tensor by a Python float in float32.
            self._arg = torch.tensor(learning_rate, dtype=torch.float32)

    def params(self):
        w, b = self._params.detach().tolist()
        return w, b

    def run(self, n):
        step, X, Y, arg = STEPS[self.stage], self.X, self.Y, self._arg
        params = self._params
        # Each epoch appends its row to a flat list of Python floats: w, b, read before the step (stage
        # 3's optimizer.step() updates params in place), then the loss and the gradient the step
        # returned. .tolist() and .item() give the float32 values exactly and cost about 0.3 us each
        # in this loop. Measured slower: keeping the tensors and stacking them at the end of the chunk
        # (loss.detach(), and params.detach().clone() in stage 3, about 1 us per tensor kept).
        if self.stage == 2:
            # Stage 2's update makes a new tensor params - learning_rate * grad each epoch, in float32: w and
            # b follow exactly from the chunk's start and the gradients, so an epoch reads only its loss and
            # gradient (each read is about 1% of an epoch). The derived parameters are checked bit for bit
            # against the step's own at the end of the chunk; if they ever differed, the chunk is computed
            # again from its start, reading w and b at every epoch.
            start, out = params, []
            for _ in range(n):
                params, loss, grad = step(params, X, Y, arg)
                out.append(loss.item())
                out += grad.tolist()
            rows = _with_derived_params(start.tolist(), out, arg, params)
            if rows is not None:
                self._params = params
                return rows
            params = start
        out = []
        # Stage 1 needs no autograd: switching its bookkeeping off saves about a tenth of the time.
        with torch.inference_mode() if self.stage == 1 else contextlib.nullcontext():
            for _ in range(n):
                out += params.tolist()
                params, loss, grad = step(params, X, Y, arg)
                out.append(loss.item())
                out += grad.tolist()
        self._params = params
        return _rows(out)


def _rows(out):
    """The flat list w, b, loss, dw, db, w, b, ... as a float64 array (n, 5)."""
    return np.array(out, dtype=np.float64).reshape(-1, 5)


def _with_derived_params(start, out, learning_rate, params):
    """Rows (n, 5) from the flat list loss, dw, db, ... and stage 2's update, or None if the update does not
    reproduce `params`, the parameters the step computed last."""
    loss_grad = np.array(out, dtype=np.float64).reshape(-1, 3)
    steps = np.float32(learning_rate.item()) * loss_grad[:, 1:].astype(np.float32)
    # w_{i+1} = w_i - learning_rate * dw_i, rounded to float32 at each epoch as torch does
    path = np.subtract.accumulate(np.vstack([np.float32(start), steps]), axis=0, dtype=np.float32)
    if not np.array_equal(path[-1], np.float32(params.tolist()), equal_nan=True):
        return None
    return np.column_stack([path[:-1].astype(np.float64), loss_grad])


# torch.compile unrolls CHUNK epochs into one graph (one fused C++ kernel): longer chunks run faster
# per epoch but take longer to compile.
CHUNK = 64

# cpp_wrapper: inductor's glue between the fused kernels is C++ instead of Python. Each epoch of a
# chunk has a few tiny buffers (the means, the recorded row); allocating them from Python costs more
# than the arithmetic (measured: about 4.4 us per epoch with the Python wrapper, 2.2 us with C++),
# at the price of a longer first compile.
COMPILE_OPTIONS = {"cpp_wrapper": True}

# Compiled chunks, one per (stage, optimizer, number of points), shared by every runner of the process.
_COMPILED: dict[tuple, object] = {}


def _one_epoch(stage, optimizer):
    """COMPILED_STEPS[stage] on a state tuple (params, *optimizer state)."""
    if stage == 3:
        update = OPTIMIZER_UPDATES[optimizer]

        def epoch(state, X, Y, learning_rate):
            params, opt_state, loss, grad = compiled_stage3_step(
                state[0], X, Y, learning_rate, state[1:], update
            )
            return (params, *opt_state), loss, grad

    else:
        step = COMPILED_STEPS[stage]

        def epoch(state, X, Y, learning_rate):
            params, loss, grad = step(state[0], X, Y, learning_rate)
            return (params,), loss, grad

    return epoch


def _make_chunk(stage, optimizer, k, name):
    epoch = _one_epoch(stage, optimizer)

    def chunk(state, X, Y, learning_rate, active):
        """k epochs, unrolled; epochs where `active` is False leave the state as it is."""
        rows = []
        for i in range(k):
            new_state, loss, grad = epoch(state, X, Y, learning_rate)
            rows.append(torch.cat([state[0], loss.reshape(1), grad]))
            state = tuple(torch.where(active[i], new, old) for new, old in zip(new_state, state))
        return state, torch.stack(rows)

    # Dynamo keeps its compiled entries per code object (recompile_limit, 8 by default): give each
    # variant a code object of its own so that variants never evict one another.
    code = chunk.__code__.replace(co_name=name, co_qualname=name)
    return types.FunctionType(code, chunk.__globals__, name, None, chunk.__closure__)


def _compiled_chunk(key):
    if key not in _COMPILED:
        stage, optimizer, n_points, k = key
        name = f"chunk{k}_stage{stage}_{optimizer or 'step'}_{n_points}"
        _COMPILED[key] = torch.compile(
            _make_chunk(stage, optimizer, k, name),
            backend="inductor",
            fullgraph=True,
            dynamic=False,
            options=COMPILE_OPTIONS,
        )
    return _COMPILED[key]


class CompiledRunner:
    """Runs CHUNK epochs per call of a torch.compile'd chunk of COMPILED_STEPS[stage]."""

    mode = "compiled"
    notice = None

    def __init__(self, stage, optimizer, learning_rate, w0, b0, X, Y):
        self.X, self.Y = X, Y
        # learning rate and state are tensors, so a new run reuses the compiled code
        self.learning_rate = torch.tensor(learning_rate, dtype=torch.float32)
        opt_state = initial_opt_state(optimizer) if stage == 3 else ()
        self.state = (torch.tensor([w0, b0], dtype=torch.float32), *opt_state)
        self.k = CHUNK
        self._active = [torch.arange(self.k) < i for i in range(self.k + 1)]
        key = (stage, optimizer if stage == 3 else "", len(X), self.k)
        start = time.perf_counter()
        try:
            self._chunk = _compiled_chunk(key)
            # Compile (or find the cached code) now, on a copy: the real state does not move.
            copy = tuple(t.clone() for t in self.state)
            self._chunk(copy, X, Y, self.learning_rate, self._active[self.k])
        except Exception as error:  # no C++ compiler, a dynamo or inductor error, ...
            _COMPILED.pop(key, None)
            raise ModeUnavailable(f"{type(error).__name__}: {error}"[:300]) from error
        self.compile_seconds = time.perf_counter() - start

    def params(self):
        w, b = self.state[0].tolist()
        return w, b

    def run(self, n):
        chunks = []
        while n > 0:
            k = min(n, self.k)
            self.state, rows = self._chunk(self.state, self.X, self.Y, self.learning_rate, self._active[k])
            chunks.append(rows[:k])
            n -= k
        rows = torch.cat(chunks) if chunks else torch.empty(0, 5)
        return rows.numpy().astype(np.float64)
