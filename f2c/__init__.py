"""f2c: a playground for how deep-learning frameworks compute gradients and do gradient descent."""

__version__ = "0.1.0"
