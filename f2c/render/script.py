"""Take a run home: a standalone Python script of the current setup, and the trajectory as CSV.

The lesson is the engine, here too. `export_script` does not hold a second copy of the lessons: it reads the
lesson module's own source file and copies, verbatim, exactly the definitions the chosen stage needs (the
model, the loss, the stage's step function, stage 3's `make_optimizer`, and whatever they use in turn, e.g.
`f2c.autodiff`, `f2c.autodiff.optim` or `f2c.core.config.HYPERPARAMS`). Only the data, the settings and a short driver
loop in the article's style are written here. So the exported script runs the very code the app runs, and
prints the same `Epoch N, Loss L` log.

The dependency walk is static (source files and bytecode, no import of the lesson), so exporting a
TensorFlow script never pays TensorFlow's import.

Safety: the script embeds no user text. Data points are float32 numbers written with a repr that
round-trips, the settings are validated RunConfig values from fixed choices, and the data set's name is
reduced to a few safe characters.
"""

from __future__ import annotations
import __future__

import ast
import builtins
import dis
import importlib.util
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from f2c import lessons
from f2c.core.config import FRAMEWORKS, NORMALIZE, OPTIMIZERS, STAGES, RunConfig
from f2c.core.data import Dataset

# The only packages an exported script may import.
ALLOWED_PACKAGES = ("numpy", "torch", "tensorflow")

STAGE_TITLES = {
    1: "hand-written backprop, hand-written gradient descent",
    2: "autograd, hand-written gradient descent",
    3: "autograd and the framework's optimizer",
}
FRAMEWORK_TITLES = {"numpy": "NumPy (from scratch)", "torch": "PyTorch", "tensorflow": "TensorFlow"}
REQUIREMENTS = {"numpy": "numpy", "torch": "numpy, torch", "tensorflow": "numpy, tensorflow"}

# Names the driver part of the script defines; a lesson definition with one of these names would clash.
DRIVER_NAMES = frozenset(
    {"X", "Y", "X_RAW", "X_SHIFT", "X_SCALE", "EPOCHS", "LEARNING_RATE", "W0", "B0", "OPTIMIZER"}
    | {"LOG_EVERY", "as_floats", "training_loop", "params", "optimizer", "w", "b", "final"}
)


class ExportError(RuntimeError):
    """The lesson source uses something an exported script cannot carry (a bug in f2c, not the user's)."""


# ---- Reading the lesson's source: which top-level definitions does a stage need? -------------------


@dataclass
class _Module:
    name: str
    path: Path
    source: str
    lines: list[str]
    tree: ast.Module
    bindings: dict[str, ast.stmt] = field(default_factory=dict)

    @classmethod
    def load(cls, name: str) -> _Module:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise ExportError(f"cannot find the source of {name}")
        path = Path(spec.origin)
        source = path.read_text(encoding="utf-8")
        module = cls(name, path, source, source.splitlines(), ast.parse(source))
        for node in module.tree.body:
            for bound in _bound_names(node):
                module.bindings.setdefault(bound, node)
        return module

    def segment(self, node: ast.stmt) -> str:
        """The statement's full source lines (decorators and trailing comment included), with the comment
        lines directly above it."""
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        start = first - 1
        while start > 0 and self.lines[start - 1].lstrip().startswith("#"):
            if self.lines[start - 1].lstrip().startswith("# ----"):  # a section banner, not a comment on it
                break
            start -= 1
        return "\n".join(self.lines[start : node.end_lineno]) + "\n"

    @property
    def display_path(self) -> str:
        return self.name.replace(".", "/") + ".py"


def _bound_names(node: ast.stmt) -> list[str]:
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        return [node.name]
    if isinstance(node, ast.Assign):
        return [n.id for t in node.targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
        return [node.target.id]
    if isinstance(node, ast.Import | ast.ImportFrom):
        return [(a.asname or a.name.split(".")[0]) for a in node.names]
    return []


_ANNOTATIONS = __future__.annotations.compiler_flag


def _global_loads(source: str) -> dict[str, set[str]]:
    """Global names the code reads, in order (found in the bytecode, so local variables never count), each
    with the attributes read straight off it (`autodiff.tensor` -> {"autodiff": {"tensor"}}); "" marks a
    bare use of the name."""
    code = compile(source, "<lesson>", "exec", flags=_ANNOTATIONS, dont_inherit=True)
    names: dict[str, set[str]] = {}
    stack = [code]
    while stack:
        current = stack.pop(0)
        instructions = list(dis.get_instructions(current))
        for i, instruction in enumerate(instructions):
            if instruction.opname in ("LOAD_GLOBAL", "LOAD_NAME") and isinstance(instruction.argval, str):
                following = instructions[i + 1] if i + 1 < len(instructions) else None
                attr = ""
                if following is not None and following.opname in ("LOAD_ATTR", "LOAD_METHOD"):
                    attr = str(following.argval)
                names.setdefault(instruction.argval, set()).add(attr)
        stack.extend(c for c in current.co_consts if hasattr(c, "co_code"))
    return names


def _has_annotations(source: str) -> bool:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.AnnAssign):
            return True
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            a = node.args
            if node.returns is not None or any(
                x.annotation is not None
                for x in [*a.posonlyargs, *a.args, *a.kwonlyargs, a.vararg, a.kwarg]
                if x
            ):
                return True
    return False


