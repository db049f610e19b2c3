"""The guided path's questions: asked before a cell shows its output, checked, and answered with the app's
own numbers (the live cells, f2c.core.analysis, f2c.core.float32), never with numbers typed in here.

A question is a number (right within a relative tolerance) or a choice among options. Its text, options and
feedback are i18n keys: "gq.<id>.ask", "gq.<id>.opt.<option>", "gq.<id>.right", "gq.<id>.wrong"; the
feedback is formatted with numbers(id, framework).
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

import numpy as np

from f2c.core import analysis
from f2c.core.data import article
from f2c.core.float32 import stall
from f2c.explain.guide import run_cell, two_backward
from f2c.lessons import load


@dataclass(frozen=True)
class Question:
    id: str
    kind: str  # "number" or "choice"
    answer: object  # a float, or an option; a dict {framework: option} where frameworks differ
    options: tuple[str, ...] = ()
    rtol: float = 0.0

    def right_answer(self, framework: str) -> object:
        return self.answer.get(framework) if isinstance(self.answer, dict) else self.answer


QUESTIONS = (
    Question("loss_start", "number", 1763.88, rtol=2e-3),
    Question("sign_dw", "choice", "positive", ("positive", "negative", "zero")),
    Question("db_start", "number", 82.6, rtol=5e-3),
    Question("one_update_w", "number", 0.5482, rtol=2e-3),
    Question("diverge", "choice", "4e-4", ("1e-4", "3e-4", "4e-4")),
    Question("plateau", "choice", "condition", ("condition", "small_lr", "float32")),
    Question("grad_none", "choice", "none", ("none", "zeros", "gradient")),
    Question(
        "two_backward",
        "choice",
        {"numpy": "twice", "torch": "twice", "tensorflow": "same"},
        ("same", "twice", "zeros"),
    ),
    Question("step_does", "choice", "update", ("update", "gradient", "zero")),
    Question("same_log", "choice", "same", ("same", "lower", "higher")),
    Question("stall", "choice", "spacing", ("spacing", "lr_decay", "zero_grad")),
)
BY_ID = {q.id: q for q in QUESTIONS}

# The questions asked before each cell's output (by cell name).
AT = {
    "loss_at_start": ("loss_start",),
    "hand_gradient": ("sign_dw", "db_start"),
    "one_update": ("one_update_w",),
    "stage1_loop": ("diverge", "plateau"),
    "grad_none": ("grad_none",),
    "zeroing": ("two_backward",),
    "optimizer_step": ("step_does",),
    "stage3_loop": ("same_log", "stall"),
}

DIVERGE_EPOCHS = 2_000


@dataclass(frozen=True)
class Feedback:
    correct: bool
    key: str
    kwargs: dict


def parse_number(text: object) -> float | None:
    """A typed number ("1763.88", "1,763.88", "1.76e3"), or None. Only float() reads it: nothing is run."""
    if not isinstance(text, str) or len(text) > 40:
        return None
    try:
        value = float(text.strip().replace(",", "").replace("，", ""))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def check(question_id: str, response: object, framework: str) -> Feedback:
    q = BY_ID[question_id]
    expected = q.right_answer(framework)
    if q.kind == "number":
        value = parse_number(response)
        correct = value is not None and abs(value - expected) <= q.rtol * abs(expected)
    else:
        correct = response == expected
    kwargs = numbers(question_id, framework)
    return Feedback(correct, f"gq.{question_id}.{'right' if correct else 'wrong'}", kwargs)


@functools.lru_cache(maxsize=8)
def diverge_runs(epochs: int = DIVERGE_EPOCHS) -> dict[str, float]:
    """The three learning rates of the question, run for a while with the NumPy lesson's stage 1."""
    d = article()
    out = {}
    for label in BY_ID["diverge"].options:
        runner = load("numpy").make_runner(1, "sgd", float(label), 1.0, 0.01, d.x, d.y, "eager")
        out[label] = float(runner.run(epochs)[-1, 2])
    return out


def numbers(question_id: str, framework: str) -> dict:
    """The app's numbers that the feedback of one question quotes."""
    d = article()
    x, y = d.x.astype(np.float64), d.y.astype(np.float64)
    if question_id == "loss_start":
        return {"loss": run_cell(framework, "loss_at_start").numbers[0], "lo": min(x - y), "hi": max(x - y)}
    if question_id in ("sign_dw", "db_start"):
        dw, db = run_cell(framework, "hand_gradient").numbers
        return {"dw": dw, "db": db, "mean_gap": float(np.mean(x - y))}
    if question_id in ("one_update_w", "step_does"):
        w1, b1 = run_cell(framework, "one_update").numbers
        gw, gb = analysis.gradient_at(d.x, d.y, 1.0, 0.01)
        return {"w1": w1, "b1": b1, "gw": gw, "gb": gb}
    if question_id == "diverge":
        runs = diverge_runs()
        s = analysis.stability(d.x)
        return {
            "critical": s.critical_lr,
            "epochs": DIVERGE_EPOCHS,
            **{f"l{i}": runs[label] for i, label in enumerate(BY_ID["diverge"].options)},
        }
    if question_id == "plateau":
        s = analysis.stability(d.x)
        return {
            "condition": s.condition,
            "lmin": s.lambda_min,
            "lmax": s.lambda_max,
            "efold": 1.0 / (1e-4 * s.lambda_min),
        }
    if question_id == "grad_none":
        return {"printed": run_cell(framework, "grad_none").text}
    if question_id == "two_backward":
        once = run_cell(framework, "backward").numbers
        twice = two_backward(framework)
        return {"w1": once[0], "b1": once[1], "w2": twice[0], "b2": twice[1]}
    if question_id in ("same_log", "stall"):
        one, three = run_cell(framework, "stage1_loop").numbers, run_cell(framework, "stage3_loop").numbers
        w, b = three[-2], three[-1]
        s = stall(d.x, d.y, w, b, 1e-4)
        return {
            "last1": one[10],
            "last3": three[10],
            "w": w,
            "b": b,
            "gap_b": s.spacing_b,
            "min_gb": s.min_grad_b,
            "gb": s.grad_b,
            "gap_w": s.spacing_w,
            "min_gw": s.min_grad_w,
            "gw": s.grad_w,
            "frozen": s.frozen,
        }
    raise KeyError(question_id)
