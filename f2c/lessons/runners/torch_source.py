"""What PyTorch's modes show as their source (the Lesson protocol's `source`), read from the files by
f2c.lessons.texts, not through inspect: a server whose torch runs compute in the torch child shows them
without importing torch."""

from __future__ import annotations

from f2c.lessons import ModeUnavailable, texts

LESSON = "f2c.lessons.torch_lesson"
COMPILED = "f2c.lessons.runners.torch_compiled"
RUNNER = "f2c.lessons.runners.torch_runner"


def eager_text(module: str, stage: int, optimizer: str) -> str:
    """runners.eager_source, read from the file: STEPS[stage] as written, for stage 3 with its optimizer."""
    text = texts.function(module, texts.table(module, "STEPS")[stage])
    if stage == 3:
        text = f"# Stage 3: optimizer = make_optimizer({optimizer!r}, params, learning_rate)\n" + text
    return text


def source(stage, optimizer, mode):
    """The step function in eager mode; in mode "compiled" the pure step and, for stage 3, the optimizer's
    update function that torch.compile unrolls into each chunk."""
    if mode == "eager":
        return eager_text(LESSON, stage, optimizer)
    if mode != "compiled":
        raise ModeUnavailable(f"torch has no mode {mode!r}")
    chunk = texts.constant(RUNNER, "CHUNK")
    parts = [f"# Mode 'compiled': torch.compile unrolls {chunk} epochs of this into one fused kernel."]
    parts.append(texts.function(COMPILED, texts.table(COMPILED, "COMPILED_STEPS")[stage]))
    if stage == 3:
        update = texts.table(COMPILED, "OPTIMIZER_UPDATES")[optimizer]
        parts.append(f"# optimizer {optimizer!r}:\n" + texts.function(COMPILED, update))
    return "\n\n".join(parts)
