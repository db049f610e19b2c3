"""The whole setup as a link: the query string <-> (RunConfig, LinkSettings), with no Streamlit.

    config, settings, problems = parse_link({"lr": "2e-4", "lang": "en", "hide": "lr,epochs", "present": "1"})
    query = to_link(config, settings)        # parse_link(query) gives back the same config and settings

The run's settings use the command line's flag names (RunConfig.to_query). The page's own settings:

    lang      zh | en                      the language (absent: the browser's)
    preset    article | fahrenheit | outlier | wide | custom   the data set ("custom": not shared)
    val       0 .. 0.9                     the validation fraction (0: no split)
    seed      0 .. 2**31 - 1               the split's random seed
    hide      comma-separated control names: those controls are not shown (their values stay the link's)
    lock      comma-separated control names: those controls are shown but cannot be changed
    present   1 | 0                        the presentation layout for a projector (large type, fewer panels)

Nothing here raises on any query: every unusable parameter falls back to its default and becomes a
Problem(param, key, kwargs), an i18n message naming the parameter. Texts copied from the URL into a
problem are cut short and stripped of control characters; the UI shows them as plain text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from f2c.core import presets
from f2c.core.config import RunConfig
from f2c.core.i18n import LANGS, t
from f2c.core.split import MAX_FRACTION

RUN_PARAMS = tuple(f.name for f in fields(RunConfig))
PAGE_PARAMS = ("lang", "preset", "val", "seed", "hide", "lock", "present")
# Controls a teacher can hide or lock, named like their URL parameters.
CONTROLS = (*RUN_PARAMS, "lang", "preset", "val", "seed", "speed")
CUSTOM = "custom"  # the link of a page whose data came from a table or a file
MAX_SEED = 2**31 - 1
# Streamlit's own parameters (embedding), accepted silently.
STREAMLIT_PARAMS = ("embed", "embed_options")
TRUE, FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")
SHOWN_CHARS = 40


class Problem(NamedTuple):
    """A parameter that fell back to its default: its name and an i18n message key with arguments."""

    param: str
    key: str
    kwargs: dict


@dataclass(frozen=True)
class LinkSettings:
    lang: str | None = None
    preset: str = presets.DEFAULT
    val: float = 0.0
    seed: int = 0
    hide: frozenset[str] = field(default_factory=frozenset)
    lock: frozenset[str] = field(default_factory=frozenset)
    present: bool = False

    def hidden(self, control: str) -> bool:
        return control in self.hide

    def locked(self, control: str) -> bool:
        """A hidden control is locked too: nothing on the page can change it."""
        return control in self.lock or control in self.hide


def shown(text: object) -> str:
    """A text from the URL, safe to put in a message: printable characters only, cut short."""
    clean = "".join(c if c.isprintable() else "?" for c in str(text))
    return clean if len(clean) <= SHOWN_CHARS else clean[: SHOWN_CHARS - 1] + "…"


def _float(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _names(param: str, raw: str, problems: list[Problem]) -> frozenset[str]:
    names = set()
    for part in raw.split(","):
        name = part.strip().lower()
        if not name:
            continue
        if name in CONTROLS:
            names.add(name)
        else:
            problems.append(
                Problem(param, "link.unknown_control", {"value": shown(part.strip()), "choices": CONTROLS})
            )
    return frozenset(names)


def parse_link(query: dict) -> tuple[RunConfig, LinkSettings, list[Problem]]:
    """Read every usable parameter; each unusable one falls back to its default with a Problem."""
    problems: list[Problem] = []
    query = {
        str(k): "" if v is None else str(v if not isinstance(v, list) else (v[-1] if v else ""))
        for k, v in query.items()
    }
    run_query = {k: v for k, v in query.items() if k in RUN_PARAMS}
    config, errors = RunConfig.from_query(run_query)
    for error in errors:
        kwargs = {k: shown(v) if isinstance(v, str) else v for k, v in error.kwargs.items()}
        problems.append(Problem(error.field, error.key, kwargs))

    values: dict[str, object] = {}
    for param, raw in query.items():
        text = raw.strip()
        if param in RUN_PARAMS or param in STREAMLIT_PARAMS:
            continue
        if param not in PAGE_PARAMS:
            problems.append(Problem(shown(param), "link.unknown_param", {}))
            continue
        if len(text) > 400:
            problems.append(Problem(param, "config.too_long", {}))
            continue
        if param == "lang":
            if text.lower() in LANGS:
                values["lang"] = text.lower()
            else:
                problems.append(Problem(param, "link.lang", {"value": shown(text), "choices": LANGS}))
        elif param == "preset":
            key = text.lower()
            if key in presets.PRESETS:
                values["preset"] = key
            elif key == CUSTOM:
                problems.append(Problem(param, "link.custom_data", {}))
            else:
                problems.append(
                    Problem(param, "preset.unknown", {"name": shown(text), "choices": presets.keys()})
                )
        elif param == "val":
            number = _float(text)
            if number is None or not 0.0 <= number <= MAX_FRACTION:
                problems.append(Problem(param, "split.fraction", {"value": shown(text), "max": MAX_FRACTION}))
            else:
                values["val"] = number + 0.0  # -0.0 -> 0.0
        elif param == "seed":
            number = _float(text)
            if number is None or number != int(number) or not 0 <= number <= MAX_SEED:
                problems.append(Problem(param, "link.seed", {"value": shown(text), "max": MAX_SEED}))
            else:
                values["seed"] = int(number)
        elif param in ("hide", "lock"):
            values[param] = _names(param, text, problems)
        elif param == "present":
            if text.lower() in TRUE:
                values["present"] = True
            elif text.lower() in FALSE:
                values["present"] = False
            else:
                problems.append(Problem(param, "link.present", {"value": shown(text)}))
    return config, LinkSettings(**values), problems


def to_link(config: RunConfig, settings: LinkSettings, custom_data: bool = False) -> dict[str, str]:
    """The query string of this setup: settings that differ from their defaults, and the language."""
    default = RunConfig().to_query()
    query = {k: v for k, v in config.to_query().items() if v != default[k]}
    if settings.lang is not None:
        query["lang"] = settings.lang
    if custom_data:
        query["preset"] = CUSTOM
    elif settings.preset != presets.DEFAULT:
        query["preset"] = settings.preset
    if settings.val:
        query["val"] = repr(float(settings.val))
    if settings.seed:
        query["seed"] = str(int(settings.seed))
    for name in ("hide", "lock"):
        chosen = getattr(settings, name)
        if chosen:
            query[name] = ",".join(c for c in CONTROLS if c in chosen)
    if settings.present:
        query["present"] = "1"
    return query


def problem_text(problem: Problem, lang: str) -> str:
    """The notice for one problem, in the user's language, naming the parameter."""
    kwargs = {k: ", ".join(map(str, v)) if isinstance(v, tuple) else v for k, v in problem.kwargs.items()}
    message = t(problem.key, lang, field=problem.param, **kwargs)
    return t("link.problem", lang, param=problem.param, message=message)
