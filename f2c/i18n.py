"""Every string a user sees, in Chinese and English. `t(key, lang, **kwargs)` formats one."""

from __future__ import annotations

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
    # ---- the app (f2c/ui, f2c/figures.py) ----
    "app.page_title": {"zh": "f2c · 梯度下降演示", "en": "f2c · gradient descent playground"},
    "app.title": {
        "zh": "深度学习框架如何自动求导和梯度下降",
        "en": "How deep-learning frameworks compute gradients and do gradient descent",
    },
    "app.subtitle": {
        "zh": "把华氏读数转换成摄氏度:用 y = w·x + b 拟合 11 个数据点,看参数、损失和梯度一轮一轮地变化。",
        "en": "Turn a Fahrenheit reading into Celsius: fit y = w·x + b to 11 points and watch the "
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
    "mode.compiled": {"zh": "torch.compile 编译", "en": "torch.compile"},
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
        "zh": "正在加载 {framework} 并准备运行(首次编译可能需要几秒)…",
        "en": "Loading {framework} and preparing the run (the first compile can take a few seconds)…",
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
    # ---- data presets (f2c/presets.py) ----
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
    # ---- train / validation split (f2c/split.py) ----
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
        "zh": "请选择一个 CSV 文件;在此之前使用文章的数据。",
        "en": "Choose a CSV file; until then the article's data is used.",
    },
    "data.rejected": {
        "zh": "这些数据没有被采用:{message} 仍在使用之前的数据。",
        "en": "These points were not used: {message} The previous data is still in use.",
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
    "exp.script": {"zh": "下载 Python 脚本({name})", "en": "Download the Python script ({name})"},
    "exp.script_help": {
        "zh": "一个独立的脚本,包含当前的数据和设置;运行它会打印与文章相同格式的日志。",
        "en": "A standalone script with the current data and settings; running it prints the same log as "
        "the article.",
    },
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
}


def t(key: str, lang: str = DEFAULT_LANG, **kwargs: object) -> str:
    entry = STRINGS[key]
    text = entry.get(lang) or entry[DEFAULT_LANG]
    try:
        return text.format(**kwargs)
    except (KeyError, ValueError, IndexError):
        return text
