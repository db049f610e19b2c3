"""Which f2c files an export copies: a module, its packages and the f2c modules they import, in turn.

The walk is static (ast over the source files): nothing is imported, so exporting a TensorFlow run never
pays TensorFlow's import. Only imports that run when a file is imported count (its top-level
statements); the lazy imports inside functions (a lesson's runner, its see-inside hooks) do not.
"""

from __future__ import annotations

import ast
import importlib.util
from pathlib import Path


class ExportError(RuntimeError):
    """The lesson source uses something an export cannot carry (a bug in f2c, not the user's)."""


def source_path(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None or not spec.origin.endswith(".py"):
        raise ExportError(f"cannot find the source of {module}")
    return Path(spec.origin)


def _is_package(name: str) -> bool:
    """Whether `from name import x` may import a submodule name.x. find_spec imports only the parent
    packages of `name`, never `name` itself: a lesson module (and its framework) is never imported."""
    spec = importlib.util.find_spec(name)
    return spec is not None and spec.submodule_search_locations is not None


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


def _top_level_imports(tree: ast.Module) -> list[str]:
    """Modules imported when the file runs: top-level statements (also inside a top-level if / try), not
    the lazy imports inside functions."""
    found: list[str] = []
    stack = list(tree.body)
    while stack:
        node = stack.pop(0)
        if isinstance(node, ast.Import):
            found += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            found.append(node.module)
            # `from f2c.autodiff import tensor` imports the submodule f2c.autodiff.tensor
            if _is_f2c(node.module) and _is_package(node.module):
                found += [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.If | ast.Try):
            stack += [*node.body, *getattr(node, "orelse", []), *getattr(node, "finalbody", [])]
            for handler in getattr(node, "handlers", []):
                stack += handler.body
    return found


def _is_f2c(module: str) -> bool:
    return module == "f2c" or module.startswith("f2c.")


def module_files(roots: list[str]) -> tuple[dict[str, Path], set[str]]:
    """{module: source file} for the roots, their packages and every f2c module they import in turn, and
    the top-level package names of everything else they import."""
    files: dict[str, Path] = {}
    others: set[str] = set()
    todo = list(roots)
    while todo:
        module = todo.pop(0)
        if module in files or not _is_module(module):
            continue  # a name imported from a module, not a module itself
        parts = module.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]  # the packages run first
        files[module] = source_path(module)
        for imported in _top_level_imports(ast.parse(files[module].read_text(encoding="utf-8"))):
            if _is_f2c(imported):
                todo.append(imported)
            else:
                others.add(imported.split(".")[0])
    return files, others


def zip_path(module: str, path: Path) -> str:
    """Where a module's file goes in the export: f2c/lessons/__init__.py, f2c/core/config.py, ..."""
    name = module.replace(".", "/")
    return f"{name}/__init__.py" if path.name == "__init__.py" else f"{name}.py"
