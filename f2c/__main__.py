"""Command line: `python -m f2c train ...` runs the same training core as the app and prints the article's log."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from f2c.core.config import FRAMEWORKS, MODES, NORMALIZE, OPTIMIZERS, ConfigError, RunConfig, parse_field
from f2c.core.data import DataError, article, parse_csv
from f2c.core.i18n import LANGS, t


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line and exit code 2, not argparse's usage block
        self.exit(2, f"f2c: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    d = RunConfig()
    parser = _Parser(prog="python -m f2c", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    p = sub.add_parser("train", help="train Celsius = w * reading + b and print the article's log")
    p.add_argument("--framework", choices=FRAMEWORKS, default=d.framework)
    p.add_argument("--stage", type=int, choices=(1, 2, 3), default=d.stage)
    p.add_argument("--lr", default=str(d.lr), help="learning rate (default 1e-4)")
    p.add_argument("--epochs", default=str(d.epochs), help="number of epochs (default 330000)")
    p.add_argument("--w0", default=str(d.w0), help="initial w (default 1.0)")
    p.add_argument("--b0", default=str(d.b0), help="initial b (default 0.01)")
    p.add_argument("--optimizer", choices=OPTIMIZERS, default=d.optimizer, help="stage 3's optimizer")
    p.add_argument("--normalize", choices=NORMALIZE, default=d.normalize)
    p.add_argument("--mode", choices=MODES, default=d.mode)
    p.add_argument("--log-every", type=int, default=30000, help="print every N epochs (default 30000)")
    p.add_argument("--data", type=Path, help="a CSV file of two numeric columns (x, y), header optional")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.add_argument("--lang", choices=LANGS, default="en", help="language of messages")
    return parser


def config_from_args(args: argparse.Namespace) -> RunConfig:
    values = {
        name: parse_field(name, getattr(args, name))
        for name in ("framework", "stage", "lr", "epochs", "w0", "b0", "optimizer", "normalize", "mode")
    }
    return RunConfig(**values)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    lang = args.lang
    try:
        config = config_from_args(args)
        if args.log_every < 1:
            raise ConfigError("log-every", "config.not_integer", value=args.log_every)
    except ConfigError as error:
        print(f"f2c: error: {t(error.key, lang, field=error.field, **error.kwargs)}", file=sys.stderr)
        return 2
    if args.data is None:
        data = article()
    else:
        try:
            data = parse_csv(args.data.read_bytes(), args.data.name)
        except OSError as error:
            print(f"f2c: error: {args.data}: {error.strerror}", file=sys.stderr)
            return 2
        except DataError as error:
            row = error.row if error.row is not None else "?"
            print(f"f2c: error: {args.data}: {t(error.key, lang, row=row, **error.kwargs)}", file=sys.stderr)
            return 2

    from f2c.runtime import training as train  # after argument checks: a bad flag never waits for an import

    run = train.run(config, data, keep_every=args.log_every)
    run.run_to_end()
    log = run.log(args.log_every)
    final = run.final()
    result = {
        "config": config.to_dict(),
        "data": {"name": data.name, "points": len(data)},
        "mode": run.mode,
        "notices": [t(key, lang, **kwargs) for key, kwargs in run.notices],
        "log": [
            {"epoch": r["epoch"], "loss": r["loss"], "w": r["w"], "b": r["b"], "dw": r["dw"], "db": r["db"]}
            for r in log
        ],
        "final": None if final is None else {k: final[k] for k in ("w", "b", "loss")},
        "epochs_run": len(run.trajectory),
        "diverged": run.diverged,
        "diverged_epoch": run.diverged_epoch,
        "last_finite_loss": run.last_finite_loss,
        "compute_seconds": run.compute_seconds,
        "compile_seconds": run.compile_seconds,
        "epochs_per_second": len(run.trajectory) / run.compute_seconds if run.compute_seconds > 0 else None,
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    for row in log:
        print("Epoch %d, Loss %f" % (row["epoch"], row["loss"]))
    if run.diverged:
        from f2c.core.analysis import critical_lr

        print(
            t(
                "train.diverged",
                lang,
                epoch=run.diverged_epoch,
                loss=run.last_finite_loss or float("nan"),
                lr=config.lr,
                threshold=critical_lr(run.normalizer.transform(data.x)),
            )
        )
    if final is not None:
        print("Params: [%.4f, %.4f]  (w = %.7g, b = %.7g)" % (final["w"], final["b"], final["w"], final["b"]))
    print(
        "%s, mode %s: %d epochs in %.3f s of compute (%.3f s compiling)"
        % (config.framework, run.mode, len(run.trajectory), run.compute_seconds, run.compile_seconds),
        file=sys.stderr,
    )
    for key, kwargs in run.notices:
        print(f"note: {t(key, lang, **kwargs)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