# Definitions an exported script replaces by a stand-in. f2c's tracer (autodiff.py, part 2) makes the app
# fast; a script that runs eagerly never meets a traced array, so `isinstance(x, Traced)` is always False.
STUBS = {
    ("f2c.autodiff.tensor", "Traced"): (
        "class Traced:\n"
        '    """A stand-in for f2c\'s tracer (autodiff.py, part 2): this script runs eagerly, never traced."""\n'
    ),
}


class _Closure:
    """Every top-level definition that a set of root names needs, across the f2c modules it imports."""

    def __init__(self) -> None:
        self.modules: dict[str, _Module] = {}
        self.pieces: dict[str, dict[int, str]] = {}  # module name -> {first line: source}
        self.module_order: list[str] = []  # post-order: a module's dependencies come before it
        self.imports: dict[str, str] = {}  # local name -> import statement
        self.aliases: list[str] = []  # `local = original` lines for `from f2c.x import a as b`
        self.namespaces: dict[
            str, tuple[str, set[str]]
        ] = {}  # `from f2c import optim` -> ("f2c.autodiff.optim", attrs)
        self.bound: dict[str, str] = {}  # every top-level name the script's definitions bind -> its module
        self._visiting: set[tuple[str, str]] = set()

    def module(self, name: str) -> _Module:
        if name not in self.modules:
            self.modules[name] = _Module.load(name)
        return self.modules[name]

    def need(self, module_name: str, name: str, attrs: set[str] | None = None) -> None:
        """Bring in the definition `name` has in `module_name` (and what it uses); `attrs`: what the user
        reads off it (matters when `name` is a whole f2c module)."""
        module = self.module(module_name)
        node = module.bindings.get(name)
        if node is None:
            if hasattr(builtins, name):
                return
            raise ExportError(f"{module.display_path}: cannot find the definition of {name!r}")
        if isinstance(node, ast.Import | ast.ImportFrom):
            self._need_import(module, node, name, attrs or {""})
            return
        key = (module_name, node.lineno)
        if key in self._visiting or node.lineno in self.pieces.get(module_name, {}):
            return
        for bound in _bound_names(node):
            if self.bound.setdefault(bound, module_name) != module_name:
                raise ExportError(f"{bound!r} is defined in both {self.bound[bound]} and {module_name}")
        if (module_name, name) in STUBS:
            self.pieces.setdefault(module_name, {})[node.lineno] = STUBS[(module_name, name)]
            if module_name not in self.module_order:
                self.module_order.append(module_name)
            return
        self._visiting.add(key)
        source = module.segment(node)
        for used, used_attrs in _global_loads(source).items():
            if used not in _bound_names(node):
                self.need(module_name, used, used_attrs)
        self._visiting.discard(key)
        self.pieces.setdefault(module_name, {})[node.lineno] = source
        if module_name not in self.module_order:
            self.module_order.append(module_name)

    def _need_namespace(self, module: _Module, name: str, submodule: str, attrs: set[str]) -> None:
        """`from f2c import optim` used as `optim.SGD`: bring in optim's SGD, and later `class optim: SGD = SGD`."""
        if "" in attrs:
            raise ExportError(
                f"{module.display_path}: uses the f2c module {name!r} other than as module.name"
            )
        known = self.namespaces.setdefault(name, (submodule, set()))
        if known[0] != submodule:
            raise ExportError(f"{name!r} names both {known[0]} and {submodule}")
        known[1].update(attrs)
        for attr in sorted(attrs):
            self.need(submodule, attr)

    def _need_import(
        self, module: _Module, node: ast.Import | ast.ImportFrom, name: str, attrs: set[str]
    ) -> None:
        if isinstance(node, ast.Import):
            alias = next(a for a in node.names if (a.asname or a.name.split(".")[0]) == name)
            root = alias.name.split(".")[0]
            if root == "f2c" and alias.asname:
                self._need_namespace(module, name, alias.name, attrs)
                return
            if root not in ALLOWED_PACKAGES:
                raise ExportError(f"{module.display_path}: the lesson code uses module {alias.name!r}")
            if alias.asname:
                self.imports[name] = f"import {alias.name} as {alias.asname}"
            else:
                self.imports[name] = f"import {alias.name}"
            return
        alias = next(a for a in node.names if (a.asname or a.name) == name)
        source_module = node.module or ""
        if node.level:
            package = module.name.rsplit(".", node.level)[0]
            source_module = f"{package}.{source_module}" if node.module else package
        root = source_module.split(".")[0]
        if root in ALLOWED_PACKAGES:
            as_part = f" as {alias.asname}" if alias.asname else ""
            self.imports[name] = f"from {source_module} import {alias.name}{as_part}"
        elif root == "f2c":
            spec = importlib.util.find_spec(source_module)
            if spec is None:
                raise ExportError(f"{module.display_path}: cannot find {source_module}")
            if spec.submodule_search_locations and importlib.util.find_spec(f"{source_module}.{alias.name}"):
                self._need_namespace(module, name, f"{source_module}.{alias.name}", attrs)
                return
            self.need(source_module, alias.name)
            if alias.asname and alias.asname != alias.name:
                self.aliases.append(f"{alias.asname} = {alias.name}")
        else:
            raise ExportError(f"{module.display_path}: the lesson code uses {source_module}.{alias.name}")

    def sections(self, last: str) -> list[tuple[_Module, str]]:
        """(module, its needed definitions in source order): the modules in the order their definitions
        were first completed (dependencies first), with `last` (the lesson) at the end."""
        order = [m for m in self.module_order if m != last] + [m for m in self.module_order if m == last]
        out = []
        for module_name in order:
            pieces = self.pieces[module_name]
            out.append((self.modules[module_name], "\n\n".join(pieces[line] for line in sorted(pieces))))
        return out

    def namespace_classes(self) -> str:
        """`class optim: SGD = SGD`: the lesson reads `optim.SGD` as in f2c, with no f2c to import."""
        if not self.namespaces:
            return ""
        blocks = [
            "\n".join(
                [f"class {name}:  # the {module_name} names the lesson uses, defined above"]
                + [f"    {attr} = {attr}" for attr in sorted(attrs)]
            )
            for name, (module_name, attrs) in self.namespaces.items()
        ]
        return "\n\n\n".join(blocks) + "\n"


