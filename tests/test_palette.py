"""The charts' colours stay apart for a colour-blind student, and lines never differ by colour alone.

Vision is simulated with Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation
of color vision deficiency", severity 1.0 (full protanopia, deuteranopia, tritanopia), applied to linear
RGB; distances are CIE76 ΔE in CIELAB (D65). A ΔE of about 2.3 is just noticeable between large patches;
thin lines and small markers need several times that, so MIN_DELTA_E is 8 for any two colours of the
palette (none turns into another), and a pair closer than CLOSE is only ever drawn with different line
styles or marker shapes, which the second test checks for every chart's lines.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import numpy as np
import pytest
from chart_samples import sample_figures

from f2c.render import style

PLAYER_JS = Path(style.__file__).resolve().parents[1] / "ui" / "live_player" / "player.js"
MIN_DELTA_E = 8.0
CLOSE = 20.0

MACHADO = {
    "normal": np.eye(3),
    "protanopia": np.array(
        [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
    ),
    "deuteranopia": np.array(
        [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
    ),
    "tritanopia": np.array(
        [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]]
    ),
}
SRGB_TO_XYZ = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
WHITE = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(color: str) -> np.ndarray:
    c = np.array([int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(linear: np.ndarray) -> np.ndarray:
    t = SRGB_TO_XYZ @ np.clip(linear, 0, 1) / WHITE
    f = np.where(t > (6 / 29) ** 3, np.cbrt(t), t / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: str) -> float:
    m = MACHADO[vision]
    return float(np.linalg.norm(lab(m @ linear_rgb(a)) - lab(m @ linear_rgb(b))))


OVERLAY_JS = PLAYER_JS.with_name("overlay.js")
TRACE_KEYS = ("best", "line", "validation", "cursor", "data", "loss", "textbook", "history")


def player_colors() -> set[str]:
    """The colours the live player (the browser's JavaScript, overlay.js's palette) draws its traces in, in
    both themes; its text, grid, legend and outlines are not trace colours."""
    text = OVERLAY_JS.read_text(encoding="utf-8")
    body = text[text.index("export function palette") :]
    body = body[: body.index("\n}\n")]
    keys = "|".join(TRACE_KEYS)
    return {c.upper() for c in re.findall(rf'(?<![\w-])(?:{keys}): "(#[0-9A-Fa-f]{{6}})"', body)}


def test_the_simulation_is_machados():
    # Each matrix keeps white white (its rows sum to 1), and deuteranopia merges a red and a green that
    # normal vision tells far apart: the check can fail.
    for m in MACHADO.values():
        np.testing.assert_allclose(m.sum(axis=1), 1.0, atol=1e-5)
    assert delta_e("#CC0000", "#00A000", "normal") > 80 > 20 > delta_e("#CC0000", "#7A7A00", "deuteranopia")


def test_the_live_player_draws_in_the_palette():
    assert player_colors(), "no trace colour found in player.js"
    assert player_colors() <= {c.upper() for c in style.PALETTE.values()}


@pytest.mark.parametrize("vision", list(MACHADO))
def test_palette_colours_stay_apart(vision):
    colors = style.PALETTE
    close = []
    for (a, ca), (b, cb) in itertools.combinations(colors.items(), 2):
        if ca.upper() == cb.upper():
            continue  # one colour under two names (a zone and the line it belongs to)
        distance = delta_e(ca, cb, vision)
        assert distance >= MIN_DELTA_E, (vision, a, b, round(distance, 1))
        if distance < CLOSE:
            close.append(f"{a}/{b} {distance:.1f}")
    print(vision, "pairs closer than", CLOSE, ":", ", ".join(close) or "none")


def line_styles(fig) -> dict[tuple[str, str], list[str]]:
    """Each subplot's lines (not filled areas, not markers alone), by their dash style and markers."""
    found: dict[tuple[str, str], list[str]] = {}
    for trace in fig.data:
        mode = getattr(trace, "mode", None) or ""
        line = getattr(trace, "line", None)
        if "lines" not in mode or getattr(trace, "fill", None) or (line and line.width == 0):
            continue
        axes = (trace.xaxis or "x", trace.yaxis or "y")
        found.setdefault(axes, []).append((line.dash or "solid") + ("+markers" if "markers" in mode else ""))
    return found


def test_no_two_lines_in_a_chart_share_a_style():
    for name, fig in sample_figures():
        for axes, dashes in line_styles(fig).items():
            assert len(dashes) == len(set(dashes)), (name, axes, dashes)


def test_the_live_players_lines_differ_by_style_too():
    charts: dict[str, list[str]] = {}
    for line in PLAYER_JS.read_text(encoding="utf-8").splitlines():
        if 'mode: "lines"' not in line:
            continue
        if "h.label" in line:  # earlier runs: faint, named lines taking DASHES in turn among themselves
            continue
        chart = re.search(r"(\w+)\.push\(|const (\w+) = \[", line)
        dash = re.search(r'dash: "(\w+)"', line)
        charts.setdefault(next(g for g in chart.groups() if g), []).append(dash.group(1) if dash else "solid")
    assert set(charts) == {"traces", "loss"}, charts  # the fit chart's and the loss chart's
    for dashes in charts.values():
        assert len(dashes) == len(set(dashes)), charts
