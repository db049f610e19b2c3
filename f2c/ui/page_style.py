"""The page's own CSS for every layout: a focus ring that shows, and a phone's narrower title.

The projector's larger type is in f2c/ui/teacher.py. Both are fixed strings: nothing from the address or
from a user ever goes into them.
"""

from __future__ import annotations

import streamlit as st

from f2c.render.style import theme_colors

# Streamlit's own focus mark is a pale shadow of the primary colour, hard to see on a projector and gone
# on some widgets (radios, whose input is invisible). One ring for every control a Tab reaches, drawn on
# the part a student sees, in the theme's text colour: far above WCAG's 3:1 for non-text contrast on the
# page, and unlike the orange of the Run button it surrounds.
FOCUS_CSS = """
  :is(button, a, summary, select, textarea, main, [role="slider"], [role="tab"], [tabindex="0"]):focus-visible,
  [data-testid="stNumberInputContainer"]:has(input:focus-visible),
  [data-testid="stTextInputRootElement"]:has(input:focus-visible),
  [data-testid="stSelectbox"] div:has(> input:focus-visible),
  [data-testid="stMultiSelect"] div:has(> input:focus-visible),
  label:has(input:is([type="radio"], [type="checkbox"]):focus-visible),
  div:has(> div > input[type="range"]:focus-visible) {
    outline: 3px solid RING !important;
    outline-offset: 2px;
  }
  /* The inputs themselves sit in boxes that hide overflow (or are a pixel wide): their ring would be cut,
     so it is drawn on the box above instead; the page's own scrolling area draws it inside its edge. */
  :is([data-testid="stNumberInputContainer"], [data-testid="stTextInputRootElement"],
      [data-testid="stSelectbox"], [data-testid="stMultiSelect"], label, [data-testid="stSlider"])
    input:focus-visible { outline: none !important; }
  main:focus-visible { outline-offset: -3px !important; }
"""

# Below Streamlit's 640 px breakpoint the columns stack; the title's 2.75rem took half a phone's first
# screen, pushing Run below the fold on smaller phones.
PHONE_CSS = """
  @media (max-width: 640px) {
    h1 { font-size: 1.9rem !important; }
  }
"""

# The status beside the buttons wraps to two lines in a narrow column ("Computed; replaying…" at 1280 px):
# set tighter, two lines still fit the buttons' height, so the readouts below do not jump as it changes.
STATUS_CSS = """
  .st-key-f2c_status p { line-height: 1.25; }
"""


def apply(theme: str) -> None:
    focus = FOCUS_CSS.replace("RING", theme_colors(theme)["text"])
    st.html(f"<style>{focus}{PHONE_CSS}{STATUS_CSS}</style>")