def _step_name(module: _Module, stage: int) -> str:
    """The function STEPS[stage] names in the lesson (the contract's `STEPS = {1: stage1_step, ...}`)."""
    node = module.bindings.get("STEPS")
    if isinstance(node, ast.Assign) and isinstance(node.value, ast.Dict):
        for key, value in zip(node.value.keys, node.value.values):
            if isinstance(key, ast.Constant) and key.value == stage and isinstance(value, ast.Name):
                return value.id
    return f"stage{stage}_step"


# What the driver itself uses from the lesson module's namespace (it starts the parameters as the lesson's
# runner does: numpy stages 2 and 3 make them with autodiff.tensor).
DRIVER_NEEDS = {("numpy", 2): {"autodiff": {"tensor"}}, ("numpy", 3): {"autodiff": {"tensor"}}}


def lesson_closure(framework: str, stage: int) -> tuple[_Closure, str]:
    """The definitions an exported script of (framework, stage) carries, and the stage's step function's name."""
    closure = _Closure()
    lesson_name = lessons.module_name(framework)
    lesson = closure.module(lesson_name)
    step = _step_name(lesson, stage)
    roots = [
        "model",
        "loss_fn",
        *(["dloss_fn", "dmodel_dw", "dmodel_db", "grad_fn"] if stage == 1 else []),
        step,
    ]
    if stage == 3:
        roots.append("make_optimizer")
    for name in roots:
        closure.need(lesson_name, name)
    for name, attrs in DRIVER_NEEDS.get((framework, stage), {}).items():
        closure.need(lesson_name, name, attrs)
    clashes = DRIVER_NAMES & (set(closure.bound) | set(closure.namespaces) | set(closure.imports))
    if clashes:
        raise ExportError(f"lesson definitions clash with the script's driver: {sorted(clashes)}")
    return closure, step


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


