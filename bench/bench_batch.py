"""A class's runs as one batch in PyTorch: one compiled 330,000-epoch run against a batch of 30 runs, each
with its own learning rate (f2c.lessons.runners.torch_batch), in chunks of 10,000 epochs as the compute
child runs them. Prints a table; the ratio batch / one run is measured in the same process, same moment.

    python bench/bench_batch.py [--stages 1,2,3] [--runs 30] [--rounds 1]

Compiles first, untimed (single chunk and batched chunk, each once per process; about 60 s each on a cold
inductor cache). The one run's 11 logged losses are checked against the article's (within 1e-5), and every
member of the batch against its own run alone at its last epoch (w, b to the bit).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

FULL, CHUNK = 330_000, 10_000


def measure(stage: int, runs: int, rounds: int) -> dict:
    from reference import LOG_EPOCHS, LOG_LOSSES

    from f2c.core.data import article
    from f2c.lessons.runners import torch_batch
    from f2c.lessons.runners import torch_runner as R

    x, y = np.asarray(article().x, np.float32), np.asarray(article().y, np.float32)
    lrs = np.linspace(5e-5, 1e-4, runs)  # below the divergence threshold: every run goes to its end

    def runner(lr):
        return R.make_runner(stage, "sgd", float(lr), 1.0, 0.01, x, y, "compiled")

    start = time.perf_counter()
    torch_batch.build(runner(1e-4).key)
    compile_s = time.perf_counter() - start
    one, many, ok = [], [], True
    for _ in range(rounds):
        single = runner(1e-4)
        start = time.perf_counter()
        rows = np.concatenate([single.run(CHUNK) for _ in range(FULL // CHUNK)])
        one.append(time.perf_counter() - start)
        ok = ok and bool(np.allclose(rows[np.array(LOG_EPOCHS) - 1, 2], LOG_LOSSES, rtol=1e-5, atol=0))
        members = [runner(lr) for lr in lrs]
        start = time.perf_counter()
        for _ in range(FULL // CHUNK):
            torch_batch.run_batch(members, [CHUNK] * runs)
        many.append(time.perf_counter() - start)
    same = members[-1].params() == single.params()  # lrs[-1] is 1e-4: the same run, alone and batched
    med = statistics.median
    return {"one": med(one), "batch": med(many), "ok": ok, "same": same, "compile": compile_s}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", default="1,2,3")
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    print(
        f"| torch compiled | stage | one run, 330k epochs (s) | 11 logged losses within 1e-5 | batch of {args.runs} "
        "runs (s) | batch / one run | batched = alone (w, b) | batched chunk's first compile (s) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for stage in (int(s) for s in args.stages.split(",")):
        r = measure(stage, args.runs, args.rounds)
        print(
            f"| SGD | {stage} | {r['one']:.2f} | {'yes' if r['ok'] else 'NO'} | {r['batch']:.2f} | "
            f"{r['batch'] / r['one']:.2f}x | {'yes' if r['same'] else 'NO'} | {r['compile']:.0f} |",
            flush=True,
        )
    print()
    print(
        f"Each run has its own learning rate (5e-5 ... 1e-4) and 330,000 epochs, in chunks of {CHUNK:,}; medians "
        "of --rounds rounds. A batch is padded to torch_batch.BATCH runs; the compile column includes the "
        "single chunk's compile if it was not compiled yet (warm inductor cache: seconds)."
    )


if __name__ == "__main__":
    main()
