"""The layer rule (pyproject.toml's import-linter contracts) holds, and a wrong import would break it.

The contracts: each folder of f2c imports only the folders below it (ui > render > explain > runtime >
lessons > autodiff > core); a UI panel never imports another panel; Streamlit only in f2c.ui; torch,
tensorflow, jax and optax only in f2c.lessons; the page's source reader (f2c.lessons.texts) imports no
framework, even indirectly; no import circles between siblings.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT = [
    sys.executable,
    "-c",
    "import sys; from importlinter.cli import lint_imports_command as c; sys.exit(c())",
]


def lint(where: Path) -> subprocess.CompletedProcess:
    return subprocess.run(LINT, cwd=where, capture_output=True, text=True, timeout=300)


def test_the_import_contracts_are_kept():
    out = lint(ROOT)
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-2000:]
    assert "0 broken" in out.stdout


@pytest.mark.parametrize(
    "module, line, contract",
    [
        ("f2c/core/config.py", "import streamlit", "Streamlit only in the UI"),
        ("f2c/render/replay.py", "import torch", "A framework is a file"),
        (
            "f2c/core/data.py",
            "from f2c.ui import state",
            "Layers: each folder imports only the ones below it",
        ),
        ("f2c/ui/player/__init__.py", "from f2c.ui import controls", "a panel never imports another panel"),
        (
            "f2c/runtime/worker.py",
            "from f2c.render import replay",
            "Layers: each folder imports only the ones below it",
        ),
        (
            "f2c/lessons/runners/torch_source.py",
            "from f2c.lessons.runners import torch_compiled",
            "without importing a framework",
        ),
    ],
)
def test_a_deliberately_wrong_import_breaks_a_contract(tmp_path, module, line, contract):
    for name in ("f2c", "pyproject.toml"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    target = tmp_path / module
    target.write_text(target.read_text() + f"\n{line}  # a wrong arrow\n")
    out = lint(tmp_path)
    assert out.returncode != 0
    broken = out.stdout.split("Broken contracts", 1)[1]
    assert contract in broken


def test_the_package_has_one_folder_per_layer_and_small_modules():
    flat = sorted(p.name for p in (ROOT / "f2c").glob("*.py"))
    assert flat == ["__init__.py", "__main__.py"]
    # The string table is the one long file by design: a row per string, nothing to read as code.
    long = {
        str(p.relative_to(ROOT)): n
        for p in (ROOT / "f2c").rglob("*.py")
        if (n := len(p.read_text().splitlines())) > 300 and p != ROOT / "f2c/core/i18n.py"
    }
    assert long == {}
