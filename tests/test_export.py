"""Every export runs on its own and prints the app's log (traingenerator's "every combination runs").

An export is a zip: train.py and the lesson's own f2c files, verbatim (f2c.render.script).
18 exports (numpy / torch / tensorflow x stage 1, stage 2, stage 3 x 4 optimizers), each run with
`sys.executable -I` in a fresh process, where f2c cannot be imported, and compared with the app's run of
the same config (f2c.runtime.training; fastest mode, eager for torch) at REFERENCE.md's tolerance: losses 1e-5 relative (plus 1e-6
absolute, the quantum of the article's '%f'), final parameters 1e-4 absolute. TensorFlow takes ~4 s to
import, so the scripts run two at a time in the background while the app's runs compute in this process.
"""

from __future__ import annotations

import ast
import csv
import inspect
import io
import os
import re
import subprocess
import sys
import zipfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from reference import FINAL_PARAMS, LOG_EPOCHS, LOG_LOSSES, LOSS_REL, PARAMS_ABS

from f2c import lessons
from f2c.core.config import FRAMEWORKS, OPTIMIZERS, RunConfig
from f2c.core.data import Dataset, article
from f2c.render.script import export_script, script_filename, trajectory_csv
from f2c.runtime import training as train

ROOT = Path(__file__).resolve().parent.parent  # the repository: what the export's f2c files must equal

EPOCHS = 3000
LOG_EVERY = 500
LOSS_ABS = 1e-6  # '%f' prints 6 decimals
SCRIPT_TIMEOUT = 600

CASES = [
    (framework, stage, optimizer)
    for framework in FRAMEWORKS
    for stage, optimizer in ((1, "sgd"), (2, "sgd"), *((3, o) for o in OPTIMIZERS))
]


def case_id(case) -> str:
    framework, stage, optimizer = case
    return f"{framework}-stage{stage}" + (f"-{optimizer}" if stage == 3 else "")


def case_config(framework: str, stage: int, optimizer: str) -> RunConfig:
    lr = 1e-3 if optimizer in ("adam", "rmsprop") else 1e-4
    # The app's side runs in the fastest mode, except torch: torch.compile spends 50-100 s per combination
    # compiling, and the torch lesson's own tests hold "compiled" to "eager" at the same tolerance.
    # JAX's RMSprop too: XLA's CPU backend rounds its update one ulp away from eager JAX (bit for bit at
    # xla_backend_optimization_level=0), and at lr 1e-3 RMSprop rattles across the valley, so by epoch
    # 3000 that ulp is 1e-3 in w (the loss still agrees to 4e-7); the export runs eager, as written.
    eager = framework == "torch" or (framework == "jax" and optimizer == "rmsprop")
    mode = "eager" if eager else "fastest"
    return RunConfig(framework=framework, stage=stage, optimizer=optimizer, lr=lr, epochs=EPOCHS, mode=mode)


def unpack(export: bytes) -> dict[str, str]:
    """{path inside the export's folder: text} of an exported zip."""
    with zipfile.ZipFile(io.BytesIO(export)) as archive:
        names = archive.namelist()
        folders = {name.split("/", 1)[0] for name in names}
        assert len(folders) == 1, folders  # one folder, so unzipping never scatters files
        return {name.split("/", 1)[1]: archive.read(name).decode("utf-8") for name in names}


def run_script(export: bytes, directory, name: str) -> subprocess.CompletedProcess:
    with zipfile.ZipFile(io.BytesIO(export)) as archive:
        archive.extractall(directory / name)
    (folder,) = (directory / name).iterdir()
    path = folder / "train.py"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env["TF_CPP_MIN_LOG_LEVEL"] = "2"
    return subprocess.run(
        [sys.executable, "-I", str(path)],
        cwd=directory,
        env=env,
        capture_output=True,
        text=True,
        timeout=SCRIPT_TIMEOUT,
    )


def parse_output(stdout: str) -> dict:
    log, params, diverged = [], None, None
    for line in stdout.splitlines():
        if m := re.fullmatch(r"Epoch (\d+), Loss (\S+)", line):
            log.append((int(m[1]), float(m[2])))
        elif m := re.fullmatch(r"Params: \[\S+, \S+\]  \(w = (\S+), b = (\S+)\)", line):
            params = (float(m[1]), float(m[2]))
        elif m := re.fullmatch(r"Diverged at epoch (\d+): .*", line):
            diverged = int(m[1])
        else:
            raise AssertionError(f"unexpected output line: {line!r}")
    return {"log": log, "params": params, "diverged": diverged}


