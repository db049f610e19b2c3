"""Our own optimizers for f2c.autodiff tensors, written after torch.optim's formulas.

An optimizer holds the parameters and, per parameter, the state it carries from step to step
(`self.state`, a dict of arrays, like torch's `optimizer.state`). `step()` changes the parameters in
place from their `.grad`; `zero_grad()` forgets the gradients so the next backward() starts afresh.
The arithmetic is float32 in the same order as torch's single-tensor loops, except where noted.
Counters live in arrays, not Python ints, so that a traced step (f2c.autodiff.trace.Tape) keeps counting.
"""

from __future__ import annotations

import numpy as np


class Optimizer:
    def __init__(self, params, lr):
        self.params = list(params)
        self.lr = lr
        self.state = [{} for _ in self.params]

    def zero_grad(self):
        """Forget the gradients. torch sets them to None too (zeroing them in place would do the same)."""
        for p in self.params:
            p.grad = None

    def step(self):
        raise NotImplementedError


class SGD(Optimizer):
    """p <- p - lr * g.   With momentum (torch's formula): buf <- momentum * buf + g;  p <- p - lr * buf."""

    def __init__(self, params, lr, momentum=0.0):
        super().__init__(params, lr)
        self.momentum = momentum
        if momentum:
            # torch starts the buffer at the first gradient; 0 * momentum + g is that same number
            self.state = [{"momentum_buffer": np.zeros_like(p.data)} for p in self.params]

    def step(self):
        for p, state in zip(self.params, self.state):
            g = p.grad.data
            if self.momentum:
                buf = state["momentum_buffer"]
                buf *= self.momentum  # in place: the buffer carries over to the next step
                buf += g
                g = buf
            p.data -= self.lr * g


class Adam(Optimizer):
    """Running means of g and g*g, each corrected for starting at 0, then a step of about lr per parameter.

    m <- m + (1 - beta1) (g - m);  v <- beta2 v + (1 - beta2) g g;  bias_k = 1 - beta_k ** t
    p <- p - (lr / bias1) * m / (sqrt(v) / sqrt(bias2) + eps)          (torch.optim.Adam, eps after sqrt)
    """

    def __init__(self, params, lr, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(params, lr)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.state = [
            {
                "step": np.zeros((), np.float64),
                "exp_avg": np.zeros_like(p.data),
                "exp_avg_sq": np.zeros_like(p.data),
            }
            for p in self.params
        ]

    def step(self):
        for p, state in zip(self.params, self.state):
            g = p.grad.data
            m, v, t = state["exp_avg"], state["exp_avg_sq"], state["step"]
            t += 1
            m += (1 - self.beta1) * (g - m)  # move m 10% of the way to g (torch: exp_avg.lerp_)
            v *= self.beta2
            v += (1 - self.beta2) * g * g
            # The bias corrections in float64, as torch computes them with Python floats, then float32.
            step_size = (self.lr / (1 - self.beta1**t)).astype(np.float32)
            bias2_sqrt = np.sqrt(1 - self.beta2**t).astype(np.float32)
            denom = np.sqrt(v) / bias2_sqrt + self.eps
            p.data -= step_size * m / denom


class RMSprop(Optimizer):
    """A running mean of g*g scales each parameter's step (torch.optim.RMSprop, alpha = rho):

    square_avg <- rho * square_avg + (1 - rho) g g;   p <- p - lr * g / (sqrt(square_avg) + eps)
    """

    def __init__(self, params, lr, rho=0.9, eps=1e-8):
        super().__init__(params, lr)
        self.rho, self.eps = rho, eps
        self.state = [{"square_avg": np.zeros_like(p.data)} for p in self.params]

    def step(self):
        for p, state in zip(self.params, self.state):
            g = p.grad.data
            square_avg = state["square_avg"]
            square_avg *= self.rho
            square_avg += (1 - self.rho) * g * g
            p.data -= self.lr * g / (np.sqrt(square_avg) + self.eps)
