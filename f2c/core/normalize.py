"""Input normalisation: the model trains on x' = (x - shift) / scale; we report w, b in raw units too.

y = w' * (x - shift) / scale + b'  =  (w' / scale) * x + (b' - w' * shift / scale)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

KINDS = ("none", "scale", "standardize")


@dataclass(frozen=True)
class Normalizer:
    kind: str
    shift: float
    scale: float

    @classmethod
    def fit(cls, kind: str, x: np.ndarray) -> Normalizer:
        if kind == "none":
            return cls(kind, 0.0, 1.0)
        if kind == "scale":
            # The book this data comes from multiplies the input by 0.1.
            return cls(kind, 0.0, 10.0)
        if kind == "standardize":
            x64 = np.asarray(x, dtype=np.float64)
            return cls(kind, float(x64.mean()), float(x64.std()) or 1.0)
        raise ValueError(kind)

    def transform(self, x: np.ndarray) -> np.ndarray:
        """The inputs the model sees, float32 like the data."""
        if self.kind == "none":
            return np.asarray(x, dtype=np.float32)
        if self.kind == "scale":
            return (np.asarray(x, dtype=np.float32) * np.float32(0.1)).astype(np.float32)
        x64 = np.asarray(x, dtype=np.float64)
        return ((x64 - self.shift) / self.scale).astype(np.float32)

    def to_original(self, w, b):
        """Model-unit parameters (scalars or arrays) to the raw input's units, in float64."""
        w64 = np.asarray(w, dtype=np.float64)
        b64 = np.asarray(b, dtype=np.float64)
        if self.kind == "none":
            return w64, b64
        return w64 / self.scale, b64 - w64 * self.shift / self.scale

    def from_original(self, w, b):
        w64 = np.asarray(w, dtype=np.float64)
        b64 = np.asarray(b, dtype=np.float64)
        if self.kind == "none":
            return w64, b64
        return w64 * self.scale, b64 + w64 * self.shift
