"""Strings of NumPy's compiled mode (f2c.autodiff.compile, f2c.autodiff.background)."""

STRINGS = {
    "train.compiling_background": {
        "zh": "numba 正在后台编译这个循环:最初的若干轮先用“function”模式计算(数值完全相同),"
        "编译好后在两段计算之间切换到编译后的循环,训练轨迹不中断。",
        "en": "numba is compiling this loop in the background: the first epochs run in mode “function” (the "
        "same numbers), and the run switches to the compiled loop between two chunks once it is ready.",
    },
    "train.mode_fallback_to": {
        "zh": "“{mode}”模式在此机器上不可用,已改用“{instead}”模式。原因:{why}",
        "en": "The “{mode}” mode is not available on this machine; running in mode “{instead}” instead. "
        "Why: {why}",
    },
}
