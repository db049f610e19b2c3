"""The lessons' source text, read from their files without importing them.

inspect.getsource reads a function's lines from its module's file. This module reads the same lines with
`ast`, so the page can show PyTorch's step while the server never imports torch: the torch compute child
runs it, and torch costs the server about 180 MB (120 MB of it its own, not shared with the child).
tests/test_texts.py checks every text against inspect.getsource of the imported function.

Only what the page shows is read this way: module-level functions, found by name or through a module-level
dict literal such as STEPS = {1: stage1_step, ...}, following `from module import name` to where a name is
defined. Nothing read here is ever executed.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
from pathlib import Path

from f2c.lessons import _runner_name, load, module_name


@functools.cache
def _module(name: str) -> tuple[list[str], ast.Module]:
    spec = importlib.util.find_spec(name)  # imports the parent packages, never the module itself
    if spec is None or spec.origin is None:
        raise ImportError(f"no module {name!r}")
    text = Path(spec.origin).read_text(encoding="utf-8")
    return text.splitlines(keepends=True), ast.parse(text)


def _imported_from(tree: ast.Module, name: str) -> str | None:
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if any((alias.asname or alias.name) == name and alias.name == name for alias in node.names):
                return node.module
    return None


def function(module: str, name: str) -> str:
    """The text inspect.getsource gives of `module.name`, a function defined at module level (or imported
    there from another module by `from ... import name`)."""
    lines, tree = _module(module)
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name == name:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            return "".join(lines[first - 1 : node.end_lineno])
    origin = _imported_from(tree, name)
    if origin is None:
        raise KeyError(f"no function {name!r} in {module}")
    return function(origin, name)


def table(module: str, variable: str) -> dict:
    """A module-level dict literal of constants to function names, as {key: function name}."""
    _, tree = _module(module)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == variable for target in node.targets
        ):
            if not isinstance(node.value, ast.Dict):
                break
            return {
                ast.literal_eval(key): value.id
                for key, value in zip(node.value.keys, node.value.values, strict=True)
                if key is not None and isinstance(value, ast.Name)
            }
    raise KeyError(f"no dict literal {variable!r} in {module}")


def constant(module: str, variable: str):
    """A module-level constant, such as CHUNK = 64."""
    _, tree = _module(module)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == variable for target in node.targets
        ):
            return ast.literal_eval(node.value)
    raise KeyError(f"no constant {variable!r} in {module}")


def step(framework: str, stage: int) -> tuple[str, str]:
    """The name and the text of the lesson's STEPS[stage]."""
    module = module_name(framework)
    name = table(module, "STEPS")[stage]
    return name, function(module, name)


def helper(framework: str, name: str) -> str | None:
    """The text of the lesson's function `name`, or None if the lesson has none of that name."""
    try:
        return function(module_name(framework), name)
    except KeyError:
        return None


def mode_source(framework: str, stage: int, optimizer: str, mode: str) -> str:
    """Lesson.source(stage, optimizer, mode): from f2c.lessons.runners.<name>_source where a lesson's
    runner reads it from the files (torch), so that showing it imports no framework; else the lesson's."""
    name = _runner_name(framework, "source")
    if importlib.util.find_spec(name) is not None:
        return importlib.import_module(name).source(stage, optimizer, mode)
    return load(framework).source(stage, optimizer, mode)
