"""The charts drawn on the server follow the page's light or dark theme (f2c.render.style.themed)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from chart_samples import sample_figures

from f2c.render import style

ROOT = Path(__file__).resolve().parents[1]


def luminance(color: str) -> float:
    """WCAG 2 relative luminance of #RRGGBB or rgba(r,g,b,a) (alpha ignored: checked on opaque colours)."""
    if color.startswith("#"):
        rgb = [int(color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    else:
        rgb = [float(v) / 255 for v in color[color.index("(") + 1 : color.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_colors(layout) -> list[str]:
    """Every colour a font in the figure's layout (not its template) is given."""
    found, stack = [], [layout]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            font = item.get("font")
            if isinstance(font, dict) and font.get("color"):
                found.append(font["color"])
            stack.extend(v for k, v in item.items() if k != "template")
        elif isinstance(item, list):
            stack.extend(item)
    return found


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_chart_text_reads_on_the_themes_page(theme):
    colors = style.theme_colors(theme)
    for name, fig in sample_figures():
        layout = style.themed(fig, theme).to_plotly_json()["layout"]
        assert layout["template"]["layout"]["paper_bgcolor"] in ("white", "rgb(17,17,17)"), name
        assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "rgba(0,0,0,0)", name
        found = text_colors(layout)
        assert colors["text"] in found, name
        for color in (c for c in found if c != "rgba(0,0,0,0)"):  # (a label hidden on purpose)
            # WCAG AA for text: 4.5:1 (the replay's slider label was #222 on either page)
            assert contrast(color, colors["page"]) >= 4.5, (name, color)
        assert contrast(layout["xaxis"]["gridcolor"], colors["page"]) > 1.2, name


def test_the_themes_pages_are_the_apps_backgrounds():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
    for theme in ("light", "dark"):
        assert config[theme]["backgroundColor"].upper() == style.THEMES[theme]["page"]
        assert contrast(config[theme]["textColor"], style.THEMES[theme]["page"]) >= 7


def test_an_unknown_theme_is_the_light_one():
    assert style.theme_colors(None) == style.theme_colors("sepia") == style.THEMES["light"]
