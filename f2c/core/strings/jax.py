"""Strings of the JAX lesson: its name, its modes, its gradient source, the jaxpr view, why break-it does not apply."""

STRINGS = {
    "fw.jax": {"zh": "JAX", "en": "JAX"},
    "mode.jit": {"zh": "jax.jit 编译(XLA)", "en": "jax.jit (XLA compiled)"},
    "in.agree.src.jax": {"zh": "JAX jax.grad", "en": "JAX jax.grad"},
    "in.graph.about.jax": {
        "zh": "JAX 没有记录 tape:jax.grad 追踪一次损失函数,写出一个新的程序来算梯度,"
        "即 jax.make_jaxpr(jax.grad(loss)) 的 jaxpr:{nodes} 个节点,{edges} 条边"
        "(蓝色是前向,橙色是 JAX 推导出的反向,从种子 1.0 开始)。",
        "en": "JAX records no tape: jax.grad traces the loss function once and writes a new program that "
        "computes the gradient, the jaxpr of jax.make_jaxpr(jax.grad(loss)): {nodes} nodes, {edges} edges "
        "(blue forward, orange the backward pass JAX derived, starting from the seed 1.0).",
    },
    "in.jaxpr.header": {
        "zh": "JAX 推导出的梯度程序(jaxpr)",
        "en": "The gradient program JAX derived (jaxpr)",
    },
    "in.jaxpr.caption": {
        "zh": "jax.make_jaxpr(jax.grad(loss)) 在 (w, b) = ({w:.4f}, {b:.4f}) 处的结果:每行是 JAX 要执行的一个原语。"
        "a、b 是常量 X 和 Y,c 是 params;最后一行 add_any 得到 [dL/dw, dL/db]。",
        "en": "jax.make_jaxpr(jax.grad(loss)) at (w, b) = ({w:.4f}, {b:.4f}): one line per primitive JAX will "
        "run. a and b are the constants X and Y, c is params; the last line, add_any, gives [dL/dw, dL/db].",
    },
    "in.break.zero_about.jax": {
        "zh": "JAX 的 jax.grad 每次调用都返回一个新的梯度值,没有会累加的 .grad,也就没有什么需要清零;只有自己维护"
        "一个梯度累加和却忘了重置时才会出这个错(下图就是这样)。学习率 {lr:.4g},{epochs} 轮。",
        "en": "JAX's jax.grad returns a new gradient value at every call: there is no accumulated .grad, so "
        "nothing to zero; the same bug only appears if you keep a running sum of gradients and forget to "
        "reset it (shown here). Learning rate {lr:.4g}, {epochs} epochs.",
    },
    "in.break.explain.jax": {
        "zh": "在 JAX 里这不是错误:params 只是普通的值,不属于任何计算图;jax.grad 每轮都重新追踪损失函数,"
        "所以 params = params - lr * grad 就是正确的更新,既不报错,图也不会变大。",
        "en": "In JAX this is not a bug: params is a plain value, not part of any graph, and jax.grad traces the "
        "loss function afresh every epoch, so params = params - lr * grad is already the right update: no "
        "error, and no graph that grows.",
    },
}
