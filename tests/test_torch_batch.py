"""torch runs computed together (f2c.lessons.runners.torch_batch): each member's rows equal the same run
alone, whatever its learning rate, start, epochs and data; a diverging member leaves at its epoch; the
compute child batches torch streams once the batched chunk is compiled, and asks for it when runs queue."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import pytest
from test_batch import assert_same_as_alone, run_batched

from f2c.core.data import article
from f2c.core.normalize import Normalizer
from f2c.lessons.runners import torch_batch as TB
from f2c.lessons.runners import torch_runner as R
from f2c.runtime import compute_child

DATA = article()
X = np.asarray(DATA.x, np.float32)
Y = np.asarray(DATA.y, np.float32)


def member(stage, optimizer, lr, w0, b0, normalize="none"):
    x = Normalizer.fit(normalize, X).transform(X).astype(np.float32)
    return R.make_runner(stage, optimizer, lr, w0, b0, x, Y, "compiled")


# Learning rate, start, epochs, normalisation: a crawl, the article's run, a diverging rate (from epoch 11
# unnormalised), a run shorter than one batched call, and one scaled.
MEMBERS = [
    (1e-6, 1.0, 0.01, 700, "none"),
    (1e-4, 1.0, 0.01, 2_000, "none"),
    (1e-2, 1.0, 0.01, 1_500, "none"),
    (3e-4, -2.0, 5.0, 5, "none"),
    (0.05, 0.3, -1.0, 1_234, "scale"),
]


@pytest.mark.parametrize(("stage", "optimizer"), [(2, "sgd"), (3, "adam")])
def test_each_member_of_a_torch_batch_gives_the_rows_it_gives_alone(stage, optimizer):
    lr_adam = {"adam": 10.0}  # Adam's steps are about lr: a rate that moves w, b visibly in 2,000 epochs
    settings = [(lr * lr_adam.get(optimizer, 1.0), *rest) for lr, *rest in MEMBERS]
    TB.build(
        R._chunk_key(stage, optimizer, len(X))
    )  # compile now (the compute child does it behind the runs)
    runners = [member(stage, optimizer, lr, w0, b0, norm) for lr, w0, b0, _, norm in settings]
    epochs = [e for *_, e, _ in settings]
    batched = run_batched(runners, epochs, chunk=500)  # members leave as their epochs run out
    for runner, rows, (lr, w0, b0, e, norm) in zip(runners, batched, settings):
        solo = member(stage, optimizer, lr, w0, b0, norm)
        alone = solo.run(e)
        assert_same_as_alone(rows, alone)
        if np.isfinite(alone).all():
            assert runner.params() == solo.params()  # its state came back from the batch, to the bit
    if optimizer == "sgd":
        assert len(batched[2]) < MEMBERS[2][3]  # the diverging rate left the batch early


def test_more_runs_than_a_batch_holds_are_refused():
    runners = [member(1, "sgd", 1e-4, 1.0, 0.01)] * (TB.BATCH + 1)
    with pytest.raises(ValueError, match="at most"):
        TB.run_batch(runners, [10] * len(runners))


class Fake:
    """A runner as the compute child sees it: a batch key once its batched loop is ready."""

    def __init__(self, key=None, max_batch=None):
        self.batch_key, self.max_batch, self.wanted = key, max_batch, 0

    def want_batch(self):
        self.wanted += 1


def test_the_child_asks_for_a_batched_loop_when_runs_queue_and_caps_the_batch():
    class Stream:
        pass

    runners = OrderedDict((k, Fake()) for k in range(3))
    streams = OrderedDict((k, Stream()) for k in range(3))
    assert compute_child._next_batch(runners, streams) == [0]  # no batched loop yet: one at a time
    assert runners[0].wanted == 1  # and the class asked for one
    alone = OrderedDict([(9, Fake())])
    compute_child._next_batch(alone, OrderedDict([(9, Stream())]))
    assert alone[9].wanted == 0  # one run alone never compiles a batch

    ready = OrderedDict((k, Fake(key="b", max_batch=2)) for k in range(5))
    keys = compute_child._next_batch(ready, OrderedDict((k, Stream()) for k in range(5)))
    assert keys == [0, 1]  # at most max_batch in one call; the others come next in turn


def test_a_batch_runs_one_chunk_size_so_a_member_that_just_joined_keeps_pace():
    calls = []

    class Batched(Fake):
        def __init__(self):
            super().__init__(key="b")

        def run_batch(self, members, counts):
            calls.append(list(counts))
            if len(calls) > 1:
                raise RuntimeError("enough")  # ends every stream, and then the loop (no more requests)
            return [np.zeros((c, 5)) for c in counts]

    class Conn:
        sent = []

        def poll(self, timeout):
            return False

        def recv(self):
            raise EOFError

        def send(self, message):
            self.sent.append(message[0])

    runners = OrderedDict((k, Batched()) for k in range(2))
    streams = OrderedDict((k, compute_child._Stream(10_000_000, 0.02)) for k in range(2))
    streams[0].n, streams[1].n = 1_000, 64  # stream 1 has just joined with the first chunk's size
    with pytest.raises(EOFError):
        compute_child._loop(Conn(), None, runners, streams)
    assert calls[0] == [1_000, 1_000]  # not [1_000, 64]: its own size would shrink to a few epochs
    assert len(set(calls[1])) == 1  # and both grew to one size again
    assert Conn.sent.count("chunk") == 2 and Conn.sent.count("end") == 2
