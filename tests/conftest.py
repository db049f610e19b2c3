import os

# TensorFlow's C++ log lines would drown pytest's output.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
# AppTest has no timers, so the live player's fragment never polls: Run waits in its script run for the end.
os.environ.setdefault("F2C_LIVE_WAIT", "600")
os.environ.setdefault(
    "F2C_WARMUP", "0"
)  # no background compiles competing with the tests (f2c.runtime.warmup)
