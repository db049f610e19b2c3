"""The torch lesson's stages 2 and 3 as torch.compile runs them (mode "compiled").

`loss.backward()` and `optimizer.step()` mutate tensors behind the compiler's back, so the compiled stages
2 and 3 ask `torch.func.grad_and_value` for the very gradient `loss.backward()` computes, and apply the
optimizer's update as a pure function with torch.optim's formulas (COMPILED_STEPS, OPTIMIZER_UPDATES).
The app shows these functions as the source of mode "compiled".
"""

from __future__ import annotations

import types

import torch

from f2c.core.config import HYPERPARAMS
from f2c.lessons.torch_lesson import loss_fn, model, stage1_step


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


# cpp_wrapper: inductor's glue between the fused kernels is C++ instead of Python. Each epoch of a
# chunk has a few tiny buffers (the means, the recorded row); allocating them from Python costs more
# than the arithmetic (measured: about 4.4 us per epoch with the Python wrapper, 2.2 us with C++),
# at the price of a longer first compile.
COMPILE_OPTIONS = {"cpp_wrapper": True}


def one_epoch(stage, optimizer):
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


def compile_chunk(chunk, name):
    """torch.compile of `chunk` as every chunk of epochs is compiled here, under a code object named `name`:
    dynamo keeps its compiled entries per code object (recompile_limit, 8 by default), so variants of one
    chunk function never evict one another."""
    code = chunk.__code__.replace(co_name=name, co_qualname=name)
    named = types.FunctionType(code, chunk.__globals__, name, None, chunk.__closure__)
    return torch.compile(named, backend="inductor", fullgraph=True, dynamic=False, options=COMPILE_OPTIONS)
