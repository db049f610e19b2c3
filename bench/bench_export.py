"""Time the exported TensorFlow train.py's loop against the article's own TensorFlow loop, in one run.

    python bench/bench_export.py [--epochs 1500]

The export's loop (f2c.render.script) is eager, like the article's; f2c.render.export_time states how long
it takes from bench_train's per-epoch figures, and this says which of them (the article's loop or f2c's
eager recorder) the exported loop is closer to. Prints a table: µs per epoch, and export / article.
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import sys
import tempfile
import time
import zipfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

import article_loops  # noqa: E402
import numpy as np  # noqa: E402

from f2c.core.config import RunConfig  # noqa: E402
from f2c.core.data import article  # noqa: E402
from f2c.render.script import export_script  # noqa: E402


def exported(stage: int, epochs: int, where: Path):
    """The export's train.py for TensorFlow `stage`, unzipped and imported (its __main__ block not run)."""
    config = RunConfig(framework="tensorflow", stage=stage, epochs=epochs)
    with zipfile.ZipFile(io.BytesIO(export_script(config, article()))) as archive:
        archive.extractall(where / f"stage{stage}")
    (folder,) = (where / f"stage{stage}").iterdir()
    spec = importlib.util.spec_from_file_location(f"train{stage}", folder / "train.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def time_export(m, stage: int, epochs: int) -> float:
    normalizer = m.Normalizer.fit(m.NORMALIZE, m.X_RAW)
    X, Y = m.lesson.as_inputs(normalizer.transform(m.X_RAW), m.Y)
    params = m.lesson.as_params(np.array([m.W0, m.B0], dtype=np.float32), stage)
    hyper = m.lesson.make_optimizer(m.OPTIMIZER, params, m.LEARNING_RATE) if stage == 3 else m.LEARNING_RATE
    started = time.perf_counter()
    m.training_loop(m.lesson.STEPS[stage], params, X, Y, hyper)
    return (time.perf_counter() - started) / epochs * 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=1500)
    epochs = parser.parse_args().epochs
    loops = article_loops.tf_stages()
    print("| stage | article's loop (µs/epoch) | exported train.py (µs/epoch) | export / article |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as where:
        for stage in (1, 2, 3):
            m = exported(stage, epochs, Path(where))
            for _ in range(2):  # the second round counts: the first warms TensorFlow's kernel cache
                started = time.perf_counter()
                loops[stage](epochs)
                ours = (time.perf_counter() - started) / epochs * 1e6
                theirs = time_export(m, stage, epochs)
            print(f"| {stage} | {ours:,.0f} | {theirs:,.0f} | {theirs / ours:.2f} |", flush=True)


if __name__ == "__main__":
    main()
