"""Take a run home: a zip of the lesson's own files and a small driver, and the trajectory as CSV.

The lesson is the engine, here too. The export holds whole files copied byte for byte: the lesson module
(f2c/lessons/<framework>_lesson.py) and every f2c module it imports at its top level, in turn (e.g.
f2c/autodiff/*, f2c/core/config.py), plus f2c/core/normalize.py for the input normalisation. Only
`train.py` is written here: the data, the settings and the article's loop around the lesson's STEPS, using
the lesson's own as_inputs / as_params / to_numpy and the app's own Normalizer. So the exported code is
the very code the app runs, with no second copy of the tensor set-up or the normalisation maths, and it
prints the same `Epoch N, Loss L` log.

Why a zip and not one script: the copied files import one another (`from f2c.core.config import ...`);
kept as files in their own folders they run unchanged and read in an editor exactly as in the repository.

The import walk is static (ast, no import of the lesson), so exporting a TensorFlow run never pays
TensorFlow's import. Speed code (f2c/lessons/runners/) and the see-inside hooks (f2c/lessons/inside/) are
imported by a lesson only inside functions the driver never calls, so they are not copied.

Safety: the export embeds no user text. Data points are float32 numbers written with a repr that
round-trips, the settings are validated RunConfig values from fixed choices, and the data set's name is
reduced to a few safe characters.
"""

from __future__ import annotations

import ast
import io
import re
import sys
import zipfile

import numpy as np

from f2c import lessons
from f2c.core.config import FRAMEWORKS, NORMALIZE, OPTIMIZERS, STAGES, RunConfig
from f2c.core.data import Dataset
from f2c.render import export_time
from f2c.render.closure import ExportError, module_files, source_path, zip_path

STAGE_TITLES = {
    1: "hand-written backprop, hand-written gradient descent",
    2: "autograd, hand-written gradient descent",
    3: "autograd and the framework's optimizer",
}
DRIVER = "train.py"
NORMALIZER_MODULE = "f2c.core.normalize"
# A zip's entries get a fixed time stamp, so the same run always exports the same bytes.
ZIP_TIME = (2024, 1, 1, 0, 0, 0)


# ---- Writing numbers safely ----------------------------------------------------------------------


def _float32_literal(value: float) -> str:
    """The shortest decimal that turns back into exactly this float32 (numpy's repr), else Python's repr."""
    v32 = np.float32(value)
    text = str(v32)
    if (
        not re.fullmatch(r"-?[0-9.]+(e[+-]?[0-9]+)?", text)
        or np.float32(float(text)).tobytes() != v32.tobytes()
    ):
        text = repr(float(v32))
    return text


def _float_literal(value: float) -> str:
    text = repr(float(value))
    if not re.fullmatch(r"-?[0-9.]+(e[+-]?[0-9]+)?", text):
        raise ExportError(f"not a finite number: {text}")
    return text


def _number_list(values: np.ndarray, per_line: int = 10) -> str:
    items = [_float32_literal(v) for v in values]
    one_line = "[" + ", ".join(items) + "]"
    if len(one_line) <= 76:
        return one_line
    rows = [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
    return "[\n" + "".join(f"    {row},\n" for row in rows) + "]"


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_.\-]", "_", str(name))[:40].strip()
    return cleaned or "data"


# ---- The driver: train.py ------------------------------------------------------------------------

_LOOP = '''

def training_loop(step, params, X, Y, hyper):
    """The article's loop around the lesson's step; returns the final (w, b) in the model's units."""
    last_finite = None
    for epoch in range(1, EPOCHS + 1):
        before = lesson.to_numpy(params)  # w, b at the start of this epoch (a copy)
        params, loss, grad = step(params, X, Y, hyper)

        row = np.concatenate([before, lesson.to_numpy(loss).ravel(), lesson.to_numpy(grad).ravel()])
        if not np.isfinite(row).all():  # w, b, loss, dL/dw, dL/db
            print("Diverged at epoch %d: the loss is no longer a finite number." % epoch)
            return last_finite  # the last finite epoch's parameters, as the app reports them
        last_finite = row[:2]

        if epoch % LOG_EVERY == 0:
            print("Epoch %d, Loss %f" % (epoch, row[2]))

    return lesson.to_numpy(params)


if __name__ == "__main__":
    say_how_long()
    normalizer = Normalizer.fit(NORMALIZE, X_RAW)  # the app's own input normalisation
    X, Y = lesson.as_inputs(normalizer.transform(X_RAW), Y)
    params = lesson.as_params(np.array([W0, B0], dtype=np.float32), STAGE)
    hyper = lesson.make_optimizer(OPTIMIZER, params, LEARNING_RATE) if STAGE == 3 else LEARNING_RATE

    final = training_loop(lesson.STEPS[STAGE], params, X, Y, hyper)

    if final is not None:
        w, b = (float(v) for v in normalizer.to_original(*final))  # back to the raw input's units
        print("Params: [%.4f, %.4f]  (w = %.7g, b = %.7g)" % (w, b, w, b))
'''


