"""Every string a user sees, in Chinese and English. `t(key, lang, **kwargs)` formats one."""

from __future__ import annotations

import importlib
import pkgutil

from f2c.core import strings as _more

LANGS = ("zh", "en")
DEFAULT_LANG = "zh"

STRINGS: dict[str, dict[str, str]] = {
    # ---- settings (RunConfig validation) ----
    "config.choice": {
        "zh": "“{field}”的值 {value} 不可用,可选:{choices}。",
        "en": "“{field}” cannot be {value}; choose one of: {choices}.",
    },
    "config.mode_framework": {
        "zh": "{framework} 没有“{value}”执行模式,可选:{choices}。",
        "en": "{framework} has no “{value}” execution mode; choose one of: {choices}.",
    },
    "config.epochs": {
        "zh": "训练轮数必须是 1 到 {max} 之间的整数(收到 {value})。",
        "en": "Epochs must be a whole number from 1 to {max} (got {value}).",
    },
    "config.not_integer": {
        "zh": "“{field}”需要一个整数,收到的是“{value}”。",
        "en": "“{field}” needs a whole number, got “{value}”.",
    },
    "config.not_number": {
        "zh": "“{field}”需要一个数字,收到的是“{value}”。",
        "en": "“{field}” needs a number, got “{value}”.",
    },
    "config.not_finite": {
        "zh": "“{field}”必须是有限的数字(收到 {value})。",
        "en": "“{field}” must be a finite number (got {value}).",
    },
    "config.lr_range": {
        "zh": "学习率必须在 {min:g} 到 {max:g} 之间(收到 {value})。",
        "en": "The learning rate must be between {min:g} and {max:g} (got {value}).",
    },
    "config.param_range": {
        "zh": "初始参数“{field}”的绝对值不能超过 {max:g}(收到 {value})。",
        "en": "The initial “{field}” must be at most {max:g} in size (got {value}).",
    },
    "config.too_long": {
        "zh": "“{field}”的值太长。",
        "en": "The value of “{field}” is too long.",
    },
    # ---- data (CSV and tables) ----
    "data.shape": {"zh": "数据必须是两列数字。", "en": "The data must be two columns of numbers."},
    "data.too_few": {
        "zh": "至少需要 2 个数据点才能拟合直线。",
        "en": "At least 2 points are needed to fit a line.",
    },
    "data.too_many": {
        "zh": "数据点太多:最多 {max_rows} 行。",
        "en": "Too many points: at most {max_rows} rows.",
    },
    "data.too_large": {
        "zh": "文件太大:最多 {max_bytes} 字节。",
        "en": "The file is too large: at most {max_bytes} bytes.",
    },
    "data.encoding": {"zh": "文件不是 UTF-8 文本。", "en": "The file is not UTF-8 text."},
    "data.malformed": {"zh": "无法按 CSV 读取该文件。", "en": "The file cannot be read as CSV."},
    "data.missing": {"zh": "第 {row} 行缺少数值。", "en": "Row {row} has a missing value."},
    "data.columns": {
        "zh": "第 {row} 行多于两列。",
        "en": "Row {row} has more than two columns.",
    },
    "data.not_number": {"zh": "第 {row} 行不是数字。", "en": "Row {row} is not a number."},
    "data.not_finite": {
        "zh": "第 {row} 行的数值不是有限数。",
        "en": "Row {row} holds a value that is not finite.",
    },
    "data.x_equal": {
        "zh": "所有 x 都相同,无法拟合直线。",
        "en": "All x values are equal, so no line can be fitted.",
    },
    # ---- training ----
    "train.diverged": {
        "zh": "第 {epoch} 轮发散:损失不再是有限数(最后有限损失 {loss:.6g})。"
        "学习率 {lr:g} 超过了该数据的发散阈值 2/λmax = {threshold:.5g}。",
        "en": "Diverged at epoch {epoch}: the loss stopped being finite (last finite loss {loss:.6g}). "
        "The learning rate {lr:g} is above this data's threshold 2/λmax = {threshold:.5g}.",
    },
    "train.mode_fallback": {
        "zh": "“{mode}”模式在此机器上不可用,已改用逐步执行(eager)。原因:{why}",
        "en": "The “{mode}” mode is not available on this machine; running eagerly instead. Why: {why}",
    },
    "train.compute_local": {
        "zh": "无法启动单独的计算进程,本次训练在网页服务进程中计算(页面可能稍慢)。原因:{why}",
        "en": "A separate compute process could not start; this run computes in the web server's process "
        "(the page may be a little slower). Why: {why}",
    },
    # ---- the app (f2c/ui, f2c/render/live_charts.py) ----
    "app.page_title": {"zh": "f2c · 梯度下降演示", "en": "f2c · gradient descent playground"},
    "app.title": {
        "zh": "深度学习框架如何自动求导和梯度下降",
        "en": "How deep-learning frameworks compute gradients and do gradient descent",
    },
    "app.subtitle": {
        "zh": "把华氏读数转换成摄氏度:用 y = w·x + b 拟合 {n} 个数据点,看参数、损失和梯度一轮一轮地变化。",
        "en": "Turn a Fahrenheit reading into Celsius: fit y = w·x + b to {n} points and watch the "
        "parameters, the loss and the gradient change epoch by epoch.",
    },
    "app.url_problem": {
        "zh": "网址中的设置有误,已改用默认值:{message}",
        "en": "A setting in the address was not usable and was reset to its default: {message}",
    },
    "ctl.header": {"zh": "设置", "en": "Settings"},
    "ctl.lang": {"zh": "语言 / Language", "en": "Language / 语言"},
    "ctl.framework": {"zh": "框架", "en": "Framework"},
    "fw.numpy": {"zh": "NumPy(从零实现)", "en": "NumPy from scratch"},
    "fw.torch": {"zh": "PyTorch", "en": "PyTorch"},
    "fw.tensorflow": {"zh": "TensorFlow", "en": "TensorFlow"},
    "ctl.stage": {"zh": "阶段", "en": "Stage"},
    "stage.1": {"zh": "1 手动反向传播求导、手动梯度下降", "en": "1 Hand-written backprop and update"},
    "stage.2": {"zh": "2 自动求导,手动梯度下降", "en": "2 Autograd, hand-written update"},
    "stage.3": {"zh": "3 自动求导,自动梯度下降", "en": "3 Autograd and the optimizer"},
    "ctl.optimizer": {"zh": "优化器(阶段 3)", "en": "Optimizer (stage 3)"},
    "opt.sgd": {"zh": "SGD(随机梯度下降)", "en": "SGD"},
    "opt.momentum": {"zh": "SGD + 动量 0.9", "en": "SGD with momentum 0.9"},
    "opt.adam": {"zh": "Adam", "en": "Adam"},
    "opt.rmsprop": {"zh": "RMSprop", "en": "RMSprop"},
    "ctl.mode": {"zh": "执行模式", "en": "Execution mode"},
    "mode.fastest": {"zh": "最快(自动选择)", "en": "Fastest (automatic)"},
    "mode.eager": {"zh": "逐步执行 eager(文章原样的代码)", "en": "Eager (the article's code as written)"},
    "mode.function": {"zh": "整段函数 function", "en": "Whole function"},
    "mode.xla": {"zh": "XLA 编译", "en": "XLA compiled"},
    "mode.compiled": {
        "zh": "编译(PyTorch:torch.compile;NumPy:numba)",
        "en": "Compiled (PyTorch: torch.compile; NumPy: numba)",
    },
    "ctl.mode_help": {
        "zh": "“最快”先编译再运行,结果与逐步执行相同。选“逐步执行”即运行文章原样的循环。",
        "en": "“Fastest” compiles first and gives the same numbers as eager. Pick “Eager” to run the "
        "article's loop exactly as written.",
    },
    "ctl.eager_cost": {
        "zh": "逐步执行的代价:约 {us:,} 微秒/轮,{epochs:,} 轮约需 {seconds:,.0f} 秒。",
        "en": "Cost of eager: about {us:,} µs per epoch, so {epochs:,} epochs take about {seconds:,.0f} s.",
    },
    "ctl.measured_cost": {
        "zh": "本次运行({mode}):{us:,.1f} 微秒/轮。",
        "en": "This run ({mode}): {us:,.1f} µs per epoch.",
    },
    "ctl.lr": {"zh": "学习率(对数刻度)", "en": "Learning rate (log scale)"},
    "ctl.lr_exact": {"zh": "学习率(精确值)", "en": "Learning rate (exact)"},
    "ctl.lr_threshold": {
        "zh": "该数据在学习率超过 {threshold:.4g} 时发散。",
        "en": "This data diverges for learning rates above {threshold:.4g}.",
    },
    "ctl.epochs": {"zh": "训练轮数", "en": "Epochs"},
    "ctl.w0": {"zh": "初始 w", "en": "Initial w"},
    "ctl.b0": {"zh": "初始 b", "en": "Initial b"},
    "ctl.normalize": {"zh": "输入归一化", "en": "Input normalisation"},
    "norm.none": {"zh": "不归一化(文章原样)", "en": "None (as in the article)"},
    "norm.scale": {"zh": "输入乘以 0.1", "en": "Scale the input by 0.1"},
    "norm.standardize": {
        "zh": "标准化(减均值、除标准差)",
        "en": "Standardise (subtract mean, divide by std)",
    },
    "ctl.speed": {"zh": "播放速度", "en": "Playback speed"},
    "speed.max": {"zh": "最快", "en": "Full speed"},
    "speed.rate": {"zh": "{rate:,} 轮/秒", "en": "{rate:,} epochs/s"},
    "ctl.share": {
        "zh": "网址会记录这些设置:复制地址即可重现。",
        "en": "The address records these settings: copy it to share this exact setup.",
    },
    "player.run": {"zh": "运行", "en": "Run"},
    "player.continue": {"zh": "继续", "en": "Continue"},
    "player.pause": {"zh": "暂停", "en": "Pause"},
    "player.step": {"zh": "单步(1 轮)", "en": "Step (1 epoch)"},
    "player.reset": {"zh": "重置", "en": "Reset"},
    "player.status.idle": {"zh": "就绪", "en": "Ready"},
    "player.status.running": {"zh": "运行中…", "en": "Running…"},
    "player.status.paused": {"zh": "已暂停", "en": "Paused"},
    "player.status.done": {"zh": "完成", "en": "Finished"},
    "player.status.diverged": {"zh": "已发散", "en": "Diverged"},
    "player.loading": {
        "zh": "正在加载 {framework} 并准备运行。服务器上第一次运行要先编译:PyTorch 约 10 秒,"
        "动量、Adam、RMSprop 约 30–40 秒;之后的运行会立即开始…",
        "en": "Loading {framework} and preparing the run. The first run on a server compiles first: about 10 s "
        "for PyTorch, 30–40 s for momentum, Adam or RMSprop; later runs start at once…",
    },
    "player.prepared": {
        "zh": "执行模式:{mode}。编译用时 {seconds:.1f} 秒。",
        "en": "Execution mode: {mode}. Compiling took {seconds:.1f} s.",
    },
    "player.done": {
        "zh": "完成 {epochs:,} 轮,计算用时 {seconds:.2f} 秒({us:.2f} 微秒/轮)。最终参数 w = {w:.4f}, b = {b:.4f}。",
        "en": "Finished {epochs:,} epochs in {seconds:.2f} s of computing ({us:.2f} µs per epoch). "
        "Final parameters w = {w:.4f}, b = {b:.4f}.",
    },
    "player.scrubber": {"zh": "查看第几轮", "en": "Look at epoch"},
    "player.progress": {"zh": "第 {epoch:,} / {total:,} 轮", "en": "Epoch {epoch:,} of {total:,}"},
    "player.error": {
        "zh": "运行出错:{error}。请重置后再试,或换一个执行模式。",
        "en": "The run failed: {error}. Reset and try again, or pick another execution mode.",
    },
    "player.diverged_hint": {
        "zh": "把学习率调到 {threshold:.4g} 以下,或打开输入归一化,再点“重置”和“运行”。",
        "en": "Lower the learning rate below {threshold:.4g}, or turn on input normalisation, then Reset and Run.",
    },
    "player.waiting": {
        "zh": "服务器正忙:排队等待计算(前面还有 {ahead} 个)…",
        "en": "The server is busy: waiting for a turn to compute ({ahead} ahead)…",
    },
    "player.notice": {"zh": "提示:{notice}", "en": "Note: {notice}"},
    "metric.epoch": {"zh": "轮次 epoch", "en": "Epoch"},
    "metric.w": {"zh": "w", "en": "w"},
    "metric.b": {"zh": "b", "en": "b"},
    "metric.loss": {"zh": "损失 loss", "en": "Loss"},
    "metric.dw": {"zh": "∂L/∂w", "en": "∂L/∂w"},
    "metric.db": {"zh": "∂L/∂b", "en": "∂L/∂b"},
    "metric.units": {
        "zh": "w、b 为模型看到的(归一化后)单位;换算回原始输入:w = {w:.4f}, b = {b:.4f}。",
        "en": "w and b are in the model's (normalised) units; in the raw input's units: w = {w:.4f}, b = {b:.4f}.",
    },
    "metric.final_note": {
        "zh": "显示的是最后一次更新之后的参数(文章打印的 params)。",
        "en": "Showing the parameters after the last update (what the article prints as params).",
    },
    "fig.fit_title": {"zh": "拟合的直线与数据点", "en": "The fitted line over the data"},
    "fig.loss_title": {"zh": "损失(对数坐标)", "en": "Loss (log scale)"},
    "fig.x": {"zh": "X(华氏读数)", "en": "X (Fahrenheit reading)"},
    "fig.y": {"zh": "Y(摄氏度)", "en": "Y (Celsius)"},
    "fig.data": {"zh": "数据点", "en": "data"},
    "fig.line": {"zh": "当前直线(第 {epoch:,} 轮)", "en": "current line (epoch {epoch:,})"},
    "fig.line_now": {"zh": "当前直线", "en": "current line"},
    "fig.best": {"zh": "最小二乘最优", "en": "least-squares best"},
    "fig.textbook": {"zh": "教科书 (x−32)·5/9", "en": "textbook (x−32)·5/9"},
    "fig.loss": {"zh": "损失", "en": "loss"},
    "fig.cursor": {"zh": "第 {epoch:,} 轮", "en": "epoch {epoch:,}"},
    "fig.epoch": {"zh": "轮次 epoch", "en": "epoch"},
    "fig.loss_axis": {"zh": "损失 loss", "en": "loss"},
    "step.header": {"zh": "单步:一轮训练里发生了什么", "en": "One step: what happens in one epoch"},
    "step.hint": {
        "zh": "点“单步”运行一轮,这里会按文章的单元格逐步显示:前向计算、损失、梯度、更新。",
        "en": "Press Step to run one epoch: its cells appear here as in the article: forward pass, loss, "
        "gradient, update.",
    },
    "step.epoch": {
        "zh": "第 {epoch:,} 轮,从 w = {w:.4f}, b = {b:.4f} 出发",
        "en": "Epoch {epoch:,}, starting from w = {w:.4f}, b = {b:.4f}",
    },
    "step.forward": {"zh": "① 前向计算 Y_hat", "en": "① Forward pass Y_hat"},
    "step.loss": {"zh": "② 损失", "en": "② Loss"},
    "step.grad_manual": {
        "zh": "③ 手写的链式法则:∂L/∂w = mean(dloss_fn · dmodel_dw),∂L/∂b = mean(dloss_fn · dmodel_db)",
        "en": "③ The chain rule by hand: ∂L/∂w = mean(dloss_fn · dmodel_dw), ∂L/∂b = mean(dloss_fn · dmodel_db)",
    },
    "step.grad_auto": {"zh": "③ 自动求导得到的梯度", "en": "③ The gradient from autograd"},
    "step.update_manual": {
        "zh": "④ 手写的梯度下降:params − 学习率 × 梯度",
        "en": "④ Hand-written gradient descent: params − learning rate × gradient",
    },
    "step.update_auto": {
        "zh": "④ 优化器更新参数 optimizer.step()",
        "en": "④ The optimizer updates the parameters",
    },
    "step.new_params": {"zh": "新的参数 [w, b]", "en": "New parameters [w, b]"},
    "step.line": {"zh": "代码第 {line} 行", "en": "code line {line}"},
    "step.optimizer_state": {
        "zh": "注意:{optimizer} 有内部状态,这里的新参数按全新的优化器计算;运行中的参数见上方读数。",
        "en": "Note: {optimizer} keeps internal state; these new parameters use a fresh optimizer. The "
        "run's own parameters are in the readout above.",
    },
    "code.header": {"zh": "正在运行的代码", "en": "The code that runs"},
    "code.caption": {
        "zh": "{module} 中的 {function}:应用运行的正是这段代码(取自模块本身)。",
        "en": "{function} in {module}: the app runs exactly this code (read from the module itself).",
    },
    "code.helpers": {"zh": "它调用的函数", "en": "The functions it calls"},
    "code.compiled": {"zh": "{mode} 模式下被编译的代码", "en": "What the {mode} mode compiles"},
    "code.step_at": {
        "zh": "单步停在第 {epoch:,} 轮:标有 ◀ 的行对应上面的单元格 ①–④。",
        "en": "The Step is at epoch {epoch:,}: the lines marked ◀ match cells ①–④ above.",
    },
    # ---- replay (issue 6) ----
    "replay.header": {
        "zh": "回放:在浏览器里重播这次训练",
        "en": "Replay: play this run back in your browser",
    },
    "replay.caption": {
        "zh": "回放和拖动完全在浏览器里进行,不再占用服务器:按 ▶ 播放,或拖动滑块看任意一轮的直线和损失。"
        "帧取在对数间隔的轮次上(开始变化快,后面慢),最后一帧是训练结束时的参数。",
        "en": "Replay and scrubbing run entirely in your browser, without the server: press ▶ to play or drag "
        "the slider to any epoch. Frames sit on log-spaced epochs (fast change early, slow later); the last "
        "frame holds the parameters at the end of the run.",
    },
    "replay.play": {"zh": "▶ 播放", "en": "▶ Play"},
    "replay.pause": {"zh": "❚❚ 暂停", "en": "❚❚ Pause"},
    "replay.marker": {"zh": "当前轮次", "en": "this epoch"},
    "replay.slider_prefix": {"zh": "第 ", "en": "Epoch "},
    "replay.step_label": {
        "zh": "{epoch:,} 轮:w = {w:.4f},b = {b:.4f}",
        "en": "{epoch:,}: w = {w:.4f}, b = {b:.4f}",
    },
    # ---- data presets (f2c/core/presets.py) ----
    "preset.label": {"zh": "数据集", "en": "Data set"},
    "preset.unknown": {
        "zh": "没有名为“{name}”的数据集,可选:{choices}。",
        "en": "There is no data set called “{name}”; choose one of: {choices}.",
    },
    "preset.article.name": {"zh": "文章的 11 个数据点", "en": "The article's 11 points"},
    "preset.article.description": {
        "zh": "文章使用的数据:温度计读数和摄氏度。读数并不是准确的华氏度,"
        "所以最佳拟合 w = 0.5368、b = -17.30,而不是教科书上的 5/9 和 -160/9。",
        "en": "The article's data: a thermometer reading and degrees Celsius. The readings are not exact "
        "Fahrenheit, so the best fit is w = 0.5368, b = -17.30 rather than the textbook 5/9 and -160/9.",
    },
    "preset.fahrenheit.name": {"zh": "真正的华氏温度(带噪声)", "en": "True Fahrenheit (with noise)"},
    "preset.fahrenheit.description": {
        "zh": "0 到 100 °F 之间的 20 个读数,摄氏度按 C = (F - 32) × 5/9 精确换算,再加上标准差 1 °C 的"
        "测量噪声。拟合出的斜率应接近 5/9 ≈ 0.556。",
        "en": "20 readings between 0 and 100 °F, converted exactly with C = (F - 32) × 5/9, plus "
        "measurement noise with a standard deviation of 1 °C. The fitted slope should come out near "
        "5/9 ≈ 0.556.",
    },
    "preset.outlier.name": {"zh": "文章数据 + 一个离群点", "en": "The article's data plus one outlier"},
    "preset.outlier.description": {
        "zh": "在文章的数据中多了一个记错的读数(40, 35 °C)。均方误差对大的误差惩罚很重,"
        "看看拟合的直线如何被这一个点拉偏。",
        "en": "The article's data with one reading written down wrong (40, 35 °C). The mean squared error "
        "punishes large errors hard: see how far this single point pulls the fitted line.",
    },
    "preset.wide.name": {"zh": "宽范围读数(-40 到 250 °F)", "en": "Wide range (-40 to 250 °F)"},
    "preset.wide.description": {
        "zh": "读数跨度很大,损失曲面在 w 方向非常陡峭:在文章的学习率 1e-4 下梯度下降会发散"
        "(该数据的阈值 2/λmax 约为 6.8e-5)。把学习率调低到阈值以下,或者对输入做标准化,再试一次。",
        "en": "Readings over a wide range make the loss surface very steep along w: at the article's "
        "learning rate 1e-4 gradient descent diverges (this data's threshold 2/λmax is about 6.8e-5). "
        "Lower the learning rate below the threshold, or standardise the input, and try again.",
    },
    # ---- train / validation split (f2c/core/split.py) ----
    "split.label": {"zh": "验证集比例", "en": "Validation fraction"},
    "split.seed": {"zh": "随机种子", "en": "Random seed"},
    "split.fraction": {
        "zh": "验证集比例必须在 0 到 {max:g} 之间(收到 {value})。",
        "en": "The validation fraction must be between 0 and {max:g} (got {value}).",
    },
    "split.too_few": {
        "zh": "这样划分后{part}只有 {count} 个点(共 {total} 个),至少需要 2 个点。",
        "en": "This split leaves the {part} set with {count} of {total} points; it needs at least 2.",
    },
    "split.x_equal": {
        "zh": "这样划分后{part}中所有 x 都相同,请换一个随机种子或比例。",
        "en": "This split leaves the {part} set with all x values equal; try another seed or fraction.",
    },
    "split.train": {"zh": "训练集", "en": "training"},
    "split.validation": {"zh": "验证集", "en": "validation"},
    "split.train_loss": {"zh": "训练损失", "en": "Training loss"},
    "split.validation_loss": {"zh": "验证损失", "en": "Validation loss"},
    # ---- classroom (issue 5) ----
    "link.problem": {
        "zh": "网址参数“{param}”不可用,已改用默认值:{message}",
        "en": "The address parameter “{param}” was not usable and fell back to its default: {message}",
    },
    "link.unknown_param": {
        "zh": "没有这个参数,已忽略。",
        "en": "there is no such parameter; it was ignored.",
    },
    "link.unknown_control": {
        "zh": "没有名为“{value}”的控件可以隐藏或锁定,可选:{choices}。",
        "en": "there is no control called “{value}” to hide or lock; choose from: {choices}.",
    },
    "link.lang": {
        "zh": "“{value}”不是可用的语言,可选:{choices}。",
        "en": "“{value}” is not a language of this page; choose one of: {choices}.",
    },
    "link.custom_data": {
        "zh": "这个链接来自自己输入或上传的数据,链接无法携带这些数据,现在显示的是文章的数据。",
        "en": "this link was made with the author's own points, which a link cannot carry; showing the "
        "article's data instead.",
    },
    "link.seed": {
        "zh": "随机种子必须是 0 到 {max} 之间的整数(收到“{value}”)。",
        "en": "the seed must be a whole number from 0 to {max} (got “{value}”).",
    },
    "link.present": {
        "zh": "演示模式只能是 1(开)或 0(关),收到“{value}”。",
        "en": "the presentation layout is 1 (on) or 0 (off), got “{value}”.",
    },
    "teach.locked": {
        "zh": "部分设置由老师的链接固定,不能修改。",
        "en": "Some settings are fixed by the teacher's link and cannot be changed.",
    },
    "teach.present": {"zh": "演示模式(投影)", "en": "Presentation layout (projector)"},
    "teach.present_help": {
        "zh": "大字号、较少的面板,适合投影。网址中加上 present=1 即可分享这种布局。",
        "en": "Large type and fewer panels for a projector. Add present=1 to the address to share this layout.",
    },
    "data.header": {"zh": "数据", "en": "Data"},
    "data.source": {"zh": "数据来源", "en": "Where the points come from"},
    "source.preset": {"zh": "现成的数据集", "en": "A ready-made data set"},
    "source.table": {"zh": "在表格中编辑", "en": "Edit them in a table"},
    "source.upload": {"zh": "上传 CSV 文件", "en": "Upload a CSV file"},
    "data.table_header": {"zh": "你的数据点(可编辑)", "en": "Your points (editable)"},
    "data.table_help": {
        "zh": "直接修改数字,或在最后一行添加新点、选中行后删除。每行一个点:x(读数)和 y(摄氏度)。",
        "en": "Change the numbers, add a point in the last row, or select rows and delete them. One point per "
        "row: x (the reading) and y (Celsius).",
    },
    "data.upload": {"zh": "CSV 文件", "en": "CSV file"},
    "data.upload_help": {
        "zh": "两列数字(x, y),第一行可以是标题,最多 {max_rows:,} 行、{max_kb:,} KB。",
        "en": "Two columns of numbers (x, y), an optional header row, at most {max_rows:,} rows and {max_kb:,} KB.",
    },
    "data.upload_wait": {
        "zh": "请选择一个 CSV 文件(两列数字,最多 {max_rows:,} 行、{max_kb:,} KB);在此之前使用文章的数据。",
        "en": "Choose a CSV file (two columns of numbers, at most {max_rows:,} rows and {max_kb:,} KB); until "
        "then the article's data is used.",
    },
    "data.rejected": {
        "zh": "这些数据没有被采用:{message} 仍在使用你之前的 {n} 个数据点。",
        "en": "These points were not used: {message} Your previous {n} points are still in use.",
    },
    "data.rejected_article": {
        "zh": "这些数据没有被采用:{message} 现在改用文章的数据点。",
        "en": "These points were not used: {message} The article's points are used.",
    },
    "data.using": {"zh": "正在使用 {n} 个数据点:{name}", "en": "Using {n} points: {name}"},
    "data.custom_name": {"zh": "你自己的数据", "en": "your own data"},
    "data.not_shared": {
        "zh": "注意:你自己的数据不会写进网址,分享链接时对方看到的是文章的数据(网址中为 preset=custom)。",
        "en": "Note: your own points are not part of the address; someone opening the link sees the "
        "article's data (the address says preset=custom).",
    },
    "split.sizes": {
        "zh": "训练集 {train} 个点,验证集 {validation} 个点(随机种子 {seed})。",
        "en": "{train} training points, {validation} validation points (seed {seed}).",
    },
    "split.none": {"zh": "不划分:全部 {n} 个点用于训练。", "en": "No split: all {n} points train the model."},
    "split.refused": {
        "zh": "无法这样划分:{message} 现在用全部数据训练。",
        "en": "This split is not possible: {message} Training on all the points instead.",
    },
    "split.readout": {
        "zh": "训练损失 {train} · 验证损失 {validation}(原始单位,第 {epoch:,} 轮)",
        "en": "Training loss {train} · validation loss {validation} (original units, epoch {epoch:,})",
    },
    "fig.validation": {"zh": "验证点", "en": "validation points"},
    "exp.header": {"zh": "导出与分享", "en": "Export and share"},
    "exp.csv": {"zh": "下载训练轨迹 CSV", "en": "Download the trajectory as CSV"},
    "exp.csv_help": {
        "zh": "每一轮的 epoch、w、b、损失和梯度。",
        "en": "Every epoch's w, b, loss and gradient.",
    },
    "exp.csv_wait": {
        "zh": "运行之后可以在这里下载训练轨迹和图片。",
        "en": "After a run you can download the trajectory and the pictures here.",
    },
    "exp.figures": {
        "zh": "用图表右上角的相机按钮可以把图片下载为 PNG。",
        "en": "Use the camera button at the top right of a chart to download it as a PNG.",
    },
    "exp.error": {"zh": "无法生成脚本:{error}", "en": "The script could not be made: {error}"},
    "exp.link": {"zh": "这个设置的链接(复制即可分享)", "en": "The link of this setup (copy it to share)"},
    # ---- inside (issue 4) ----
    "in.header": {"zh": "看看里面", "en": "See inside"},
    "in.pick": {"zh": "选择一个视图", "en": "Pick a view"},
    "in.pick_hint": {
        "zh": "点上面的一个按钮:损失地形、学习率为什么会发散、几种梯度是否一致、真实的自动求导计算图……",
        "en": "Click one of the buttons above: the loss landscape, why the learning rate diverges, whether the "
        "gradients agree, the real autograd graph…",
    },
    "in.view.landscape": {"zh": "损失地形", "en": "Loss landscape"},
    "in.view.stability": {"zh": "学习率稳定性", "en": "Learning-rate stability"},
    "in.view.agreement": {"zh": "梯度对比", "en": "Gradients agree?"},
    "in.view.graph": {"zh": "计算图", "en": "Autograd graph"},
    "in.view.chain": {"zh": "链式法则", "en": "Chain rule"},
    "in.view.predict": {"zh": "预测", "en": "Predict"},
    "in.view.sweep": {"zh": "学习率扫描", "en": "LR sweep"},
    "in.view.breakit": {"zh": "故意弄坏", "en": "Break it"},
    "in.while_running": {
        "zh": "训练进行中:暂停或等它结束后,这里会显示当前这一轮的内部情况。",
        "en": "Training is running: pause it or let it finish, and this view shows the epoch on screen.",
    },
    "in.not_finite": {
        "zh": "当前参数已经不是有限的数(训练发散了),请拖动进度条回到发散之前。",
        "en": "The parameters here are no longer finite numbers (the run diverged): move the slider back to "
        "before it diverged.",
    },
    "in.at_cursor": {
        "zh": "在第 {epoch:,} 轮的参数处(模型单位):w = {w:.6g},b = {b:.6g}",
        "en": "At the parameters of epoch {epoch:,} (model units): w = {w:.6g}, b = {b:.6g}",
    },
    "in.loading": {
        "zh": "正在计算(第一次可能要加载框架)……",
        "en": "Computing (the first time may load a framework)…",
    },
    "in.land.title": {"zh": "损失地形与训练路径", "en": "The loss landscape and the path of the run"},
    "in.land.colorbar": {"zh": "log10 损失", "en": "log10 loss"},
    "in.land.path": {"zh": "训练路径", "en": "Path of the run"},
    "in.land.start": {"zh": "起点", "en": "Start"},
    "in.land.optimum": {"zh": "最小二乘最优点", "en": "Least-squares optimum"},
    "in.land.units.none": {"zh": "原始输入", "en": "the raw input"},
    "in.land.units.scale": {"zh": "输入乘以 0.1 后", "en": "the input scaled by 0.1"},
    "in.land.units.standardize": {"zh": "输入标准化后", "en": "the standardised input"},
    "in.land.caption": {
        "zh": "等高线按对数间隔画出;坐标是模型看到的参数({units})。条件数 {condition:,.0f}:"
        "越大,山谷越窄越长,梯度下降就在谷底慢慢爬。打开侧栏的“输入归一化”,山谷会变圆。",
        "en": "Contours are log-spaced; the axes are the parameters the model sees ({units}). Condition "
        "number {condition:,.0f}: the larger it is, the longer and narrower the valley, and the slower "
        "gradient descent crawls along its floor. Turn on input normalisation in the sidebar and the "
        "valley becomes round.",
    },
    "in.zone.converge": {"zh": "收敛", "en": "Converges"},
    "in.zone.oscillate": {"zh": "振荡但收敛", "en": "Oscillates, converges"},
    "in.zone.diverge": {"zh": "发散", "en": "Diverges"},
    "in.zone_caption.converge": {
        "zh": "收敛区:学习率是发散阈值的 {ratio:.3g} 倍。最快的恒定步长约 {best:.4g}。",
        "en": "Converge zone: the learning rate is {ratio:.3g} × the divergence threshold. The fastest "
        "constant step is about {best:.4g}.",
    },
    "in.zone_caption.oscillate": {
        "zh": "振荡区:学习率是发散阈值的 {ratio:.3g} 倍,参数会来回跳但仍收敛。",
        "en": "Oscillate zone: the learning rate is {ratio:.3g} × the divergence threshold; the parameters "
        "jump back and forth but still converge.",
    },
    "in.zone_caption.diverge": {
        "zh": "发散区:学习率是发散阈值的 {ratio:.3g} 倍,训练会发散。",
        "en": "Diverge zone: the learning rate is {ratio:.3g} × the divergence threshold; the run will diverge.",
    },
    "in.zone.explain.converge": {
        "zh": "学习率 {lr:.4g} 小于 1/λ_max = {half:.4g}:每个方向上的误差都单调缩小。",
        "en": "The learning rate {lr:.4g} is below 1/λ_max = {half:.4g}: the error shrinks steadily in every "
        "direction.",
    },
    "in.zone.explain.oscillate": {
        "zh": "学习率 {lr:.4g} 在 1/λ_max = {half:.4g} 和 2/λ_max = {crit:.5g} 之间:陡的方向每轮都越过谷底、"
        "来回跳,但跳得越来越小。",
        "en": "The learning rate {lr:.4g} is between 1/λ_max = {half:.4g} and 2/λ_max = {crit:.5g}: in the "
        "steep direction each step overshoots the valley floor and jumps back, by less each time.",
    },
    "in.zone.explain.diverge": {
        "zh": "学习率 {lr:.4g} 超过了 2/λ_max = {crit:.5g}:陡的方向每轮跳得比上一轮更远,损失爆炸。",
        "en": "The learning rate {lr:.4g} is above 2/λ_max = {crit:.5g}: in the steep direction each step "
        "overshoots further than the last, and the loss explodes.",
    },
    "in.stab.title": {"zh": "学习率的三个区域", "en": "The three zones of the learning rate"},
    "in.stab.axis": {"zh": "学习率(对数坐标)", "en": "Learning rate (log scale)"},
    "in.stab.critical": {"zh": "发散阈值 2/λ_max = {lr:.5g}", "en": "Threshold 2/λ_max = {lr:.5g}"},
    "in.stab.best": {
        "zh": "最佳步长 2/(λ_min+λ_max) = {lr:.5g}",
        "en": "Best step 2/(λ_min+λ_max) = {lr:.5g}",
    },
    "in.stab.lr_now": {"zh": "当前学习率 {lr:.4g}", "en": "Current learning rate {lr:.4g}"},
    "in.stab.condition": {"zh": "条件数", "en": "Condition number"},
    "in.stab.critical_short": {"zh": "发散阈值", "en": "Diverges above"},
    "in.stab.best_short": {"zh": "最佳步长", "en": "Best step"},
    "in.stab.tol": {"zh": "离最优点的容差", "en": "Tolerance to the optimum"},
    "in.stab.predicted": {"zh": "预计轮数(误差 < {tol:g})", "en": "Predicted epochs (error < {tol:g})"},
    "in.stab.why": {
        "zh": "为什么文章要跑 330,000 轮?损失的海森矩阵有两个特征值:平缓方向 λ_min = {lmin:.4g},"
        "陡峭方向 λ_max = {lmax:.6g}。学习率 {lr:.4g} 时,平缓方向每轮只减少 lr·λ_min ≈ {frac:.2g} 的误差,"
        "大约 {efold:,.0f} 轮才缩小到 1/e;而学习率又不能加大,因为陡峭方向在 2/λ_max = {crit:.5g} 以上就发散。"
        "两者之比就是条件数 {cond:,.0f}。把输入乘以 0.1,条件数降到 {cond_scaled:,.0f},阈值升到 "
        "{crit_scaled:.5g};标准化后只有 {cond_std:.3g}。",
        "en": "Why does the article need 330,000 epochs? The loss's Hessian has two eigenvalues: the gentle "
        "direction λ_min = {lmin:.4g} and the steep one λ_max = {lmax:.6g}. At learning rate {lr:.4g} the "
        "gentle direction loses only lr·λ_min ≈ {frac:.2g} of its error per epoch, about {efold:,.0f} epochs "
        "per factor of e, and the learning rate cannot be raised, because the steep direction diverges above "
        "2/λ_max = {crit:.5g}. Their ratio is the condition number, {cond:,.0f}. Scaling the input by 0.1 "
        "brings it down to {cond_scaled:,.0f} and the threshold up to {crit_scaled:.5g}; standardising "
        "brings it to {cond_std:.3g}.",
    },
    "in.stab.try_header": {
        "zh": "**动手验证**:用真正的训练代码(NumPy,第 1 阶段,{epochs:,} 轮)在阈值 {crit:.5g} 的两侧各跑一次:",
        "en": "**Try it**: the real training code (NumPy, stage 1, {epochs:,} epochs) run just either side of "
        "the threshold {crit:.5g}:",
    },
    "in.stab.try_converged": {
        "zh": "{factor} × 阈值 = {lr:.5g}:收敛,损失从 {first:.6g} 降到 {last:.6g}。",
        "en": "{factor} × threshold = {lr:.5g}: converges, the loss falls from {first:.6g} to {last:.6g}.",
    },
    "in.stab.try_diverged": {
        "zh": "{factor} × 阈值 = {lr:.5g}:在第 {epoch:,} 轮发散。",
        "en": "{factor} × threshold = {lr:.5g}: diverges at epoch {epoch:,}.",
    },
    "in.stab.use_lr": {"zh": "把学习率设为 {lr:.5g}", "en": "Set the learning rate to {lr:.5g}"},
    "in.agree.h": {"zh": "有限差分的步长 h", "en": "Finite-difference step h"},
    "in.agree.dtype": {"zh": "有限差分的精度", "en": "Finite-difference precision"},
    "in.agree.load": {"zh": "也算一下 {names}(需要加载框架)", "en": "Add {names} too (loads the framework)"},
    "in.agree.col_source": {"zh": "梯度来源", "en": "Source"},
    "in.agree.col_abs": {"zh": "绝对误差", "en": "Abs. difference"},
    "in.agree.col_rel": {"zh": "相对误差", "en": "Rel. difference"},
    "in.agree.src.grad_fn": {"zh": "手写 grad_fn(第 1 阶段)", "en": "Hand-written grad_fn (stage 1)"},
    "in.agree.src.autodiff": {"zh": "我们的 autodiff", "en": "Our autodiff"},
    "in.agree.src.torch": {"zh": "PyTorch autograd", "en": "PyTorch autograd"},
    "in.agree.src.tensorflow": {"zh": "TensorFlow GradientTape", "en": "TensorFlow GradientTape"},
    "in.agree.src.finite_difference": {
        "zh": "中心差分(h = {h:g},{dtype})",
        "en": "Central differences (h = {h:g}, {dtype})",
    },
    "in.agree.cancellation": {
        "zh": "有限差分把两个几乎相等的损失相减再除以很小的 h:float32 只有约 7 位有效数字,"
        "相减时大部分有效数字抵消了,所以 h 太小或用 float32 时误差会变大。",
        "en": "Finite differences subtract two almost equal losses and divide by a small h: float32 keeps only "
        "about 7 significant digits and the subtraction cancels most of them, so a tiny h or float32 makes "
        "the error grow.",
    },
    "in.graph.framework": {"zh": "哪个框架的计算图", "en": "Whose graph"},
    "in.graph.step": {"zh": "反向传播走到第几步(共 {n} 步)", "en": "Backward pass step (of {n})"},
    "in.graph.prev": {"zh": "上一步", "en": "Previous step"},
    "in.graph.next": {"zh": "下一步", "en": "Next step"},
    "in.graph.value": {"zh": "值", "en": "value"},
    "in.graph.grad": {"zh": "梯度", "en": "grad"},
    "in.graph.forward_only": {
        "zh": "第 0 步:只有前向计算。拖动滑块或点 ▶,看反向传播一个节点一个节点地往回走。",
        "en": "Step 0: only the forward pass. Drag the slider or click ▶ to walk the backward pass node by node.",
    },
    "in.graph.at_step": {
        "zh": "第 {k}/{n} 步:反向传播刚经过 {op}。亮起的节点已经算出了梯度。",
        "en": "Step {k} of {n}: the backward pass has just passed {op}. Lit nodes have their gradient.",
    },
    "in.graph.about.numpy": {
        "zh": "这是我们自己的 autodiff 张量本身:{nodes} 个节点,{edges} 条边,每个节点记着它的运算和父节点。",
        "en": "These are our own autodiff Tensors themselves: {nodes} nodes, {edges} edges; each remembers its "
        "operation and its parents.",
    },
    "in.graph.about.torch": {
        "zh": "从 loss.grad_fn 沿 next_functions 走出来的 PyTorch 反向图:{nodes} 个节点,{edges} 条边;"
        "AccumulateGrad 把梯度存进 params.grad。",
        "en": "PyTorch's backward graph, walked from loss.grad_fn through next_functions: {nodes} nodes, "
        "{edges} edges; AccumulateGrad stores the gradient in params.grad.",
    },
    "in.graph.about.tensorflow": {
        "zh": "TensorFlow 为前向计算和 tape.gradient 记录下的运算:{nodes} 个节点,{edges} 条边"
        "(蓝色是前向,橙色是梯度)。",
        "en": "The operations TensorFlow traces for the forward pass and tape.gradient: {nodes} nodes, {edges} "
        "edges (blue forward, orange gradient).",
    },
    "in.chain.explain": {
        "zh": "损失 L = (1/N)·Σ(ŷ − y)²,N = {n}。链式法则:dL/dw = Σ dL/dŷ · dŷ/dw,dL/db = Σ dL/dŷ · 1。"
        "下表每一行是一个数据点对梯度的贡献。",
        "en": "The loss is L = (1/N)·Σ(ŷ − y)², N = {n}. The chain rule: dL/dw = Σ dL/dŷ · dŷ/dw and "
        "dL/db = Σ dL/dŷ · 1. Each row below is one point's part of the gradient.",
    },
    "in.chain.col_dw": {"zh": "对 dL/dw 的贡献", "en": "share of dL/dw"},
    "in.chain.col_db": {"zh": "对 dL/db 的贡献", "en": "share of dL/db"},
    "in.chain.sums": {
        "zh": "贡献之和:dL/dw = {dw:.6g},dL/db = {db:.6g}(精确公式:{ew:.6g},{eb:.6g})。",
        "en": "The shares add up to dL/dw = {dw:.6g}, dL/db = {db:.6g} (exact formula: {ew:.6g}, {eb:.6g}).",
    },
    "in.chain.title": {"zh": "每个数据点对梯度的贡献", "en": "Each point's share of the gradient"},
    "in.chain.share_dw": {"zh": "dL/dw 的组成(合计 {total:.5g})", "en": "Parts of dL/dw (sum {total:.5g})"},
    "in.chain.share_db": {"zh": "dL/db 的组成(合计 {total:.5g})", "en": "Parts of dL/db (sum {total:.5g})"},
    "in.pred.input": {"zh": "输入一个读数(“华氏度”)", "en": "Type a reading (“Fahrenheit”)"},
    "in.pred.bad": {
        "zh": "请输入一个数字,例如 100 或 -40.5(绝对值不超过 1,000,000)。",
        "en": "Please type a number, for example 100 or -40.5 (at most 1,000,000 in size).",
    },
    "in.pred.model": {"zh": "训练的模型(第 {epoch:,} 轮)", "en": "Trained model (epoch {epoch:,})"},
    "in.pred.ls": {"zh": "最小二乘拟合", "en": "Least-squares fit"},
    "in.pred.exact": {"zh": "精确公式 (F − 32)·5/9", "en": "Exact formula (F − 32)·5/9"},
    "in.pred.note": {
        "zh": "注意:这组数据并不是准确的华氏度,最佳拟合是 C = {w:.5f}·x {b:+.4f},而不是 5/9 和 −160/9,"
        "所以模型和精确公式的结果不同。上面的拟合图里两条参考线都画出来了。",
        "en": "Note: these readings are not exact Fahrenheit. The best fit is C = {w:.5f}·x {b:+.4f}, not 5/9 "
        "and −160/9, so the model and the exact formula disagree. The fit plot above shows both reference lines.",
    },
    "in.sweep.epochs": {"zh": "每个学习率训练的轮数", "en": "Epochs for every learning rate"},
    "in.sweep.computing": {
        "zh": "正在一次性计算 {n} 个学习率,各 {epochs:,} 轮……",
        "en": "Running {n} learning rates at once, {epochs:,} epochs each…",
    },
    "in.sweep.title": {
        "zh": "{epochs:,} 轮后的损失 vs 学习率",
        "en": "Loss after {epochs:,} epochs vs learning rate",
    },
    "in.sweep.axis": {"zh": "{epochs:,} 轮后的损失", "en": "Loss after {epochs:,} epochs"},
    "in.sweep.final": {"zh": "最终损失", "en": "Final loss"},
    "in.sweep.diverged": {"zh": "发散", "en": "Diverged"},
    "in.sweep.caption": {
        "zh": "{n} 个学习率同时训练(第 1 阶段,float32,参数是数组,一次向量化运行)。理论阈值 {crit:.5g};"
        "第一个发散的学习率是 {first_bad:.5g}。",
        "en": "{n} learning rates trained together (stage 1, float32, the parameters are arrays: one vectorised "
        "run). Theoretical threshold {crit:.5g}; the first learning rate that diverged is {first_bad:.5g}.",
    },
    "in.break.framework": {"zh": "用哪个框架弄坏", "en": "Which framework to break"},
    "in.break.zero_header": {
        "zh": "**错误 1:忘了把梯度清零**",
        "en": "**Mistake 1: forgetting to zero the gradient**",
    },
    "in.break.zero_about.numpy": {
        "zh": "我们的 autodiff 和 PyTorch 一样:backward() 把新梯度加到 params.grad 上。不清零,第 k 轮就沿着"
        "前 k 个梯度之和走。学习率 {lr:.4g},{epochs} 轮。",
        "en": "Our autodiff works like PyTorch: backward() adds the new gradient into params.grad. Without "
        "zeroing, epoch k steps along the sum of k gradients. Learning rate {lr:.4g}, {epochs} epochs.",
    },
    "in.break.zero_about.torch": {
        "zh": "PyTorch 的 backward() 把新梯度加到 params.grad 上。不调用 params.grad.zero_(),第 k 轮就沿着"
        "前 k 个梯度之和走。学习率 {lr:.4g},{epochs} 轮。",
        "en": "PyTorch's backward() adds the new gradient into params.grad. Without params.grad.zero_(), epoch "
        "k steps along the sum of k gradients. Learning rate {lr:.4g}, {epochs} epochs.",
    },
    "in.break.zero_about.tensorflow": {
        "zh": "TensorFlow 的 tape.gradient 每次都返回全新的梯度,没有什么需要清零;只有自己维护一个梯度累加和"
        "却忘了重置时才会出这个错(下图就是这样)。学习率 {lr:.4g},{epochs} 轮。",
        "en": "TensorFlow's tape.gradient returns a fresh gradient every time, so there is nothing to zero; the "
        "same bug only appears if you keep a running sum of gradients and forget to reset it (shown here). "
        "Learning rate {lr:.4g}, {epochs} epochs.",
    },
    "in.break.right": {"zh": "正确(每轮清零)", "en": "Right (zeroed every epoch)"},
    "in.break.wrong": {"zh": "错误(忘了清零)", "en": "Wrong (never zeroed)"},
    "in.break.land_title": {"zh": "前 {epochs} 轮的路径", "en": "Paths of the first {epochs} epochs"},
    "in.break.loss_title": {"zh": "每轮的损失", "en": "Loss per epoch"},
    "in.break.final": {"zh": "{name}:最后的损失 {loss:.6g}", "en": "{name}: final loss {loss:.6g}"},
    "in.break.diverged": {"zh": "{name}:在第 {epoch} 轮发散", "en": "{name}: diverged at epoch {epoch}"},
    "in.break.source": {
        "zh": "这一步的代码(zero_grad=False 就是忘了清零)",
        "en": "The step's code (zero_grad=False forgets to zero)",
    },
    "in.break.graph_header": {
        "zh": "**错误 2:更新参数时没有离开计算图**",
        "en": "**Mistake 2: updating the parameters without leaving the autograd graph**",
    },
    "in.break.raised": {
        "zh": "框架在第 {epoch} 轮抛出了这个错误(已捕获):",
        "en": "The framework raised this error in epoch {epoch} (caught):",
    },
    "in.break.no_error": {
        "zh": "没有报错,但更糟:每一轮都接在上一轮的计算图后面,{epochs} 轮后图的节点数依次是 {sizes},一直在长。",
        "en": "No error, which is worse: every epoch is chained onto the last one's graph; after each of "
        "{epochs} epochs the graph has {sizes} nodes, and it keeps growing.",
    },
    "in.break.explain.numpy": {
        "zh": "params - lr·params.grad 的结果仍然记着它是由 params 算出来的,于是下一轮的反向传播会一路走回"
        "第一轮。正确的写法是 .detach(),或者直接改数字 params.data。",
        "en": "params - lr·params.grad still remembers that it was computed from params, so the next backward "
        "pass walks all the way back to the first epoch. The fix is .detach(), or changing the numbers "
        "params.data directly.",
    },
    "in.break.explain.torch": {
        "zh": "params 是需要梯度的叶子张量,PyTorch 不允许在记录计算图时原地修改它。"
        "把更新写在 with torch.no_grad(): 里面(或者用 .detach())就好了。",
        "en": "params is a leaf tensor that requires grad, and PyTorch refuses to change it in place while it "
        "records the graph. Put the update inside with torch.no_grad(): (or use .detach()).",
    },
    "in.break.explain.tensorflow": {
        "zh": "params = params - lr·gradients 造出了一个普通张量,不再是 tf.Variable;tape 只自动跟踪 Variable,"
        "所以下一轮的梯度是 None,再乘以学习率就报错。用 params.assign_sub(lr * gradients) 原地更新就好了。",
        "en": "params = params - lr·gradients makes a plain Tensor, no longer the tf.Variable; the tape only "
        "follows Variables by itself, so the next gradient is None and multiplying it by the learning rate "
        "fails. Update in place with params.assign_sub(lr * gradients).",
    },
}


def _merge_more() -> None:
    for info in pkgutil.iter_modules(_more.__path__):
        table = importlib.import_module(f"{_more.__name__}.{info.name}").STRINGS
        twice = STRINGS.keys() & table.keys()
        if twice:
            raise KeyError(f"strings defined twice ({info.name}): {sorted(twice)}")
        STRINGS.update(table)


_merge_more()


def t(key: str, lang: str = DEFAULT_LANG, **kwargs: object) -> str:
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    try:
        return text.format(**kwargs)
    except (KeyError, ValueError, IndexError):
        return text