def assert_matches_app(result: subprocess.CompletedProcess, config: RunConfig, data: Dataset, every: int):
    assert result.returncode == 0, result.stderr[-3000:]
    out = parse_output(result.stdout)
    run = train.run(config, data, chunk_seconds=0.5).run_to_end()
    app_log = run.log(every)
    assert [e for e, _ in out["log"]] == [row["epoch"] for row in app_log]
    np.testing.assert_allclose(
        [loss for _, loss in out["log"]], [row["loss"] for row in app_log], rtol=LOSS_REL, atol=LOSS_ABS
    )
    assert out["diverged"] == run.diverged_epoch
    final = run.final()
    assert out["params"] is not None and final is not None
    # rtol: '%.7g' prints 7 digits, which is what is left to compare of a diverged run's huge parameters
    np.testing.assert_allclose(out["params"], [final["w"], final["b"]], rtol=1e-6, atol=PARAMS_ABS)
    return out


@pytest.fixture(scope="module")
def script_runs(tmp_path_factory):
    """Start every combination's script in the background (2 at a time); tests collect them as they finish."""
    directory = tmp_path_factory.mktemp("scripts")
    pool = ThreadPoolExecutor(max_workers=2)
    futures: dict[tuple, Future] = {}
    for case in CASES:
        config = case_config(*case)
        try:
            source = export_script(config, article(), LOG_EVERY)
        except Exception as error:  # a lesson not written yet: that case fails with this error
            failed: Future = Future()
            failed.set_exception(error)
            futures[case] = failed
            continue
        futures[case] = pool.submit(run_script, source, directory, script_filename(config))
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_every_combination_prints_the_apps_log(case, script_runs):
    result = script_runs[case].result(timeout=SCRIPT_TIMEOUT)
    out = assert_matches_app(result, case_config(*case), article(), LOG_EVERY)
    assert len(out["log"]) == EPOCHS // LOG_EVERY


def test_the_default_script_reproduces_the_article(tmp_path):
    """The whole article: numpy stage 1, 330,000 epochs at 1e-4 from (1.0, 0.01)."""
    source = export_script(RunConfig(), article())
    out = parse_output(run_script(source, tmp_path, "article.py").stdout)
    assert [e for e, _ in out["log"]] == list(LOG_EPOCHS)
    np.testing.assert_allclose([loss for _, loss in out["log"]], LOG_LOSSES, rtol=LOSS_REL, atol=0)
    np.testing.assert_allclose(out["params"], FINAL_PARAMS, rtol=0, atol=PARAMS_ABS)


@pytest.mark.parametrize("framework", FRAMEWORKS)
def test_the_script_carries_the_lesson_source_verbatim(framework):
    lesson = lessons.load(framework)  # fails honestly while a lesson is not written
    for stage in (1, 2, 3):
        files = unpack(
            export_script(RunConfig(framework=framework, stage=stage, optimizer="adam"), article())
        )
        for path, text in files.items():  # every f2c file is the repository's file, byte for byte
            if path != "train.py":
                assert text == (ROOT / path).read_text(encoding="utf-8"), path
        script = files[lessons.module_name(framework).replace(".", "/") + ".py"]
        needed = [lesson.model, lesson.loss_fn, lesson.STEPS[stage]]
        if stage == 1:
            needed += [lesson.dloss_fn, lesson.dmodel_dw, lesson.dmodel_db, lesson.grad_fn]
        if stage == 3:
            needed.append(lesson.make_optimizer)
        for function in needed:
            assert inspect.getsource(function) in script, (framework, stage, function.__name__)
        # Nothing of the runner machinery comes along (the lesson's glue imports it only when called).
        assert not [p for p in files if p.startswith(("f2c/lessons/runners/", "f2c/lessons/inside/"))]


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_script_is_standalone_python(case):
    """Every module a file of the export imports at its top is in the export, the standard library, or
    the framework's packages (imports inside functions, e.g. a lesson's runner, never run in train.py)."""
    files = unpack(export_script(case_config(*case), article(), LOG_EVERY))
    script = files["train.py"]
    shipped = {p.removesuffix(".py").removesuffix("/__init__").replace("/", ".") for p in files}
    roots = set()
    for text in files.values():
        for node in ast.parse(text).body:
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or "."] if not node.level else ["."]
            else:
                continue
            for name in names:
                if name.split(".")[0] == "f2c":
                    assert name in shipped, name
                elif name.split(".")[0] not in sys.stdlib_module_names:
                    roots.add(name.split(".")[0])
    framework = case[0]
    # the framework's own packages (Lesson.REQUIREMENTS), and no other framework's
    expected = set(lessons.load(framework).REQUIREMENTS) - {"numpy"}
    assert expected <= roots <= {"numpy", "__future__", *expected}, roots
    assert script.startswith("# ")  # the header comment
    header = script.split("\n\n", 1)[0]
    for word in (framework, f"stage          {case[1]}", "python f2c_", "learning rate", "epochs"):
        assert word in header


