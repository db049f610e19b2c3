"""What the article prints after each cell the guided path runs, copied from the seed article verbatim.

ARTICLE[fw][cell] is (the printed text, the numbers in it) for PyTorch and TensorFlow. NumPy has no article
of its own: its cells are held to the PyTorch article's numbers (same data, float32, same formulas).
A cell the article does not print (TensorFlow's hand-written gradient at (1, 0), say) borrows the other
article's output for the same quantity, marked with the framework it came from.
"""

from __future__ import annotations

X = [35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4]
Y = [0.5, 14.0, 15.0, 28.0, 11.0, 8.0, 3.0, -4.0, 6.0, 13.0, 21.0]
LOG = [
    12.095908,
    6.133891,
    4.048903,
    3.319792,
    3.064586,
    2.975681,
    2.944574,
    2.933552,
    2.929731,
    2.928472,
    2.927906,
]
LOG3_TORCH = [*LOG[:2], 4.048905, *LOG[3:]]

_LOG_TEXT = "\n".join("Epoch %d, Loss %f" % (30000 * (i + 1), loss) for i, loss in enumerate(LOG))
_LOG3_TEXT = _LOG_TEXT.replace("4.048903", "4.048905")

TORCH = {
    "data": (
        "(tensor([35.7000, 55.9000, 58.2000, 81.9000, 56.3000, 48.9000, 33.9000, 21.8000,\n"
        "         48.4000, 60.4000, 68.4000]),\n"
        " tensor([ 0.5000, 14.0000, 15.0000, 28.0000, 11.0000,  8.0000,  3.0000, -4.0000,\n"
        "          6.0000, 13.0000, 21.0000]))",
        X + Y,
    ),
    "predict": (
        "tensor([35.7000, 55.9000, 58.2000, 81.9000, 56.3000, 48.9000, 33.9000, 21.8000,\n"
        "        48.4000, 60.4000, 68.4000])",
        X,
    ),
    "loss_at_start": ("tensor(1763.8846)", [1763.8846]),
    "hand_gradient": ("tensor([4517.2969,   82.6000])", [4517.2969, 82.6]),
    "one_update": (
        "tensor([0.5482, 0.0017], requires_grad=True)  (stage 3, after optimizer.step())",
        [0.5482, 0.0017],
    ),
    "stage1_loop": (_LOG_TEXT + "\n\ntensor([  0.5358, -17.2503])", LOG + [0.5358, -17.2503]),
    "grad_none": ("True", [1.0]),
    "backward": ("tensor([4517.2969,   82.6000])", [4517.2969, 82.6]),
    "zeroing": ("tensor([0., 0.])", [0.0, 0.0]),
    "stage2_loop": (
        _LOG_TEXT + "\n\ntensor([  0.5358, -17.2503], requires_grad=True)",
        LOG + [0.5358, -17.2503],
    ),
    "optimizer_step": ("tensor([0.5482, 0.0017], requires_grad=True)", [0.5482, 0.0017]),
    "stage3_loop": (
        _LOG3_TEXT + "\n\ntensor([  0.5358, -17.2503], requires_grad=True)",
        LOG3_TORCH + [0.5358, -17.2503],
    ),
}

_TF_PARAMS = "array([  0.5358124, -17.250313 ], dtype=float32)"
TENSORFLOW = {
    "data": (
        "(<tf.Tensor: shape=(11,), dtype=float32, numpy=\n"
        " array([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4],\n"
        "       dtype=float32)>, <tf.Tensor: shape=(11,), dtype=float32, numpy=\n"
        " array([ 0.5, 14. , 15. , 28. , 11. ,  8. ,  3. , -4. ,  6. , 13. , 21. ],\n"
        "       dtype=float32)>)",
        X + Y,
    ),
    "predict": (
        "<tf.Tensor: shape=(11,), dtype=float32, numpy=\n"
        "array([35.7, 55.9, 58.2, 81.9, 56.3, 48.9, 33.9, 21.8, 48.4, 60.4, 68.4],\n"
        "      dtype=float32)>",
        X,
    ),
    "loss_at_start": ("<tf.Tensor: shape=(), dtype=float32, numpy=1763.8848>", [1763.8848]),
    "hand_gradient": ("tensor([4517.2969,   82.6000])  (PyTorch)", [4517.2969, 82.6]),
    "one_update": (
        "<tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy=array([0.54816675, 0.001738  ], dtype=float32)>",
        [0.54816675, 0.001738],
    ),
    "stage1_loop": (
        _LOG_TEXT + f"\n\n<tf.Tensor: shape=(2,), dtype=float32, numpy={_TF_PARAMS}>",
        LOG + [0.5358124, -17.250313],
    ),
    "grad_none": ("True  (PyTorch: params.grad is None)", [1.0]),
    "backward": (
        "<tf.Tensor: shape=(2,), dtype=float32, numpy=array([4518.333,   82.62 ], dtype=float32)>",
        [4518.333, 82.62],
    ),
    "zeroing": ("RuntimeError: …  (not printed in the article)", None),
    "stage2_loop": (
        _LOG_TEXT + f"\n\n<tf.Tensor: shape=(2,), dtype=float32, numpy={_TF_PARAMS}>",
        LOG + [0.5358124, -17.250313],
    ),
    "optimizer_step": (
        "<tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy=array([0.54816675, 0.001738  ], dtype=float32)>",
        [0.54816675, 0.001738],
    ),
    "stage3_loop": (
        _LOG_TEXT + f"\n\n<tf.Variable 'Variable:0' shape=(2,) dtype=float32, numpy={_TF_PARAMS}>",
        LOG + [0.5358124, -17.250313],
    ),
}

ARTICLE = {"numpy": TORCH, "torch": TORCH, "tensorflow": TENSORFLOW}
