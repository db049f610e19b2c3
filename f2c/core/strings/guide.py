"""The guided path's page (f2c.ui.guide): navigation, the cells' titles and words, the student's turns."""

_CELLS = {
    "data": (
        "数据",
        "The data",
        "十一对读数:x 是“华氏度”读数,y 是摄氏度。先把它们变成 float32 张量。",
        "Eleven pairs: x is the “Fahrenheit” reading, y the Celsius temperature. First they become float32 tensors.",
    ),
    "predict": (
        "模型",
        "The model",
        "模型是一条直线 Y_hat = w·X + b。从 w = 1、b = 0 开始,预测就是 X 本身。",
        "The model is a line, Y_hat = w·X + b. Starting at w = 1, b = 0, the prediction is X itself.",
    ),
    "loss_at_start": (
        "(1, 0) 处的损失",
        "The loss at (1, 0)",
        "损失是误差平方的平均(文章叫它均方根损失,其实是均方误差)。",
        "The loss is the mean of the squared errors (the article calls it root-mean-square; it is the mean squared error).",
    ),
    "hand_gradient": (
        "手写的梯度",
        "The hand-written gradient",
        "链式法则:dL/dw = mean(2·(Y_hat − Y)·X),dL/db = mean(2·(Y_hat − Y))。文章把它拆成 dloss_fn、dmodel_dw、dmodel_db。",
        "The chain rule: dL/dw = mean(2·(Y_hat − Y)·X), dL/db = mean(2·(Y_hat − Y)). The article splits it into "
        "dloss_fn, dmodel_dw and dmodel_db.",
    ),
    "one_update": (
        "走一步",
        "One update",
        "梯度下降的一步:params − learning_rate · grad。",
        "One step of gradient descent: params − learning_rate · grad.",
    ),
    "stage1_loop": (
        "第一阶段的循环",
        "Stage 1's loop",
        "同一步重复 330,000 次,每 30,000 轮打印一次损失(在这一轮更新之前量的)。",
        "The same step 330,000 times, printing the loss every 30,000 epochs (measured before that epoch's update).",
    ),
    "grad_none": (
        "自动求导:还没有梯度",
        "Autograd: no gradient yet",
        "第二阶段让框架自己求导。参数要标记 requires_grad=True;在反向传播之前,params.grad 是 None。",
        "Stage 2 lets the framework find the gradient. The parameters are marked requires_grad=True; before a "
        "backward pass, params.grad is None.",
    ),
    "backward": (
        "backward() 与梯度",
        "backward() and the gradient",
        "loss.backward() 沿着记录下来的计算图往回走,把梯度填进 params.grad:和手写的一样。",
        "loss.backward() walks the recorded graph back and fills params.grad: the same as the hand-written one.",
    ),
    "zeroing": (
        "清零",
        "Zeroing",
        "backward() 是把梯度加到 params.grad 上的,所以每一轮之前要清零。",
        "backward() adds to params.grad, so it must be cleared before each epoch.",
    ),
    "stage2_loop": (
        "第二阶段的循环",
        "Stage 2's loop",
        "自动求导、手写更新:打印的损失和第一阶段一样。",
        "Autograd and a hand-written update: the printed losses are stage 1's.",
    ),
    "optimizer_step": (
        "优化器的一步",
        "One optimizer step",
        "第三阶段把更新交给框架的 SGD 优化器:step() 原地修改参数。",
        "Stage 3 hands the update to the framework's SGD optimizer: step() changes the parameters in place.",
    ),
    "stage3_loop": (
        "第三阶段的循环",
        "Stage 3's loop",
        "自动求导加优化器:每一轮 zero_grad、backward、step。",
        "Autograd and the optimizer: zero_grad, backward, step, every epoch.",
    ),
}

_TF_TEXT = {
    "grad_none": (
        "TensorFlow 没有 params.grad:GradientTape 记录前向计算。没有 tape.watch 的常量不会被跟踪,它的梯度是 None。",
        "TensorFlow has no params.grad: a GradientTape records the forward pass. A constant not watched is not "
        "followed, and its gradient is None.",
    ),
    "backward": (
        "tape.watch(params) 之后,tape.gradient(loss, params) 给出梯度(文章在 [1.0, 0.01] 处打印)。",
        "After tape.watch(params), tape.gradient(loss, params) gives the gradient (the article prints it at "
        "[1.0, 0.01]).",
    ),
    "zeroing": (
        "TensorFlow 不用清零:一个 tape 只能求一次梯度,之后就放掉记录。每一轮都新开一个 tape,所以不会累加。",
        "TensorFlow needs no zeroing: a tape gives its gradient once and then lets go of its record. Each epoch "
        "opens a new tape, so nothing piles up.",
    ),
}

STRINGS = {}
for _name, (_zh_title, _en_title, _zh, _en) in _CELLS.items():
    STRINGS[f"guide.cell.{_name}.title"] = {"zh": _zh_title, "en": _en_title}
    STRINGS[f"guide.cell.{_name}.text"] = {"zh": _zh, "en": _en}
