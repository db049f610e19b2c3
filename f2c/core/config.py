"""RunConfig: the one description of a run, shared by the app, the URL and the command line.

Every bad value is rejected here, with an i18n message key a student can read.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

# THE registry of frameworks: one line each, its modes besides "fastest", from fastest to slowest (the
# lesson's MODES, checked by tests/test_lessons_protocol.py). core cannot import f2c.lessons, so a new
# framework adds its line here; the rest is its lesson file, runner and strings file (f2c.lessons).
FRAMEWORK_MODES = {
    # NumPy: "compiled" (numba) first: the learning rate is an argument of the compiled loop, so one compile
    # (cached on disk) serves a class of distinct learning rates; without numba, "fastest" falls back to
    # "function" (f2c.runtime.training tries the modes in this order).
    "numpy": ("compiled", "function", "eager"),
    "torch": ("compiled", "eager"),
    "tensorflow": ("xla", "function", "eager"),
    "jax": ("jit", "eager"),
}
FRAMEWORKS = tuple(FRAMEWORK_MODES)
STAGES = (1, 2, 3)
OPTIMIZERS = ("sgd", "momentum", "adam", "rmsprop")
NORMALIZE = ("none", "scale", "standardize")
MODES = ("fastest", *dict.fromkeys(("eager", *(m for modes in FRAMEWORK_MODES.values() for m in modes))))

# Stage 3's optimizers, every hyper-parameter set explicitly: the frameworks' defaults differ
# (torch Adam eps 1e-8 vs Keras 1e-7; torch RMSprop alpha 0.99 vs Keras rho 0.9).
HYPERPARAMS = {
    "sgd": {},
    "momentum": {"momentum": 0.9},
    "adam": {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
    "rmsprop": {"rho": 0.9, "eps": 1e-8},
}

MAX_EPOCHS = 1_000_000
LR_MIN, LR_MAX = 1e-8, 10.0
PARAM_LIMIT = 1e6


class ConfigError(ValueError):
    """A setting we refuse: which field, and an i18n message key with its arguments."""

    def __init__(self, field: str, key: str, **kwargs: object) -> None:
        super().__init__(f"{field}: {key} {kwargs}")
        self.field = field
        self.key = key
        self.kwargs = kwargs


@dataclass(frozen=True)
class RunConfig:
    framework: str = "numpy"
    stage: int = 1
    lr: float = 1e-4
    epochs: int = 330_000
    w0: float = 1.0
    b0: float = 0.01
    optimizer: str = "sgd"
    normalize: str = "none"
    mode: str = "fastest"

    def __post_init__(self) -> None:
        validate(self)
        for name in ("lr", "w0", "b0"):
            object.__setattr__(self, name, float(getattr(self, name)))

    def with_(self, **changes: object) -> RunConfig:
        return replace(self, **changes)

    def to_dict(self) -> dict:
        return asdict(self)

    def to_query(self) -> dict[str, str]:
        """The settings as URL query parameters, using the command line's flag names."""
        return {f.name: _format(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_query(cls, query: dict[str, str]) -> tuple[RunConfig, list[ConfigError]]:
        """Read what is valid, fall back to the default for the rest, and say which fell back."""
        problems: list[ConfigError] = []
        values: dict[str, object] = {}
        for f in fields(cls):
            if f.name not in query:
                continue
            raw = query[f.name]
            try:
                values[f.name] = parse_field(f.name, raw)
                # A mode is checked against the framework asked for, if that one is valid.
                context = (
                    {"framework": values["framework"]} if f.name == "mode" and "framework" in values else {}
                )
                cls(**context, **{f.name: values[f.name]})
            except ConfigError as error:
                values.pop(f.name, None)
                if error.field == f.name and "value" in error.kwargs:
                    # Say what was typed, not what it became: "1e99", not its 100 digits as an int.
                    error.kwargs["value"] = str(raw).strip()
                problems.append(error)
        while True:
            try:
                return cls(**values), problems
            except ConfigError as error:
                # A combination that is invalid (e.g. a mode the framework lacks): drop that field.
                values.pop(error.field, None)
                problems.append(error)


def _format(value: object) -> str:
    if isinstance(value, float):
        return repr(value)
    return str(value)


def parse_field(name: str, raw: object) -> object:
    """Turn a string (from a URL or a flag) into the field's type, or refuse it."""
    text = str(raw).strip()
    if len(text) > 64:
        raise ConfigError(name, "config.too_long")
    if name in ("stage", "epochs"):
        try:
            number = float(text)
        except ValueError:
            raise ConfigError(name, "config.not_integer", value=text) from None
        if not math.isfinite(number) or number != int(number):
            raise ConfigError(name, "config.not_integer", value=text)
        return int(number)
    if name in ("lr", "w0", "b0"):
        try:
            number = float(text)
        except ValueError:
            raise ConfigError(name, "config.not_number", value=text) from None
        return number
    return text.lower()


def validate(config: RunConfig) -> None:
    c = config
    if c.framework not in FRAMEWORKS:
        raise ConfigError("framework", "config.choice", value=c.framework, choices=FRAMEWORKS)
    if isinstance(c.stage, bool) or c.stage not in STAGES:
        raise ConfigError("stage", "config.choice", value=c.stage, choices=STAGES)
    if c.optimizer not in OPTIMIZERS:
        raise ConfigError("optimizer", "config.choice", value=c.optimizer, choices=OPTIMIZERS)
    if c.normalize not in NORMALIZE:
        raise ConfigError("normalize", "config.choice", value=c.normalize, choices=NORMALIZE)
    if c.mode not in MODES:
        raise ConfigError("mode", "config.choice", value=c.mode, choices=MODES)
    if c.mode != "fastest" and c.mode not in FRAMEWORK_MODES[c.framework]:
        raise ConfigError(
            "mode",
            "config.mode_framework",
            value=c.mode,
            framework=c.framework,
            choices=("fastest", *FRAMEWORK_MODES[c.framework]),
        )
    if isinstance(c.epochs, bool) or not isinstance(c.epochs, int) or not 1 <= c.epochs <= MAX_EPOCHS:
        raise ConfigError("epochs", "config.epochs", value=c.epochs, max=MAX_EPOCHS)
    for name in ("lr", "w0", "b0"):
        value = getattr(c, name)
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise ConfigError(name, "config.not_finite", value=value)
    if not LR_MIN <= c.lr <= LR_MAX:
        raise ConfigError("lr", "config.lr_range", value=c.lr, min=LR_MIN, max=LR_MAX)
    for name in ("w0", "b0"):
        if abs(getattr(c, name)) > PARAM_LIMIT:
            raise ConfigError(name, "config.param_range", value=getattr(c, name), max=PARAM_LIMIT)
