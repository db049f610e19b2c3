"""Strings of NumPy's compiled mode (f2c.autodiff.compile, f2c.autodiff.background)."""

STRINGS = {
    "train.compiling_background": {
        "zh": "numba 正在后台编译这个循环:最初的若干轮先用“function”模式计算(数值完全相同),"
        "编译好后在两段计算之间切换到编译后的循环,训练轨迹不中断。",
        "en": "numba is compiling this loop in the background: the first epochs run in mode “function” (the "
        "same numbers), and the run switches to the compiled loop between two chunks once it is ready.",
    },
}