# ---- The framework-specific lines of the driver --------------------------------------------------
#
# Each mirrors how the lesson's own Runner starts a run in eager mode: the tensors it makes from the
# float32 data, the parameters it starts from, and how it reads numbers back out.

_TO_TENSORS = {
    "numpy": "",
    "torch": "X = torch.from_numpy(X)\nY = torch.from_numpy(Y)\n",
    "tensorflow": "X = tf.constant(X)\nY = tf.constant(Y)\n",
}

_PARAMS = {
    ("numpy", 1): "params = np.array([W0, B0], dtype=np.float32)",
    ("numpy", 2): "params = autodiff.tensor([W0, B0], requires_grad=True)",
    ("numpy", 3): "params = autodiff.tensor([W0, B0], requires_grad=True)",
    ("torch", 1): "params = torch.tensor([W0, B0], dtype=torch.float32)",
    ("torch", 2): "params = torch.tensor([W0, B0], dtype=torch.float32, requires_grad=True)",
    ("torch", 3): "params = torch.tensor([W0, B0], dtype=torch.float32, requires_grad=True)",
    ("tensorflow", 1): "params = tf.constant([W0, B0], dtype=tf.float32)",
    ("tensorflow", 2): "params = tf.constant([W0, B0], dtype=tf.float32)",
    ("tensorflow", 3): "params = tf.Variable([W0, B0], dtype=tf.float32)",
}

_AS_FLOATS = {
    "numpy": "np.array(t, dtype=np.float64).ravel()",
    "torch": "torch.as_tensor(t).detach().to(torch.float64).numpy().ravel()",
    "tensorflow": "np.array(t, dtype=np.float64).ravel()",
}


def _normalisation_block(kind: str) -> str:
    if kind == "none":
        return "X = X_RAW  # no input normalisation: the model sees the readings as they are\n"
    if kind == "scale":
        return (
            '# Input normalisation "scale": the model sees x * 0.1 (float32), as the book this data comes from does.\n'
            "X_SHIFT, X_SCALE = 0.0, 10.0\n"
            "X = (X_RAW * np.float32(0.1)).astype(np.float32)\n"
        )
    return (
        '# Input normalisation "standardize": the model sees (x - mean) / std, computed in float64,\n'
        "# then float32 again.\n"
        "X_SHIFT = float(X_RAW.astype(np.float64).mean())\n"
        "X_SCALE = float(X_RAW.astype(np.float64).std()) or 1.0\n"
        "X = ((X_RAW.astype(np.float64) - X_SHIFT) / X_SCALE).astype(np.float32)\n"
    )


def _driver(config: RunConfig, step: str, log_every: int) -> str:
    c = config
    hyper = "optimizer" if c.stage == 3 else "learning_rate"
    lines = [
        "def as_floats(t):",
        '    """A parameter, loss or gradient as a flat float64 NumPy array (a copy), to check and print."""',
        f"    return {_AS_FLOATS[c.framework]}",
        "",
        "",
        f"def training_loop(n_epochs, {hyper}, params, X, Y):",
        '    """The article\'s loop around the lesson\'s step; returns the final (w, b) in the model\'s units."""',
        "    last_finite = None",
        "    for epoch in range(1, n_epochs + 1):",
        "        before = as_floats(params)  # w, b at the start of this epoch",
        f"        params, loss, grad = {step}(params, X, Y, {hyper})",
        "",
        "        row = np.concatenate([before, as_floats(loss), as_floats(grad)])  # w, b, loss, dL/dw, dL/db",
        "        if not np.isfinite(row).all():",
        '            print("Diverged at epoch %d: the loss is no longer a finite number." % epoch)',
        "            return last_finite  # the last finite epoch's parameters, as the app reports them",
        "        last_finite = row[:2]",
        "",
        "        if epoch % LOG_EVERY == 0:",
        "            print('Epoch %d, Loss %f' % (epoch, row[2]))",
        "",
        "    return as_floats(params)",
        "",
        "",
        "# ---- Settings (from the app) ----",
        "",
        f"EPOCHS = {int(c.epochs)}",
        f"LEARNING_RATE = {_float_literal(c.lr)}",
        f"W0, B0 = {_float_literal(c.w0)}, {_float_literal(c.b0)}",
    ]
    if c.stage == 3:
        lines.append(f"OPTIMIZER = {c.optimizer!r}")
    lines += [
        f"LOG_EVERY = {int(log_every)}",
        "",
        'if __name__ == "__main__":',
        *(f"    {line}" for line in _TO_TENSORS[c.framework].splitlines()),
        f"    {_PARAMS[(c.framework, c.stage)]}",
    ]
    if c.stage == 3:
        lines += [
            "    optimizer = make_optimizer(OPTIMIZER, params, LEARNING_RATE)",
            "    final = training_loop(EPOCHS, optimizer, params, X, Y)",
        ]
    else:
        lines.append("    final = training_loop(EPOCHS, LEARNING_RATE, params, X, Y)")
    lines += ["", "    if final is not None:", "        w, b = final"]
    if c.normalize != "none":
        lines.append("        w, b = w / X_SCALE, b - w * X_SHIFT / X_SCALE  # back to the raw input's units")
    lines.append('        print("Params: [%.4f, %.4f]  (w = %.7g, b = %.7g)" % (w, b, w, b))')
    return "\n".join(lines) + "\n"


