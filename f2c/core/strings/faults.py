"""Strings of what the page says when something goes wrong around a run: a run that failed, a compute
process that was lost, a link with too many settings, the TensorFlow export's running time."""

STRINGS = {
    "player.again": {"zh": "重新运行", "en": "Run again"},
    "player.status.lost": {
        "zh": "已停止:计算进程丢失",
        "en": "Stopped: the computing process was lost",
    },
    "player.status.failed": {"zh": "已停止:运行出错", "en": "Stopped: the run failed"},
    "player.lost": {
        "zh": "在第 {epoch:,} 轮时,为这次运行计算的进程没了(被终止,或内存不足)。"
        "点“重新运行”会从第 0 轮开始,启动一个新的计算进程。({error})",
        "en": "The process computing this run was lost at epoch {epoch:,} (killed, or out of memory). "
        "Run again starts from epoch 0 in a new computing process. ({error})",
    },
    "player.failed": {
        "zh": "运行出错:{error}。点“重新运行”从第 0 轮开始,或换一个执行模式。",
        "en": "The run failed: {error}. Run again starts from epoch 0; or pick another execution mode.",
    },
    "exp.slow": {
        "zh": "注意:导出的 train.py 按文章的写法逐轮即时执行(eager),不用应用里的编译模式:"
        "{framework} 第 {stage} 阶段的 {epochs:,} 轮大约要 {duration}"
        "(在 2 核 CPU 上每轮约 {us:,.0f} 微秒),脚本开始时也会打印这一点。想快速试一下,先把轮数调小。",
        "en": "Note: the exported train.py runs the article's loop eagerly, one step per epoch, not the "
        "app's compiled mode: {epochs:,} epochs of {framework} stage {stage} take about {duration} "
        "({us:,.0f} µs per epoch on a 2-core CPU), and the script says so when it starts. "
        "Lower the epochs for a quick try.",
    },
    "link.dropped": {
        "zh": "这个链接带的设置太多(超过 {fields:,} 个参数),整个被忽略了:现在用的是默认设置。",
        "en": "This link had too many settings (over {fields:,} parameters) and was ignored; "
        "the defaults are in use.",
    },
}