def test_custom_data_and_standardize(tmp_path):
    rng = np.random.default_rng(3)
    x = np.round(rng.uniform(-20, 120, 15), 2)
    data = Dataset(x, 0.55 * x - 17.0 + rng.normal(0, 2.0, x.size), "my data")
    config = RunConfig(stage=2, lr=0.05, epochs=2000, normalize="standardize", w0=0.0, b0=0.0)
    source = export_script(config, data, log_every=250)
    out = assert_matches_app(run_script(source, tmp_path, "custom.py"), config, data, 250)
    assert len(out["log"]) == 8
    scale = RunConfig(stage=1, lr=0.002, epochs=1000, normalize="scale")
    assert_matches_app(run_script(export_script(scale, data, 100), tmp_path, "scale.py"), scale, data, 100)


def test_a_diverging_run_stops_like_the_app(tmp_path):
    config = RunConfig(lr=1e-3, epochs=500)
    out = assert_matches_app(
        run_script(export_script(config, article(), 10), tmp_path, "d.py"), config, article(), 10
    )
    assert out["diverged"] is not None


def test_data_round_trips_exactly_and_no_text_is_embedded():
    values = np.array([35.7, -0.0, 1e-30, 3.4e38, 123456.789, 0.1, -273.15, 2.5e-7], dtype=np.float32)
    data = Dataset(values, values[::-1].copy(), 'evil"""\nimport os; os.system("rm -rf /")  # ')
    files = unpack(export_script(RunConfig(), data))
    script = files["train.py"]  # the only file written for this export; the rest are f2c's own
    namespace: dict = {}
    exec(compile(script.split("# ---- From ")[0], "<data>", "exec"), namespace)  # imports and data only
    assert namespace["X_RAW"].tobytes() == data.x.tobytes()
    assert namespace["Y"].tobytes() == data.y.tobytes()
    assert "import os" not in script and "rm -rf" not in script
    assert "evil" in script  # what is left of the name: a few safe characters in a comment


def test_bad_log_every_is_refused():
    with pytest.raises(ValueError):
        export_script(RunConfig(), article(), 0)


@pytest.mark.parametrize("normalize", ("none", "standardize"))
def test_trajectory_csv(normalize):
    run = train.run(RunConfig(epochs=120, normalize=normalize, lr=1e-4 if normalize == "none" else 0.1))
    run.run_to_end()
    rows = list(csv.reader(io.StringIO(trajectory_csv(run).decode("ascii"))))
    header, body = rows[0], np.array(rows[1:], dtype=np.float64)
    extra = [] if normalize == "none" else ["w_original", "b_original"]
    assert header == ["epoch", "w", "b", "loss", "dw", "db", *extra]
    assert len(body) == 120
    np.testing.assert_array_equal(body[:, 0], np.arange(1, 121))
    np.testing.assert_allclose(body[:, 1:6], run.trajectory.rows, rtol=1e-8)
    if extra:
        w, b = run.original_units(run.trajectory.w, run.trajectory.b)
        np.testing.assert_allclose(body[:, 6], w, rtol=1e-9)
        np.testing.assert_allclose(body[:, 7], b, rtol=1e-9, atol=1e-9)
