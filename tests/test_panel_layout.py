"""The see-inside panels' legends sit below the x axis' title whatever the chart's height."""

from __future__ import annotations

from chart_samples import sample_figures

# The x axis' tick labels and its title take about 55 px below the plot area at PANEL_FONT.
AXIS_BAND = 55
PANELS = {"landscape", "breakit landscape", "stability", "chain", "sweep", "breakit loss"}  # panel_layout's


def test_each_panel_legend_starts_below_the_axis_title():
    for name, fig in sample_figures():
        if name not in PANELS:
            continue
        layout = fig.layout
        plot_height = layout.height - layout.margin.t - layout.margin.b
        assert -layout.legend.y * plot_height >= AXIS_BAND, (name, layout.legend.y, plot_height)
