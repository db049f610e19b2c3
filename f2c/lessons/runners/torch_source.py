"""What PyTorch's modes show as their source (the Lesson protocol's `source`), read from the files by
f2c.lessons.texts, not through inspect: a server whose torch runs compute in the torch child shows them
without importing torch."""

from __future__ import annotations

from f2c.lessons import ModeUnavailable, texts
from f2c.lessons.runners import with_optimizer

COMPILED = "f2c.lessons.runners.torch_compiled"
RUNNER = "f2c.lessons.runners.torch_runner"


def source(stage, optimizer, mode):
    """The step function in eager mode; in mode "compiled" the pure step and, for stage 3, the optimizer's
    update function that torch.compile unrolls into each chunk."""
    if mode == "eager":
        return with_optimizer(texts.step("torch", stage)[1], stage, optimizer)
    if mode != "compiled":
        raise ModeUnavailable(f"torch has no mode {mode!r}")
    chunk = texts.constant(RUNNER, "CHUNK")
    parts = [f"# Mode 'compiled': torch.compile unrolls {chunk} epochs of this into one fused kernel."]
    parts.append(texts.function(COMPILED, texts.table(COMPILED, "COMPILED_STEPS")[stage]))
    if stage == 3:
        update = texts.table(COMPILED, "OPTIMIZER_UPDATES")[optimizer]
        parts.append(f"# optimizer {optimizer!r}:\n" + texts.function(COMPILED, update))
    return "\n\n".join(parts)