def _header(config: RunConfig, data: Dataset, module: str, folder: str) -> str:
    c = config
    lesson_path = zip_path(module, source_path(module))
    optimizer = c.optimizer if c.stage == 3 else "none (stages 1 and 2 update by hand)"
    text = [
        "# Celsius = w * reading + b, fitted by gradient descent: exported from the f2c playground.",
        "#",
        f"# {_lesson_constant(module, 'TITLE')}, stage {c.stage}: {STAGE_TITLES[c.stage]}.",
        f"# The lesson is f2c's own file {lesson_path}, next to this script, copied verbatim with",
        "# the f2c files it imports: the very code the app runs. This script holds the data, the settings",
        "# and the article's training loop. It prints the same log as the app: 'Epoch N, Loss L', then",
        "# the final parameters.",
        "#",
        "# Settings:",
        f"#   framework      {c.framework}",
        f"#   stage          {c.stage}",
        f"#   optimizer      {optimizer}",
        f"#   learning rate  {_float_literal(c.lr)}",
        f"#   epochs         {int(c.epochs)}",
        f"#   w0, b0         {_float_literal(c.w0)}, {_float_literal(c.b0)}",
        f"#   normalisation  {c.normalize}",
        f"#   data           {_safe_name(data.name)} ({len(data)} points)",
        "#",
        f"# Run it:  python {folder}/{DRIVER}   (after unzipping; from any folder)",
        f"# Needs:   Python 3.10+ and {', '.join(_lesson_constant(module, 'REQUIREMENTS'))}",
        f"# Time:    about {export_time.duration_en(export_time.eager_seconds(c))}: the loop is eager, one step",
        "#          per epoch, as the article wrote it (not the app's compiled modes).",
    ]
    return "\n".join(text) + "\n"


def driver_source(config: RunConfig, data: Dataset, log_every: int) -> str:
    c = config
    module = lessons.module_name(c.framework)  # read, never imported: no framework import to export
    parts = [
        _header(c, data, module, folder_name(c)),
        "import sys\nfrom pathlib import Path\n\nimport numpy as np\n",
        "# ---- The data: x is the reading, y is Celsius (float32, as the article trains) ----\n\n"
        f"X_RAW = np.array({_number_list(data.x)}, dtype=np.float32)\n"
        f"Y = np.array({_number_list(data.y)}, dtype=np.float32)\n",
        "# ---- Settings (from the app) ----\n\n"
        f"STAGE = {int(c.stage)}\n"
        f"EPOCHS = {int(c.epochs)}\n"
        f"LEARNING_RATE = {_float_literal(c.lr)}\n"
        f"W0, B0 = {_float_literal(c.w0)}, {_float_literal(c.b0)}\n"
        f"OPTIMIZER = {c.optimizer!r}  # used by stage 3 only\n"
        f"NORMALIZE = {c.normalize!r}\n"
        f"LOG_EVERY = {int(log_every)}\n"
        f"EAGER_US_PER_EPOCH = {export_time.EAGER_US[c.framework][c.stage]!r}  # measured, 2-core CPU\n"
        f"NOTE = {export_time.NOTE!r}\n",
        "# ---- From f2c: the lesson the app runs, in the files next to this script ----\n\n"
        "sys.path.insert(0, str(Path(__file__).resolve().parent))\n\n"
        f"from {NORMALIZER_MODULE} import Normalizer  # noqa: E402\n"
        f"from {module.rsplit('.', 1)[0]} import {module.rsplit('.', 1)[1]} as lesson  # noqa: E402\n",
    ]
    return "\n\n".join(part.rstrip("\n") + "\n" for part in parts) + export_time.DRIVER_CODE + _LOOP


