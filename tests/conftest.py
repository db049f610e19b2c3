import os

# TensorFlow's C++ log lines would drown pytest's output.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
