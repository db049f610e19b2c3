"""The guided path's questions and their feedback (f2c.explain.questions), formatted with the app's numbers."""

STRINGS = {
    "gq.loss_start.ask": {
        "zh": "先猜一猜:在 w = 1、b = 0 处,损失(均方误差)是多少?",
        "en": "Guess first: what is the loss (mean squared error) at w = 1, b = 0?",
    },
    "gq.loss_start.right": {
        "zh": "对!应用算出 {loss:.4f}。此时预测就是 x 本身,每个点都比 y 高出 {lo:.1f} 到 {hi:.1f},平方后平均就是这个数。",
        "en": "Right: the app computes {loss:.4f}. The prediction is x itself, above every y by {lo:.1f} to "
        "{hi:.1f}; those gaps squared and averaged give that number.",
    },
    "gq.loss_start.wrong": {
        "zh": "还不对。应用算出 {loss:.4f}:预测 w·x + b 就是 x,比每个 y 都高 {lo:.1f} 到 {hi:.1f},把这些差平方再取平均。",
        "en": "Not quite. The app computes {loss:.4f}: the prediction w·x + b is x, above every y by {lo:.1f} "
        "to {hi:.1f}; square those gaps and average them.",
    },
    "gq.sign_dw.ask": {"zh": "在 (1, 0) 处,dL/dw 的符号是?", "en": "At (1, 0), what is the sign of dL/dw?"},
    "gq.sign_dw.opt.positive": {"zh": "正", "en": "positive"},
    "gq.sign_dw.opt.negative": {"zh": "负", "en": "negative"},
    "gq.sign_dw.opt.zero": {"zh": "零", "en": "zero"},
    "gq.sign_dw.right": {
        "zh": "对:dL/dw = {dw:.2f} > 0。直线处处偏高,把 w 调小损失就会下降,梯度下降正是朝 −梯度 走。",
        "en": "Right: dL/dw = {dw:.2f} > 0. The line is too high everywhere, so a smaller w lowers the loss, "
        "and gradient descent steps against the gradient.",
    },
    "gq.sign_dw.wrong": {
        "zh": "不对:dL/dw = {dw:.2f},是正的。每个误差 w·x + b − y 都是正的,x 也都是正的,平均起来当然为正。",
        "en": "No: dL/dw = {dw:.2f}, positive. Every error w·x + b − y is positive and every x is positive, "
        "so their average product is too.",
    },
    "gq.db_start.ask": {
        "zh": "在 (1, 0) 处,dL/db 是多少?(提示:2·mean(误差))",
        "en": "At (1, 0), what is dL/db? (Hint: 2·mean(error).)",
    },
    "gq.db_start.right": {
        "zh": "对:dL/db = {db:.4f} = 2 × {mean_gap:.2f},误差的平均是 {mean_gap:.2f}。",
        "en": "Right: dL/db = {db:.4f} = 2 × {mean_gap:.2f}, the mean error being {mean_gap:.2f}.",
    },
    "gq.db_start.wrong": {
        "zh": "不对:dL/db = {db:.4f}。误差 x − y 的平均是 {mean_gap:.2f},再乘以 2。",
        "en": "No: dL/db = {db:.4f}. The errors x − y average {mean_gap:.2f}; times 2.",
    },
    "gq.one_update_w.ask": {
        "zh": "从 [1.0, 0.01] 出发,学习率 1e-4,走一步之后 w 是多少?",
        "en": "From [1.0, 0.01] with learning rate 1e-4, what is w after one step?",
    },
    "gq.one_update_w.right": {
        "zh": "对:w = 1.0 − 1e-4 × {gw:.2f} = {w1:.4f}。一步就走了快一半:这个方向很陡。",
        "en": "Right: w = 1.0 − 1e-4 × {gw:.2f} = {w1:.4f}. One step covers almost half the way: this "
        "direction is steep.",
    },
    "gq.one_update_w.wrong": {
        "zh": "不对:w = 1.0 − 1e-4 × dL/dw = 1.0 − 1e-4 × {gw:.2f} = {w1:.4f}。",
        "en": "No: w = 1.0 − 1e-4 × dL/dw = 1.0 − 1e-4 × {gw:.2f} = {w1:.4f}.",
    },
    "gq.diverge.ask": {
        "zh": "这三个学习率里,哪一个会让训练发散?",
        "en": "Which of these three learning rates makes training diverge?",
    },
    "gq.diverge.opt.1e-4": {"zh": "1e-4", "en": "1e-4"},
    "gq.diverge.opt.3e-4": {"zh": "3e-4", "en": "3e-4"},
    "gq.diverge.opt.4e-4": {"zh": "4e-4", "en": "4e-4"},
    "gq.diverge.right": {
        "zh": "对:超过 2/λ_max = {critical:.4e} 就发散。应用各跑了 {epochs} 轮:1e-4 → {l0:.4g},"
        "3e-4 → {l1:.4g}(还收敛),4e-4 → {l2:.4g}。",
        "en": "Right: above 2/λ_max = {critical:.4e} it diverges. The app ran each for {epochs} epochs: "
        "1e-4 → {l0:.4g}, 3e-4 → {l1:.4g} (still converging), 4e-4 → {l2:.4g}.",
    },
    "gq.diverge.wrong": {
        "zh": "不对:界限是 2/λ_max = {critical:.4e}。应用各跑了 {epochs} 轮:1e-4 → {l0:.4g},3e-4 → {l1:.4g},"
        "4e-4 → {l2:.4g}(发散)。",
        "en": "No: the limit is 2/λ_max = {critical:.4e}. The app ran each for {epochs} epochs: 1e-4 → {l0:.4g}, "
        "3e-4 → {l1:.4g}, 4e-4 → {l2:.4g} (diverged).",
    },
    "gq.plateau.ask": {
        "zh": "为什么损失曲线有一段很长的平台,要几十万轮才降下来?",
        "en": "Why does the loss curve have a long plateau, taking hundreds of thousands of epochs?",
    },
    "gq.plateau.opt.condition": {
        "zh": "两个方向的陡峭程度差得太远(条件数很大)",
        "en": "The two directions differ hugely in steepness (a large condition number)",
    },
    "gq.plateau.opt.small_lr": {
        "zh": "学习率在所有方向上都太小",
        "en": "The learning rate is too small in every direction",
    },
    "gq.plateau.opt.float32": {"zh": "float32 的舍入误差", "en": "float32 rounding"},
    "gq.plateau.right": {
        "zh": "对:海森矩阵的特征值是 {lmin:.5f} 和 {lmax:.2f},条件数 {condition:,.0f}。学习率受陡的方向限制,"
        "平缓的方向每缩小 e 倍要 1/(lr·λ_min) ≈ {efold:,.0f} 轮。",
        "en": "Right: the Hessian's eigenvalues are {lmin:.5f} and {lmax:.2f}, condition number {condition:,.0f}. "
        "The steep direction caps the learning rate, and the flat one then needs 1/(lr·λ_min) ≈ {efold:,.0f} "
        "epochs per e-fold.",
    },
    "gq.plateau.wrong": {
        "zh": "不是这个原因:条件数是 {condition:,.0f}(特征值 {lmin:.5f} 和 {lmax:.2f})。学习率不能再大(陡的方向会发散),"
        "平缓的方向就要 ≈ {efold:,.0f} 轮才缩小 e 倍。",
        "en": "Not that: the condition number is {condition:,.0f} (eigenvalues {lmin:.5f} and {lmax:.2f}). The "
        "learning rate cannot grow (the steep direction would diverge), so the flat one needs ≈ {efold:,.0f} "
        "epochs per e-fold.",
    },
    "gq.grad_none.ask": {
        "zh": "还没有反向传播时,参数的梯度是什么?",
        "en": "Before any backward pass, what is the parameters' gradient?",
    },
    "gq.grad_none.opt.none": {"zh": "None(还没有)", "en": "None (there is none yet)"},
    "gq.grad_none.opt.zeros": {"zh": "全是 0", "en": "all zeros"},
    "gq.grad_none.opt.gradient": {"zh": "已经是梯度了", "en": "already the gradient"},
    "gq.grad_none.right": {
        "zh": "对:还什么都没算,所以是 None(这个单元输出 {printed})。",
        "en": "Right: nothing has been computed yet, so it is None (this cell prints {printed}).",
    },
    "gq.grad_none.wrong": {
        "zh": "不对:梯度要等反向传播才有,在那之前是 None(这个单元输出 {printed})。",
        "en": "No: a gradient exists only after a backward pass; before it is None (this cell prints {printed}).",
    },
    "gq.two_backward.ask": {
        "zh": "同一个参数连着做两次反向传播、中间不清零,梯度是?",
        "en": "Two backward passes on the same parameters with no zeroing between: the gradient is?",
    },
    "gq.two_backward.opt.same": {"zh": "和一次一样", "en": "the same as once"},
    "gq.two_backward.opt.twice": {"zh": "两次之和(翻倍)", "en": "the sum of both (doubled)"},
    "gq.two_backward.opt.zeros": {"zh": "0", "en": "zero"},
    "gq.two_backward.right": {
        "zh": "对:一次是 [{w1:.2f}, {b1:.2f}],两次后是 [{w2:.2f}, {b2:.2f}]。",
        "en": "Right: once gives [{w1:.2f}, {b1:.2f}], twice gives [{w2:.2f}, {b2:.2f}].",
    },
    "gq.two_backward.wrong": {
        "zh": "不对:应用实际跑了一下,一次是 [{w1:.2f}, {b1:.2f}],两次后是 [{w2:.2f}, {b2:.2f}]。",
        "en": "No: the app ran it: once gives [{w1:.2f}, {b1:.2f}], twice gives [{w2:.2f}, {b2:.2f}].",
    },
    "gq.step_does.ask": {"zh": "optimizer 的一步做了什么?", "en": "What does one step of the optimizer do?"},
    "gq.step_does.opt.update": {
        "zh": "原地更新参数:params ← params − lr·grad",
        "en": "updates the parameters in place: params ← params − lr·grad",
    },
    "gq.step_does.opt.gradient": {"zh": "计算梯度", "en": "computes the gradient"},
    "gq.step_does.opt.zero": {"zh": "把梯度清零", "en": "zeroes the gradient"},
    "gq.step_does.right": {
        "zh": "对:[1.0, 0.01] − 1e-4 × [{gw:.2f}, {gb:.2f}] = [{w1:.4f}, {b1:.4f}]。梯度是 backward 算的。",
        "en": "Right: [1.0, 0.01] − 1e-4 × [{gw:.2f}, {gb:.2f}] = [{w1:.4f}, {b1:.4f}]. backward computed the "
        "gradient.",
    },
    "gq.step_does.wrong": {
        "zh": "不对:梯度由 backward 计算、由 zero_grad 清零;step 只做 [1.0, 0.01] − 1e-4 × [{gw:.2f}, {gb:.2f}] "
        "= [{w1:.4f}, {b1:.4f}]。",
        "en": "No: backward computes the gradient and zero_grad clears it; step only does [1.0, 0.01] − 1e-4 × "
        "[{gw:.2f}, {gb:.2f}] = [{w1:.4f}, {b1:.4f}].",
    },
    "gq.same_log.ask": {
        "zh": "第三阶段(SGD 优化器)打印的损失和第一阶段(手写梯度)相比?",
        "en": "Stage 3 (the SGD optimizer) prints losses that, compared with stage 1 (hand-written gradient), are?",
    },
    "gq.same_log.opt.same": {"zh": "一样", "en": "the same"},
    "gq.same_log.opt.lower": {"zh": "更低", "en": "lower"},
    "gq.same_log.opt.higher": {"zh": "更高", "en": "higher"},
    "gq.same_log.right": {
        "zh": "对:同样的 float32 运算,第 330000 轮两者都是 {last1:.6f} 和 {last3:.6f}。",
        "en": "Right: the same float32 arithmetic; at epoch 330000 they print {last1:.6f} and {last3:.6f}.",
    },
    "gq.same_log.wrong": {
        "zh": "不对:优化器做的正是 params − lr·grad,第 330000 轮两者是 {last1:.6f} 和 {last3:.6f}。",
        "en": "No: the optimizer does exactly params − lr·grad; at epoch 330000 they print {last1:.6f} and "
        "{last3:.6f}.",
    },
    "gq.stall.ask": {
        "zh": "跑 1,000,000 轮,最后还是 0.5358 / −17.2503,和 330,000 轮一样。为什么?",
        "en": "A 1,000,000-epoch run ends on the same 0.5358 / −17.2503 as 330,000. Why?",
    },
    "gq.stall.opt.spacing": {
        "zh": "每一步比 float32 能表示的最小间隔还小,被舍入掉了",
        "en": "Each step is smaller than the gap between float32 numbers, so it rounds away",
    },
    "gq.stall.opt.lr_decay": {"zh": "学习率自己变小了", "en": "The learning rate shrinks by itself"},
    "gq.stall.opt.zero_grad": {"zh": "梯度正好是 0", "en": "The gradient is exactly zero"},
    "gq.stall.right": {
        "zh": "对:在 b = {b:.4f} 附近 float32 的间隔是 {gap_b:.3g},只有 |dL/db| 大于 {min_gb:.6g}(半个间隔 ÷ lr)时 lr·梯度 才挪得动 b;"
        "这里 float32 算出的 dL/db = {gb:.6g},不比它大。w 同理(间隔 {gap_w:.3g},要 |dL/dw| > {min_gw:.3g},实际 {gw:.3g})。",
        "en": "Right: near b = {b:.4f} float32 numbers are {gap_b:.3g} apart, so lr·gradient moves b only if "
        "|dL/db| is more than {min_gb:.6g} (half the gap / lr); here float32 computes dL/db = {gb:.6g}, no more. "
        "Likewise w (gap {gap_w:.3g}, needs |dL/dw| > {min_gw:.3g}, has {gw:.3g}).",
    },
    "gq.stall.wrong": {
        "zh": "不对:学习率没变,梯度也不是 0(float32 的 dL/db = {gb:.4g})。但 b = {b:.4f} 附近 float32 的间隔是 {gap_b:.3g},"
        "要 |dL/db| > {min_gb:.6g} 才挪得动:每一步都被舍入回原来的数。",
        "en": "No: the learning rate is fixed and the gradient is not zero (float32's dL/db = {gb:.4g}). But near "
        "b = {b:.4f} float32 numbers are {gap_b:.3g} apart, so it takes |dL/db| > {min_gb:.6g} to move: every "
        "step rounds back to the same number.",
    },
}