def _lesson_constant(module: str, name: str):
    """A literal constant of the lesson module (TITLE, REQUIREMENTS), read from its source, not imported."""
    tree = ast.parse(source_path(module).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    raise ExportError(f"{module} has no constant {name}")


# ---- The export ----------------------------------------------------------------------------------


def folder_name(config: RunConfig) -> str:
    suffix = f"_{config.optimizer}" if config.stage == 3 else ""
    return f"f2c_{config.framework}_stage{config.stage}{suffix}"


def script_filename(config: RunConfig) -> str:
    """The export's file name: a zip of one folder (folder_name) holding train.py and the f2c files."""
    return folder_name(config) + ".zip"


def csv_filename(config: RunConfig) -> str:
    return folder_name(config) + "_trajectory.csv"


def export_files(config: RunConfig, data: Dataset, log_every: int = 30000) -> dict[str, bytes]:
    """{path inside the export folder: bytes}: train.py, and every copied f2c file byte for byte."""
    c = config
    if c.framework not in FRAMEWORKS or c.stage not in STAGES or c.optimizer not in OPTIMIZERS:
        raise ExportError("not a validated RunConfig")
    if c.normalize not in NORMALIZE:
        raise ExportError("not a validated RunConfig")
    if isinstance(log_every, bool) or not isinstance(log_every, int) or log_every < 1:
        raise ValueError("log_every must be a whole number >= 1")
    module = lessons.module_name(c.framework)
    files, others = module_files([module, NORMALIZER_MODULE])
    allowed = {"numpy", *_lesson_constant(module, "REQUIREMENTS")}
    outside = {name for name in others if name not in sys.stdlib_module_names and name not in allowed}
    if outside:
        raise ExportError(f"the lesson imports packages an export does not list: {sorted(outside)}")
    driver = driver_source(c, data, log_every)
    compile(driver, DRIVER, "exec", dont_inherit=True)  # never hand out invalid Python
    out = {DRIVER: driver.encode("utf-8")}
    for name, path in sorted(files.items()):
        out[zip_path(name, path)] = path.read_bytes()
    return out


def export_script(config: RunConfig, data: Dataset, log_every: int = 30000) -> bytes:
    """The zip (bytes) that trains `config` on `data` and prints the app's log every `log_every` epochs."""
    folder = folder_name(config)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, content in export_files(config, data, log_every).items():
            archive.writestr(zipfile.ZipInfo(f"{folder}/{path}", ZIP_TIME), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


# ---- The trajectory as CSV -----------------------------------------------------------------------


def trajectory_csv(run) -> bytes:
    """Every recorded epoch of a run: epoch,w,b,loss,dw,db in the model's units, plus w and b in the raw
    input's units when the input was normalised. Values print with 9 significant digits (exact for float32)."""
    trajectory = run.trajectory
    epochs = np.asarray(trajectory.epoch, dtype=np.float64)
    rows = np.asarray(trajectory.rows, dtype=np.float64)
    columns = ["epoch", "w", "b", "loss", "dw", "db"]
    table = np.column_stack([epochs, rows]) if len(rows) else np.empty((0, 6))
    fmt = ["%d"] + ["%.9g"] * 5
    normalizer = getattr(run, "normalizer", None)
    if normalizer is not None and normalizer.kind != "none":
        w0, b0 = normalizer.to_original(rows[:, 0], rows[:, 1]) if len(rows) else (np.empty(0), np.empty(0))
        table = np.column_stack([table, w0, b0])
        columns += ["w_original", "b_original"]
        fmt += ["%.10g", "%.10g"]
    out = io.StringIO()
    out.write(",".join(columns) + "\n")
    line = ",".join(fmt) + "\n"
    block = 50_000
    for start in range(0, len(table), block):
        part = table[start : start + block]
        out.write((line * len(part)) % tuple(part.ravel().tolist()))
    return out.getvalue().encode("ascii")
