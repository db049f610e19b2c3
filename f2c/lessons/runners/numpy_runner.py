"""The NumPy lesson's runner: the article's loop, eagerly or as a traced and replayed step.

"eager"     calls the stage's step function once per epoch, as the article's loop does.
"function"  runs the step once with f2c.autodiff.trace.Tape recording every NumPy call it makes (forward,
            backward and update), then replays those calls into preallocated arrays each epoch: the
            same calls in the same order, so the same float32 numbers, without building a graph.
"compiled"  writes that trace out as a loop numba compiles (f2c.autodiff.compile). In a process that serves
            runs (start_background), nobody waits for numba: a run whose loop is not compiled yet starts in
            mode "function" and takes the compiled loop over at a chunk boundary, once a helper process has
            compiled it (f2c.autodiff.background); the default stages are compiled when the process starts.
"""

from __future__ import annotations

import time

import numpy as np

from f2c.autodiff import replay, trace
from f2c.autodiff import tensor as autodiff
from f2c.lessons import ModeUnavailable
from f2c.lessons import numpy_lesson as lesson
from f2c.lessons.runners import eager_source


def _numbers(x):
    """The array inside a Tensor, or the array itself."""
    return x.data if isinstance(x, autodiff.Tensor) else x


def _start(stage, optimizer, learning_rate, w0, b0):
    """The parameters the article starts from, and stage 3's optimizer: (params, what the step takes)."""
    params = lesson.as_params(np.array([w0, b0], dtype=np.float32), stage)
    if stage == 3:
        return params, lesson.make_optimizer(optimizer, params, learning_rate)
    return params, learning_rate


def trace_step(stage, optimizer, learning_rate, w0, b0, X, Y):
    """Trace one step of the stage: a replayable autodiff.Function whose rows are w, b, loss, dw, db."""
    tape = trace.Tape()
    X, Y = tape.constant(X, "X"), tape.constant(Y, "Y")
    # an argument, not a number written into the trace: one compiled loop serves every learning rate
    learning_rate = tape.argument(learning_rate, "learning_rate")
    params, hyper = _start(stage, optimizer, learning_rate, w0, b0)
    start = tape.input(_numbers(params), "params")
    if stage == 1:
        params = start
    else:
        params.data = start
    if stage == 3:  # the optimizer's state carries over from epoch to epoch too
        for state in hyper.state:
            for key in state:
                state[key] = tape.input(state[key], key)
    inputs = [state.copy() for state in hyper.state] if stage == 3 else []

    new_params, loss, grad = lesson.STEPS[stage](params, X, Y, hyper)

    tape.assign(start, _numbers(new_params))
    for before, after in zip(inputs, hyper.state if stage == 3 else []):
        for key in before:
            tape.assign(before[key], after[key])
    return replay.function(tape, log_before=[start], log_after=[_numbers(loss), _numbers(grad)])


BUILDS = None  # an f2c.autodiff.background.Builds once this process serves runs (start_background)


def start_background() -> None:
    """From now on compile in a helper process, not in a run's way; begin with the default stages (SGD,
    the article's 11 points: the kernels of most runs, whatever their learning rate or normalisation)."""
    global BUILDS
    from f2c.autodiff import background
    from f2c.autodiff.compile import job
    from f2c.core.data import article

    if BUILDS is None:
        BUILDS = background.Builds()
    x, y = np.asarray(article().x, np.float32), np.asarray(article().y, np.float32)
    with np.errstate(all="ignore"):
        functions = {stage: trace_step(stage, "sgd", 1e-4, 1.0, 0.01, x, y) for stage in (1, 2, 3)}
    BUILDS.submit([job(f, title=_title(stage, "sgd")) for stage, f in functions.items()])


def background_status() -> dict[str, str]:
    """How far each loop asked of the helper process has got: module name -> pending / ready / failed."""
    return BUILDS.statuses() if BUILDS is not None else {}


