"""What every "see inside" view is given: the model-unit inputs and the point under the player's cursor."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np

from f2c.core.normalize import Normalizer
from f2c.ui import state


@dataclass
class Context:
    """What every view needs, read once under the run's lock: model-unit inputs and the cursor's point."""

    x: np.ndarray  # the inputs the model sees (normalised), float32
    y: np.ndarray
    normalizer: Normalizer
    epoch: int  # the cursor's epoch (0 = before the first)
    w: float  # parameters at the cursor, model units
    b: float
    path_w: np.ndarray  # the run's parameters up to the cursor, model units
    path_b: np.ndarray
    lr: float
    framework: str

    @property
    def key(self) -> tuple:
        """A cache key for the data: (x, y) as tuples of floats."""
        return tuple(map(float, self.x)), tuple(map(float, self.y))


def context(p: state.Player) -> Context:
    c = p.config
    run = p.run
    normalizer = run.normalizer if run is not None else state.setup(c.normalize, p.data).normalizer
    with run.lock if run is not None else contextlib.nullcontext():
        v = state.frame_values(p)
        if run is not None and len(run.trajectory.epoch) and v["epoch"] > 0:
            upto = run.trajectory.epoch <= v["epoch"]
            path_w = np.array(run.trajectory.w[upto])
            path_b = np.array(run.trajectory.b[upto])
        else:
            path_w = np.array([c.w0])
            path_b = np.array([c.b0])
    if v["epoch"] > 0:  # the point on screen closes the path (the final parameters after the last update)
        path_w = np.append(path_w, v["w"])
        path_b = np.append(path_b, v["b"])
    return Context(
        x=normalizer.transform(p.data.x),
        y=np.asarray(p.data.y, dtype=np.float32),
        normalizer=normalizer,
        epoch=int(v["epoch"]),
        w=float(v["w"]),
        b=float(v["b"]),
        path_w=path_w,
        path_b=path_b,
        lr=float(c.lr),
        framework=c.framework,
    )