def _header(config: RunConfig, data: Dataset, lesson: _Module, filename: str) -> str:
    c = config
    optimizer = c.optimizer if c.stage == 3 else "none (stages 1 and 2 update by hand)"
    text = [
        "# Celsius = w * reading + b, fitted by gradient descent: exported from the f2c playground.",
        "#",
        f"# {FRAMEWORK_TITLES[c.framework]}, stage {c.stage}: {STAGE_TITLES[c.stage]}.",
        f"# The functions below are f2c's own lesson code ({lesson.display_path}), copied verbatim: the",
        "# very code the app runs. Around them: the data, the settings and the article's training loop.",
        "# It prints the same log as the app: 'Epoch N, Loss L', then the final parameters.",
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
        f"# Run it:  python {filename}",
        f"# Needs:   Python 3.10+ and {REQUIREMENTS[c.framework]}",
    ]
    if c.framework == "tensorflow":
        text.append(
            "# TensorFlow prints start-up notes on stderr; TF_CPP_MIN_LOG_LEVEL=2 hides most of them."
        )
    return "\n".join(text) + "\n"


def script_filename(config: RunConfig) -> str:
    suffix = f"_{config.optimizer}" if config.stage == 3 else ""
    return f"f2c_{config.framework}_stage{config.stage}{suffix}.py"


def export_script(config: RunConfig, data: Dataset, log_every: int = 30000) -> str:
    """A standalone script that trains `config` on `data` and prints the app's log every `log_every` epochs."""
    c = config
    if c.framework not in FRAMEWORKS or c.stage not in STAGES or c.optimizer not in OPTIMIZERS:
        raise ExportError("not a validated RunConfig")
    if c.normalize not in NORMALIZE:
        raise ExportError("not a validated RunConfig")
    if isinstance(log_every, bool) or not isinstance(log_every, int) or log_every < 1:
        raise ValueError("log_every must be a whole number >= 1")
    closure, step = lesson_closure(c.framework, c.stage)
    lesson = closure.module(lessons.module_name(c.framework))

    framework_import = {"torch": "import torch", "tensorflow": "import tensorflow as tf"}.get(c.framework)
    imports = ["import numpy as np", *([framework_import] if framework_import else [])]
    imports += sorted(set(closure.imports.values()) - set(imports))

    parts = [_header(c, data, lesson, script_filename(c))]
    sections = closure.sections(last=lesson.name)
    if any(_has_annotations(source) for _, source in sections):
        parts.append("from __future__ import annotations\n")
    parts.append("\n".join(imports) + "\n")
    parts.append(
        "# ---- The data: x is the reading, y is Celsius (float32, as the article trains) ----\n\n"
        f"X_RAW = np.array({_number_list(data.x)}, dtype=np.float32)\n"
        f"Y = np.array({_number_list(data.y)}, dtype=np.float32)\n\n" + _normalisation_block(c.normalize)
    )
    for module, source in sections:
        if module is lesson and closure.namespaces:
            parts.append(closure.namespace_classes())
        what = "the lesson the app runs" if module is lesson else "used by the lesson"
        parts.append(f"# ---- From {module.display_path} ({what}), verbatim ----\n\n{source}")
    if closure.aliases:
        parts.append("\n".join(closure.aliases) + "\n")
    parts.append("# ---- The training loop, in the article's style ----\n\n" + _driver(c, step, log_every))
    script = "\n\n".join(part.rstrip("\n") + "\n" for part in parts)
    compile(script, script_filename(c), "exec", dont_inherit=True)  # never hand out invalid Python
    return script


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