class Runner:
    def __init__(self, stage, optimizer, learning_rate, w0, b0, X, Y, mode):
        if mode not in lesson.MODES:
            raise ModeUnavailable(f"numpy has no mode {mode!r}")
        self.stage, self.mode, self.notice = stage, mode, None
        self.X = np.asarray(X, dtype=np.float32)
        self.Y = np.asarray(Y, dtype=np.float32)
        self.compile_seconds = 0.0
        self.function = self.compiled = None
        self.title, self._pending = _title(stage, optimizer), None
        self.switched_at = None  # the epochs run in mode "function" before the compiled loop took over
        self.epochs = 0
        if mode in ("function", "compiled"):
            start = time.perf_counter()
            with np.errstate(all="ignore"):
                self.function = trace_step(stage, optimizer, learning_rate, w0, b0, self.X, self.Y)
            if mode == "compiled":  # trace -> compile: the traced step written out as a numba loop
                self._compile()
            self.compile_seconds = time.perf_counter() - start
        else:
            self._params, self._hyper = _start(stage, optimizer, learning_rate, w0, b0)
            if stage == 2:
                # The same float32 number the step would make of a Python float (autodiff._lift), made once
                # rather than at every epoch's `learning_rate * params.grad`.
                self._hyper = autodiff.tensor(learning_rate)

    def _compile(self):
        from f2c.autodiff.compile import CompileError, compiled_runner, job

        if BUILDS is not None:  # serving runs: never compile in the way (f2c.autodiff.background)
            self._pending = job(self.function, title=self.title)
            status = BUILDS.status(self._pending["key"])
            if status == "failed":
                raise ModeUnavailable(BUILDS.errors.get(self._pending["key"], "numba could not compile"))
            if status != "ready":
                BUILDS.submit([self._pending])
                self.notice = "train.compiling_background"
                return
            self._pending = None
        try:
            self.compiled = compiled_runner(self.function, title=self.title)
        except CompileError as why:
            raise ModeUnavailable(str(why)) from why

    def _take_over(self):
        """At a chunk boundary: if the compiled loop is ready, it goes on from the replay's float32 state."""
        status = BUILDS.status(self._pending["key"])
        if status == "pending":
            return
        self._pending = None
        if status == "ready":
            from f2c.autodiff.compile import CompileError, compiled_runner

            try:
                self.compiled = compiled_runner(self.function, title=self.title, current=True)
                self.switched_at = self.epochs
            except CompileError:  # the run simply stays in mode "function"
                pass

    @property
    def running(self):
        """The mode computing the next chunk: "function" until a compiled loop takes over."""
        if self.compiled is not None:
            return "compiled"
        return "eager" if self.function is None else "function"

    @property
    def batch_key(self):
        """Runs with the same key (one compiled loop) can advance as one batch: run_batch. None: alone."""
        return self.compiled.key if self.compiled is not None else None

    @staticmethod
    def run_batch(runners, counts):
        """runners[k].run(counts[k]) for every k at once, in one call of the compiled loop; a run whose loss
        stops being finite leaves at that epoch (its rows end there)."""
        from f2c.autodiff.compile import run_batch

        with np.errstate(all="ignore"):
            out = run_batch([r.compiled for r in runners], counts)
        for runner, rows in zip(runners, out):
            runner.epochs += len(rows)
        return out

    def params(self):
        if self.compiled is not None:
            return self.compiled.params()
        if self.function is not None:
            w, b = self.function.inputs[0][0].value
        else:
            w, b = _numbers(self._params)
        return float(w), float(b)

    def trace_lines(self):
        """What the trace recorded (mode "function"), one line per NumPy call; [] in eager mode."""
        return self.function.lines() if self.function is not None else []

    def run(self, n):
        if self._pending is not None:
            self._take_over()
        self.epochs += int(n)
        with np.errstate(all="ignore"):  # a diverging run overflows: the training core decides to stop
            if self.compiled is not None:
                return self.compiled.run(n)
            if self.function is not None:
                return self.function.run(n)
            return self._run_eager(n)

    def _run_eager(self, n):
        # One flat list of Python floats, w, b, loss, dw, db per epoch (as the torch runner records): cheaper
        # than writing each epoch into a row of an array.
        out = []
        step, params, hyper, X, Y = lesson.STEPS[self.stage], self._params, self._hyper, self.X, self.Y
        if self.stage > 1:  # constant tensors, as the article's X and Y are: made once, not at every w * X
            X, Y = autodiff.tensor(X), autodiff.tensor(Y)
        for _ in range(n):
            out += _numbers(params).tolist()
            params, loss, grad = step(params, X, Y, hyper)
            out.append(float(_numbers(loss)))
            out += _numbers(grad).tolist()
        self._params = params
        return np.array(out, dtype=np.float64).reshape(-1, 5)


def make_runner(stage, optimizer, learning_rate, w0, b0, X, Y, mode):
    return Runner(stage, optimizer, learning_rate, w0, b0, X, Y, mode)


def _title(stage, optimizer):
    return f"stage {stage}" + (f" ({optimizer})" if stage == 3 else "")


def compiled_source(stage, mode, optimizer="sgd", learning_rate=1e-4, X=None, Y=None):
    """What mode "function" replays every epoch, as readable lines, or what mode "compiled" hands numba
    (traced on the article's data by default)."""
    if mode not in ("function", "compiled"):
        return None
    if X is None or Y is None:
        from f2c.core.data import article

        X, Y = article().x, article().y
    function = trace_step(stage, optimizer, learning_rate, 1.0, 0.01, X, Y)
    if mode == "compiled":
        from f2c.autodiff.compile import generated_source

        return generated_source(function, title=_title(stage, optimizer))
    header = [
        f"# Stage {stage}{f' ({optimizer})' if stage == 3 else ''}: the NumPy calls one epoch replays, traced",
        "# once from the step function. 'once' lines are constants computed while tracing.",
    ]
    return "\n".join(header + function.lines()) + "\n"


def source(stage, optimizer, mode):
    """Lesson.source: the step function in eager mode, the replayed trace in mode "function"."""
    if mode == "eager":
        return eager_source(lesson, stage, optimizer)
    if mode not in lesson.MODES:
        raise ModeUnavailable(f"numpy has no mode {mode!r}")
    return compiled_source(stage, mode, optimizer)
