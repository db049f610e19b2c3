"""Strings of the compiled mode that starts at once (f2c.runtime.warmup) and of a busy server (f2c.runtime.busy)."""

STRINGS = {
    "train.compiling_behind": {
        "zh": "这次运行立即以逐步执行(eager)开始,torch.compile 同时在后台编译;编译完成后,运行在下一块训练轮次处"
        "切换为编译模式,参数和优化器状态原样接续,轨迹连续。",
        "en": "This run started at once, eagerly, while torch.compile compiles in the background; when it is ready, "
        "the run goes on compiled from the next chunk of epochs, with the same parameters and optimizer state.",
    },
    "player.loading_soon": {
        "zh": "正在加载 {framework}…",
        "en": "Loading {framework}…",
    },
    "busy.ahead": {
        "zh": "服务器正忙:还有 {ahead} 个运行排在你前面或与你轮流计算,预计约 {seconds:.0f} 秒后完成。",
        "en": "The server is busy: {ahead} other run(s) ahead of yours or taking turns with it; "
        "expected to finish in about {seconds:.0f} s.",
    },
    "busy.ahead_estimating": {
        "zh": "服务器正忙:还有 {ahead} 个运行排在你前面或与你轮流计算,正在估计所需时间…",
        "en": "The server is busy: {ahead} other run(s) ahead of yours or taking turns with it; "
        "estimating how long it will take…",
    },
}
