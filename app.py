"""Streamlit entry point: `streamlit run app.py`. The app itself lives in f2c.ui."""

from f2c.ui import main

main()
