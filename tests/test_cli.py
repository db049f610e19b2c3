"""`python -m f2c train`: the article's log, JSON output, and one-line refusals with exit code 2."""

import json
import re
import subprocess
import sys

import pytest
from reference import FINAL_PARAMS, LOG_LOSSES, LOSS_REL, PARAMS_ABS


def cli(*args, check=False):
    return subprocess.run([sys.executable, "-m", "f2c", *args], capture_output=True, text=True, timeout=600)


def test_default_run_prints_the_articles_log():
    out = cli("train")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    epochs = [line for line in lines if line.startswith("Epoch ")]
    assert len(epochs) == 11
    for line, expected in zip(epochs, LOG_LOSSES):
        loss = float(line.rsplit(" ", 1)[1])
        assert loss == pytest.approx(expected, rel=LOSS_REL)
    assert re.fullmatch(r"Epoch 30000, Loss 12\.0959\d\d", epochs[0])  # the article's '%d' / '%f' format
    assert "Params: [0.5358, -17.2503]" in out.stdout


@pytest.mark.parametrize("framework", ("torch", "tensorflow"))
def test_json_output(framework):
    out = cli("train", "--framework", framework, "--stage", "2", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["config"]["framework"] == framework and not result["diverged"]
    assert result["diverged_epoch"] is None
    assert [row["epoch"] for row in result["log"]] == list(range(30000, 330001, 30000))
    assert set(result["log"][0]) == {"epoch", "loss", "w", "b", "dw", "db"}
    assert result["final"]["w"] == pytest.approx(FINAL_PARAMS[0], abs=PARAMS_ABS)
    assert result["final"]["b"] == pytest.approx(FINAL_PARAMS[1], abs=PARAMS_ABS)
    assert result["compute_seconds"] > 0 and result["epochs_per_second"] > 0
    assert result["compile_seconds"] >= 0


def test_divergence_is_reported_with_exit_0():
    out = cli("train", "--lr", "1e-2")
    assert out.returncode == 0
    assert "Traceback" not in out.stderr
    assert "Diverged at epoch" in out.stdout and "0.00033994" in out.stdout
    result = json.loads(cli("train", "--lr", "1e-2", "--json").stdout)
    assert result["diverged"] is True and result["diverged_epoch"] > 1
    assert result["last_finite_loss"] > 1e30


@pytest.mark.parametrize(
    "args",
    [
        ("train", "--framework", "mxnet"),
        ("train", "--lr", "abc"),
        ("train", "--lr", "-1"),
        ("train", "--epochs", "0"),
        ("train", "--epochs", "2000000"),
        ("train", "--mode", "xla"),
        ("train", "--bogus"),
        ("train", "--data", "/nonexistent.csv"),
        ("train", "--log-every", "0"),
        (),
    ],
)
def test_bad_flags_get_one_line_and_exit_2(args):
    out = cli(*args)
    assert out.returncode == 2
    assert out.stdout == ""
    assert len(out.stderr.strip().splitlines()) == 1 and out.stderr.startswith("f2c: error:")


def test_custom_data_and_bad_data(tmp_path):
    good = tmp_path / "good.csv"
    good.write_text("F,C\n32,0\n212,100\n50,10\n")
    result = json.loads(
        cli(
            "train",
            "--data",
            str(good),
            "--normalize",
            "standardize",
            "--lr",
            "0.1",
            "--epochs",
            "5000",
            "--json",
        ).stdout
    )
    assert result["final"]["w"] == pytest.approx(5 / 9, abs=1e-3)
    assert result["final"]["b"] == pytest.approx(-160 / 9, abs=1e-2)
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2\n3,x\n")
    out = cli("train", "--data", str(bad))
    assert out.returncode == 2 and "Row 2" in out.stderr
