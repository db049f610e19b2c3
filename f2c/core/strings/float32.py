"""What float32 does near the optimum, in the "see inside" views (f2c.core.float32)."""

STRINGS = {
    "in.stab.float32_stall": {
        "zh": "float32 到不了这么近。{p} 附近相邻两个 float32 数相差 {gap:.3g};当 lr·dL/d{p} 小于这个间隔的一半,"
        "{p} − lr·dL/d{p} 就被舍入回 {p},参数从此不动。沿平缓方向,梯度是 λ_min·误差,所以训练会停在误差 ≈ {floor:.3g} 处"
        "(大约第 {epochs:,.0f} 轮之后),再跑多少轮都一样(用文章的数据和 lr = 1e-4,"
        "这就是 1,000,000 轮和 330,000 轮停在同一个 0.5358 / −17.2503 的原因)。要更近,需要更大的学习率、缩放输入或用 float64。",
        "en": "float32 cannot get this close. Near {p}, neighbouring float32 numbers are {gap:.3g} apart; once "
        "lr·dL/d{p} is below half that gap, {p} − lr·dL/d{p} rounds back to {p} and the parameters stop moving. Along the "
        "slow direction the gradient is λ_min·error, so training freezes at an error ≈ {floor:.3g} (after about "
        "{epochs:,.0f} epochs) however long it runs (with the article's data and lr = 1e-4, that is why 1,000,000 "
        "epochs end on the same 0.5358 / −17.2503 as 330,000). To get closer: a larger learning rate, scaled inputs, or float64.",
    },
    "in.stab.float32_ok": {
        "zh": "float32 够用:它会停在误差 ≈ {floor:.3g} 处({p} 附近 float32 的间隔是 {gap:.3g}),比这里要求的 {tol:g} 更近。",
        "en": "float32 is enough here: it freezes at an error ≈ {floor:.3g} (float32 numbers near {p} are {gap:.3g} "
        "apart), closer than the {tol:g} asked for.",
    },
    "in.agree.col_ok32": {"zh": "一致?", "en": "Agree?"},
    "in.agree.caption32": {
        "zh": "误差都相对于精确公式 2·mean((w·x + b − y)·[x, 1]) 的 float64 值:[{dw:.6g}, {db:.6g}]。框架用 float32 "
        "计算,每个残差 w·x + b − y 都按它最大的项舍入到约 7 位有效数字,所以梯度本身就带着约 [{sw:.2g}, {sb:.2g}] "
        "的绝对误差。离最优点远时,这只是梯度的 1e-7 左右;在最优点附近,精确梯度本身接近 0,剩下的几乎全是舍入,"
        "相对误差就会很大,而绝对误差仍在这个尺度之内。所以“一致”的标准是:相对误差 < 1e-3,或绝对误差不超过 "
        "float32 的舍入尺度。",
        "en": "Differences are against the exact formula 2·mean((w·x + b − y)·[x, 1]) in float64: [{dw:.6g}, "
        "{db:.6g}]. The frameworks compute in float32: each residual w·x + b − y is rounded at the size of its "
        "largest term, to about 7 significant digits, so the gradient carries an absolute error of about "
        "[{sw:.2g}, {sb:.2g}]. Far from the optimum that is ~1e-7 of the gradient; near the optimum the exact "
        "gradient is itself close to 0, what is left is mostly rounding, and relative differences grow large "
        "while the absolute ones stay within that scale. So a source agrees when its relative difference is "
        "below 1e-3 or its absolute difference is within float32's rounding scale.",
    },
}
