"""Time the article's own loops and every framework x stage x mode of ours, in one run; print a table.

    python bench/bench_train.py            # full: ours on the 330,000-epoch default, article's torch loops in full
    python bench/bench_train.py --quick    # shorter runs, everything extrapolated (marked *)
    python bench/bench_train.py --only "numpy compiled"   # only the rows whose label holds that text
    python bench/bench_train.py --framework jax   # only these frameworks' rows (and the article loops they
                                                  # are compared with)

The article's TensorFlow eager loops take minutes for 330,000 epochs, so they are timed on --tf-epochs
epochs and extrapolated (marked *); so are our own TensorFlow and JAX eager runs. Speed-up is against the
article's loop of the same stage in the same framework (NumPy against the article's PyTorch loop, JAX against
the article's TensorFlow loop: the article has no JAX, and TensorFlow's tape is the closer relative).

The article's PyTorch loops and our eager PyTorch runs are within a few percent of each other, less than
this shared machine's drift over a minute. So they are timed --rounds times, alternating (article's stage 1,
ours, article's stage 2, ours, ...), and the table gives each one's median: a slow minute then slows both.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np  # noqa: E402

from f2c.core.config import FRAMEWORK_MODES, FRAMEWORKS, RunConfig  # noqa: E402
from f2c.runtime import training as train  # noqa: E402

FULL = 330_000
REFERENCE_FINAL_LOSS = 2.927906
# The article's PyTorch loops, us/epoch, as REFERENCE.md measured them: the speed-up's base for rows
# timed without them (--only), marked (ref).
REFERENCE_TORCH_US = {1: 49.0, 2: 93.0, 3: 181.0}

# Whose article loop each framework of ours is compared with.
ARTICLE_BASE = {"numpy": "torch", "torch": "torch", "tensorflow": "tensorflow", "jax": "tensorflow"}


def time_article(framework: str, stage: int, epochs: int) -> float:
    import article_loops

    stages = article_loops.torch_stages() if framework == "torch" else article_loops.tf_stages()
    with contextlib.redirect_stdout(io.StringIO()):
        stages[stage](50)  # warm-up: first-call costs are not the loop's
        start = time.perf_counter()
        stages[stage](epochs)
        elapsed = time.perf_counter() - start
    return elapsed / epochs * 1e6


def time_ours(framework: str, stage: int, mode: str, epochs: int) -> dict:
    run = train.run(RunConfig(framework=framework, stage=stage, mode=mode, epochs=epochs))
    run.prepare()
    run.run_to_end()
    ok = None
    if epochs == FULL:
        ok = abs(run.trajectory.loss[-1] / REFERENCE_FINAL_LOSS - 1) <= 1e-5
    return {
        "us": run.compute_seconds / epochs * 1e6,
        "compile": run.compile_seconds,
        "mode": run.mode,
        "ok": ok,
    }


def time_compiled(stage: int, epochs: int, rounds: int) -> dict:
    """Our compiled mode (f2c.autodiff.compile): trace the step, generate the loop, numba-compile it.

    compile: the first compile in this process, into an empty cache (the cold path, numba's import included);
    us: the median of `rounds` runs of all the epochs in one call."""
    import tempfile

    os.environ["F2C_COMPILE_DIR"] = tempfile.mkdtemp(prefix="f2c_bench_numba_")
    for name in [m for m in sys.modules if m.startswith("f2c_compiled_")]:
        del sys.modules[name]  # a loop an earlier row compiled in this process would be shared, not cold
    from f2c.autodiff import compile as compiled
    from f2c.core.data import article
    from f2c.lessons.runners import numpy_runner

    c = RunConfig(framework="numpy", stage=stage, epochs=epochs)
    x, y = np.asarray(article().x, np.float32), np.asarray(article().y, np.float32)
    times, compile_s, ok = [], None, None
    for _ in range(rounds):
        start = time.perf_counter()
        with np.errstate(all="ignore"):
            function = numpy_runner.trace_step(stage, c.optimizer, c.lr, c.w0, c.b0, x, y)
        runner = compiled.compiled_runner(function, title=f"stage {stage}")
        compile_s = time.perf_counter() - start if compile_s is None else compile_s
        start = time.perf_counter()
        rows = runner.run(epochs)
        times.append(time.perf_counter() - start)
        if epochs == FULL:
            ok = abs(rows[-1, 2] / REFERENCE_FINAL_LOSS - 1) <= 1e-5 and (ok is None or ok)
    return {"us": statistics.median(times) / epochs * 1e6, "compile": compile_s, "mode": "compiled", "ok": ok}


def time_compiled_runs(stage: int, rounds: int, batch: int = 30, chunk: int = 10_000) -> dict:
    """NumPy compiled, warm cache: one 330,000-epoch run, and one batch of `batch` runs of 330,000 epochs,
    each with its own learning rate (f2c.autodiff.compile.run_batch), both in chunks of `chunk` epochs as
    the compute child runs them (330,000 rows of 30 runs at once would be 400 MB); and the same 30 runs one
    after another. The one run's 11 logged losses are checked against the article's (within 1e-5)."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from reference import LOG_EPOCHS, LOG_LOSSES

    from f2c.autodiff import compile as compiled
    from f2c.core.data import article
    from f2c.lessons.runners import numpy_runner

    x, y = np.asarray(article().x, np.float32), np.asarray(article().y, np.float32)
    lrs = np.linspace(5e-5, 1e-4, batch)  # all below the divergence threshold, so all 30 run to the end

    def runner(lr):
        with np.errstate(all="ignore"):
            return compiled.compiled_runner(numpy_runner.trace_step(stage, "sgd", lr, 1.0, 0.01, x, y))

    runner(1e-4)  # compile (or load from the cache) once, outside the timings
    one, many, in_turn, ok = [], [], [], True
    for _ in range(rounds):
        single = runner(1e-4)
        start = time.perf_counter()
        rows = np.concatenate([single.run(chunk) for _ in range(FULL // chunk)])
        one.append(time.perf_counter() - start)
        ok = ok and bool(np.allclose(rows[np.array(LOG_EPOCHS) - 1, 2], LOG_LOSSES, rtol=1e-5, atol=0))
        members = [runner(lr) for lr in lrs]
        start = time.perf_counter()
        for _ in range(FULL // chunk):
            compiled.run_batch(members, [chunk] * batch)
        many.append(time.perf_counter() - start)
        members = [runner(lr) for lr in lrs]
        start = time.perf_counter()
        for _ in range(FULL // chunk):
            for m in members:
                m.run(chunk)
        in_turn.append(time.perf_counter() - start)
    med = statistics.median
    return {"one": med(one), "batch": med(many), "in_turn": med(in_turn), "ok": ok, "n": batch}


def print_compiled_table(rounds: int) -> None:
    print()
    print(
        "| f2c numpy compiled (warm cache) | stage | one run, 330k epochs (s) | 11 logged losses within 1e-5 "
        "| batch of 30 runs (s) | batch / one run | the 30 runs one after another (s) |"
    )
    print("|---|---|---|---|---|---|---|")
    for stage in (1, 2, 3):
        r = time_compiled_runs(stage, rounds)
        print(
            f"| SGD | {stage} | {r['one']:.4f} | {'yes' if r['ok'] else 'NO'} | {r['batch']:.3f} | "
            f"{r['batch'] / r['one']:.1f}x | {r['in_turn']:.3f} |",
            flush=True,
        )
    print()
    print(
        "Each of the 30 runs has its own learning rate (5e-5 ... 1e-4) and 330,000 epochs; all in chunks of "
        "10,000 epochs, medians of --rounds rounds. A batch is one call of train_lanes per chunk: the runs side by side in SIMD lanes (f2c/autodiff/lanes.py)."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short runs, extrapolated")
    parser.add_argument("--tf-epochs", type=int, default=3000, help="epochs for TensorFlow eager loops")
    parser.add_argument(
        "--rounds", type=int, default=3, help="alternating rounds, article's torch vs ours eager"
    )
    parser.add_argument("--only", action="append", help="time only the rows whose label holds this text")

    def wanted(label: str) -> bool:
        return not args.only or any(text in label for text in args.only)

    parser.add_argument(
        "--framework",
        action="append",
        choices=FRAMEWORKS,
        help="time only this framework's rows (repeatable; default: all)",
    )
    args = parser.parse_args()
    frameworks = tuple(args.framework or FRAMEWORKS)
    bases = {ARTICLE_BASE[f] for f in frameworks}
    ours_epochs = 30_000 if args.quick else FULL
    torch_article_epochs = 30_000 if args.quick else FULL
    eager_epochs = {
        "numpy": ours_epochs,
        "torch": ours_epochs,
        "tensorflow": args.tf_epochs,
        "jax": args.tf_epochs,
    }

    print(
        f"# f2c training benchmark, {time.strftime('%Y-%m-%d')}, {platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    article_us: dict[tuple[str, int], tuple[float, int]] = {}
    eager_torch: dict[int, dict] = {}
    rounds = max(1, args.rounds)
    for stage in (
        (1, 2, 3)
        if "torch" in bases and (wanted("article's torch loop") or wanted("f2c torch eager"))
        else ()
    ):
        theirs, ours = [], []
        for _ in range(rounds):
            theirs.append(time_article("torch", stage, torch_article_epochs))
            ours.append(time_ours("torch", stage, "eager", ours_epochs))
        article_us["torch", stage] = (statistics.median(theirs), torch_article_epochs)
        eager_torch[stage] = {**ours[0], "us": statistics.median(r["us"] for r in ours)}
        eager_torch[stage]["ok"] = all(r["ok"] for r in ours) if ours[0]["ok"] is not None else None
        article_text = ", ".join(f"{u:.2f}" for u in theirs)
        ours_text = ", ".join(f"{r['us']:.2f}" for r in ours)
        print(
            f"torch stage {stage}, us/epoch in {rounds} alternating rounds: article's {article_text}; "
            f"ours eager {ours_text}",
            flush=True,
        )
    for stage in (1, 2, 3) if "tensorflow" in bases and wanted("article's tensorflow loop") else ():
        article_us["tensorflow", stage] = (time_article("tensorflow", stage, args.tf_epochs), args.tf_epochs)
    timed = dict(article_us)
    for stage in (1, 2, 3):  # a speed-up needs a base even when the article's loop was not timed here
        article_us.setdefault(("torch", stage), (REFERENCE_TORCH_US[stage], 0))

    rows = []
    for framework, stage in timed:
        us, epochs = timed[framework, stage]
        rows.append((f"article's {framework} loop", stage, "eager (as written)", epochs, us, 0.0, 1.0, None))
    for framework in frameworks:
        modes = FRAMEWORK_MODES[framework]
        for stage in (1, 2, 3):
            base_us = article_us.get((ARTICLE_BASE[framework], stage), (np.nan,))[0]
            for mode in modes:
                if not wanted(f"f2c {framework} {mode}"):
                    continue
                epochs = eager_epochs[framework] if mode == "eager" else ours_epochs
                if framework == "torch" and mode == "eager":
                    r = eager_torch[stage]  # timed above, alternating with the article's loop
                else:
                    r = time_ours(framework, stage, mode, epochs)
                label = mode if r["mode"] == mode else f"{mode} -> {r['mode']}"
                rows.append(
                    (
                        f"f2c {framework}",
                        stage,
                        label,
                        epochs,
                        r["us"],
                        r["compile"],
                        base_us / r["us"],
                        r["ok"],
                    )
                )
            if framework == "numpy" and wanted("f2c numpy compiled, cold"):
                r = time_compiled(stage, ours_epochs, rounds)
                base = "" if ("torch", stage) in timed else " (ref)"
                rows.append(
                    ("f2c numpy", stage, f"compiled, cold cache{base}", ours_epochs, r["us"], r["compile"],
                     base_us / r["us"], r["ok"])
                )  # fmt: skip

    print()
    print(
        "| loop | stage | mode | epochs timed | us/epoch | 330k epochs (s) | compile (s) | speed-up | log ok |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name, stage, mode, epochs, us, compile_s, speedup, ok in rows:
        star = "" if epochs == FULL else "*"
        check = "" if ok is None else ("yes" if ok else "NO")
        ratio = f"{speedup:,.0f}" if speedup >= 10 else f"{speedup:.2f}"
        print(
            f"| {name} | {stage} | {mode} | {epochs:,} | {us:,.2f} | {us * FULL / 1e6:,.2f}{star} | "
            f"{compile_s:.2f} | {ratio}x | {check} |"
        )
    print()
    print(
        "* extrapolated from the epochs timed. Speed-up: the article's loop of the same framework and stage "
        "(NumPy: the article's PyTorch loop; JAX: the article's TensorFlow loop) divided by ours, per epoch; (ref): against REFERENCE.md's timing of that loop, not timed in this run. compile: one-time tracing/compiling, "
        "not in the per-epoch time (compiled: the first, cold compile, numba's import included). log ok: the final logged loss is 2.927906 within 1e-5 (full runs only)."
    )
    if "numpy" in frameworks and wanted("f2c numpy compiled, warm cache and batch of 30"):
        print_compiled_table(rounds)
    np.set_printoptions()


if __name__ == "__main__":
    main()