for _name, (_zh, _en) in _TF_TEXT.items():
    STRINGS[f"guide.cell.{_name}.text.tensorflow"] = {"zh": _zh, "en": _en}

STRINGS.update(
    {
        "guide.entry": {"zh": "一步一步学(引导路径)", "en": "Learn it step by step (guided path)"},
        "guide.entry_help": {
            "zh": "按文章的顺序,一个单元一个单元地运行,边做边答题,还能自己写导数。",
            "en": "The article cell by cell, running live, with questions on the way and a derivative you write.",
        },
        "guide.title": {
            "zh": "一步一步学:自动求导与梯度下降",
            "en": "Learn it by doing: autograd and gradient descent",
        },
        "guide.framework": {"zh": "框架", "en": "Framework"},
        "guide.progress": {"zh": "第 {i} 步,共 {n} 步", "en": "Step {i} of {n}"},
        "guide.next": {"zh": "下一步", "en": "Next"},
        "guide.back": {"zh": "上一步", "en": "Back"},
        "guide.leave": {
            "zh": "带着当前设置进入完整实验台",
            "en": "Leave into the playground with this setup",
        },
        "guide.run": {"zh": "运行这个单元", "en": "Run this cell"},
        "guide.running": {"zh": "正在运行……", "en": "Running…"},
        "guide.code": {
            "zh": "运行的代码(就是应用里跑的那段)",
            "en": "The code that runs (the very code the app runs)",
        },
        "guide.live": {"zh": "现在的输出", "en": "Live output"},
        "guide.article": {"zh": "文章打印的", "en": "The article prints"},
        "guide.match": {
            "zh": "与文章一致(最大差 {worst:.2g},容差:损失相对 1e-5、参数绝对 1e-4)",
            "en": "Matches the article (largest difference {worst:.2g}; tolerance: losses 1e-5 relative, "
            "parameters 1e-4 absolute)",
        },
        "guide.mismatch": {
            "zh": "与文章不一致(最大差 {worst:.3g})",
            "en": "Differs from the article (largest difference {worst:.3g})",
        },
        "guide.no_article": {
            "zh": "文章在这里没有可比较的输出。",
            "en": "The article prints nothing to compare here.",
        },
        "guide.question": {"zh": "先想一想", "en": "Think first"},
        "guide.answer": {"zh": "你的答案", "en": "Your answer"},
        "guide.check": {"zh": "检查", "en": "Check"},
        "guide.not_a_number": {"zh": "请输入一个数字。", "en": "Type a number."},
        # -- fit it yourself --
        "guide.fit.title": {"zh": "自己来拟合", "en": "Fit it yourself"},
        "guide.fit.text": {
            "zh": "训练之前,先自己动手:拖动 w 和 b,看直线和损失怎么变。然后从你的猜测开始训练。",
            "en": "Before any training, try it yourself: move w and b and watch the line and the loss. Then train "
            "from your guess.",
        },
        "guide.fit.loss": {
            "zh": "你的直线的损失:{loss:.4f}(最好可以到 {best:.4f},在 w = {bw:.4f}、b = {bb:.4f})",
            "en": "Loss of your line: {loss:.4f} (the best possible is {best:.4f}, at w = {bw:.4f}, b = {bb:.4f})",
        },
        "guide.fit.loss_label": {"zh": "损失", "en": "Loss"},
        "guide.fit.run_help": {
            "zh": "第一阶段,330,000 轮,学习率 1e-4",
            "en": "Stage 1, 330,000 epochs, learning rate 1e-4",
        },
        "guide.fit.run": {
            "zh": "从我的猜测开始训练",
            "en": "Run from my guess",
        },
        "guide.fit.result": {
            "zh": "从 w = {w0:.4f}、b = {b0:.4f} 出发,训练后 w = {w:.4f}、b = {b:.4f},损失 {loss:.6f}。",
            "en": "From w = {w0:.4f}, b = {b0:.4f}, training ends at w = {w:.4f}, b = {b:.4f}, loss {loss:.6f}.",
        },
        "guide.fit.diverged": {
            "zh": "从这里出发训练发散了(第 {epoch} 轮损失不再有限)。",
            "en": "From here training diverged (the loss stopped being finite at epoch {epoch}).",
        },
        "guide.fit.data": {"zh": "数据", "en": "data"},
        "guide.fit.line": {"zh": "你的直线", "en": "your line"},
        "guide.fit.trained": {"zh": "训练后的直线", "en": "after training"},
        # -- write the derivative --
        "guide.der.title": {"zh": "自己写导数", "en": "Write the derivative yourself"},
        "guide.der.text": {
            "zh": "在看文章的 grad_fn 之前,自己写出梯度。可以用 x、y、w、b、y_hat(= w·x + b)、数字、+ − * / ** 和 "
            "mean(...)、sum(...)。应用会在几个 (w, b) 处和自动求导比较,再用你的梯度跑第一阶段。",
            "en": "Before the article's grad_fn, write the gradient yourself. Use x, y, w, b, y_hat (= w·x + b), "
            "numbers, + − * / ** and mean(...), sum(...). The app compares it with autograd at several (w, b), then "
            "trains stage 1 with your gradient.",
        },
        "guide.der.check": {"zh": "检查", "en": "Check"},
        "guide.der.correct": {"zh": "正确", "en": "Correct"},
        "guide.der.correct_long": {
            "zh": "正确:在 {n} 个点上都和自动求导一致。",
            "en": "Correct: it agrees with autograd at all {n} points.",
        },
        "guide.der.wrong": {
            "zh": "还不对:下表是和自动求导不一致的地方。也可以照样用它训练,看看错误的梯度会怎样。",
            "en": "Not yet: the table shows where it differs from autograd. You can still train with it and see "
            "what a wrong gradient does.",
        },
        "guide.der.table.point": {"zh": "(w, b)", "en": "(w, b)"},
        "guide.der.table.yours": {"zh": "你的", "en": "yours"},
        "guide.der.table.autograd": {"zh": "自动求导", "en": "autograd"},
        "guide.der.table.ok": {"zh": "一致?", "en": "agrees?"},
        "guide.der.yes": {"zh": "是", "en": "yes"},
        "guide.der.no": {"zh": "否", "en": "no"},
        "guide.der.epochs": {"zh": "训练轮数", "en": "Epochs"},
        "guide.der.train": {"zh": "用我的梯度训练第一阶段", "en": "Train stage 1 with my gradient"},
        "guide.der.log": {
            "zh": "用你的梯度训练的日志(和文章的第一阶段比较):",
            "en": "The log of training with your gradient (beside the article's stage 1):",
        },
        "guide.der.final": {
            "zh": "最后的参数:w = {w:.4f}、b = {b:.4f}",
            "en": "Final parameters: w = {w:.4f}, b = {b:.4f}",
        },
        "guide.der.diverged": {
            "zh": "损失在第 {epoch} 轮不再有限:错误的梯度(例如符号反了)让参数越走越远。",
            "en": "The loss stopped being finite at epoch {epoch}: a wrong gradient (a flipped sign, say) walks the "
            "parameters away.",
        },
        "der.hint.half": {
            "zh": "处处正好是自动求导的一半:少了因子 2?",
            "en": "Exactly half of autograd everywhere: a missing factor 2?",
        },
        "der.hint.double": {
            "zh": "处处正好是两倍:多了一个因子 2?",
            "en": "Exactly twice autograd everywhere: an extra factor 2?",
        },
        "der.hint.sign": {
            "zh": "处处正好差一个负号:符号反了?",
            "en": "Exactly the negative everywhere: a flipped sign?",
        },
        "der.hint.sum": {
            "zh": "处处是 11 倍:用了 sum 而不是 mean?",
            "en": "Exactly 11 times everywhere: sum instead of mean?",
        },
        "guide.modes.title": {
            "zh": "这 330,000 轮是怎么跑得这么快的?(执行模式)",
            "en": "How do 330,000 epochs run this fast? (execution modes)",
        },
        "guide.modes.eager": {
            "zh": "即时执行(eager):Python 每一轮都调用一次上面的函数,就像文章的循环。最容易看懂、最容易调试,"
            "但每一轮都要付 Python 和框架调度的开销,所以最慢。",
            "en": "Eager: Python calls the function above once per epoch, exactly like the article's loop. The "
            "easiest to read and debug, but every epoch pays Python's and the framework's overhead, so it is the "
            "slowest.",
        },
        "guide.modes.function": {
            "zh": "图模式(function):先把一轮的计算“录”下来一次(TensorFlow 的 tf.function,或我们自己的 Tape),"
            "之后每一轮只重放录好的运算,不再逐行解释 Python。数值和即时执行一样,只是省掉了开销。",
            "en": "Graph (function): the framework records one epoch's operations once (TensorFlow's tf.function, "
            "or our own Tape) and then replays that record every epoch without interpreting the Python again. "
            "Same numbers as eager, without the overhead.",
        },
        "guide.modes.xla": {
            "zh": "XLA:在图模式的基础上,再把整个循环编译成一段机器码。第一次要花时间编译,之后每一轮不到一微秒。",
            "en": "XLA: on top of the graph, the whole loop is compiled into machine code. Compiling takes time "
            "once; after that an epoch takes under a microsecond.",
        },
        "guide.modes.compiled": {
            "zh": "编译(compiled):PyTorch 的 torch.compile 把一段循环翻译成 C++ 再编译;我们自己的 NumPy 框架把"
            "录下的一轮写成一段 Python 循环,交给 numba 编译成机器码。编译要等一会儿(只一次),"
            "之后每一轮只要几微秒(NumPy 不到十分之一微秒)。",
            "en": "Compiled: PyTorch's torch.compile translates a chunk of the loop into C++ and compiles it; our "
            "NumPy framework writes the recorded epoch out as a Python loop that numba compiles to machine "
            "code. Compiling takes a moment, once; then an epoch costs microseconds (NumPy: under a tenth of one).",
        },
    }
)
