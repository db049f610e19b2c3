"""How long the guided path's cells take the first time (then they are cached per process), per framework,
and the student's-gradient stage-1 loop against the NumPy lesson's eager loop. Prints a table.

    python bench/bench_guide.py [numpy tensorflow torch]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from f2c.core.data import article
from f2c.core.expr import parse
from f2c.explain import derivative, guide
from f2c.lessons import load


def main(frameworks: list[str]) -> None:
    print(f"{'framework':<12}{'cell':<16}{'seconds':>9}  matches")
    for fw in frameworks:
        for kind, *rest in guide.STEPS:
            if kind != "cell":
                continue
            start = time.perf_counter()
            result = guide.run_cell(fw, rest[0])
            print(f"{fw:<12}{rest[0]:<16}{time.perf_counter() - start:>9.2f}  {result.matches}")
    d, n = article(), 30_000
    dw, db = parse("mean(2*(w*x + b - y)*x)"), parse("2*mean(y_hat - y)")
    start = time.perf_counter()
    derivative.train(dw, db, d.x, d.y, epochs=n)
    student = (time.perf_counter() - start) / n * 1e6
    runner = load("numpy").make_runner(1, "sgd", 1e-4, 1.0, 0.01, d.x, d.y, "eager")
    start = time.perf_counter()
    runner.run(n)
    lesson = (time.perf_counter() - start) / n * 1e6
    print(
        f"\nstage 1, {n:,} epochs: student's closures {student:.1f} us/epoch, NumPy lesson eager {lesson:.1f} "
        f"us/epoch (ratio {student / lesson:.2f}); 330,000 epochs take {student * 0.33:.1f} s"
    )


if __name__ == "__main__":
    main(sys.argv[1:] or ["numpy", "tensorflow"])
