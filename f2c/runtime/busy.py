"""How busy the server is for one run: how many runs are ahead of it or share its compute, and how long the
rest of it should take, from its recent chunk times (the page says so, f2c.ui.player.notes)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Busy:
    ahead: int  # other runs ahead in the queue for a compute slot, or taking turns in the same child
    seconds: float | None  # expected seconds to the run's end; None until it has computed a chunk


def report(run, worker) -> Busy | None:
    """None when the run has its compute to itself (or is not computing)."""
    if run is None or worker is None or run.finished or not worker.alive:
        return None
    process = getattr(run._runner, "process", None)
    if process is not None and run.streams and worker.rate is None:
        # Streams in one child take turns chunk by chunk: each gets 1/streams of it.
        sharing = process.streaming
        ahead, share = sharing - 1, max(sharing, 1)
    else:
        slots = worker.slots
        contenders = slots.busy + slots.waiting  # ours among them while it computes or waits
        if worker.queue_position is not None:
            ahead = worker.queue_position + slots.busy
        else:
            ahead = max(contenders - 1, 0) if contenders > slots.slots else 0
        share = max(contenders / slots.slots, 1.0)
    if ahead <= 0:
        return None
    return Busy(ahead, _seconds_left(run, share))


def _seconds_left(run, share: float) -> float | None:
    epochs = sum(n for n, _ in run.recent)
    if epochs <= 0:
        return None
    per_epoch = sum(seconds for _, seconds in run.recent) / epochs
    left = run.config.epochs - len(run.trajectory)
    return left * per_epoch * share
