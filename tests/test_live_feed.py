"""The live player's data contract (f2c/render/live.py): what a run sends the browser, block by block."""

from __future__ import annotations

import json

import numpy as np

from f2c.render import live


def identity(w, b):
    return w, b


def rows_for(epochs: np.ndarray) -> np.ndarray:
    e = epochs.astype(np.float64)
    return np.column_stack([1 / e, -1 / e, 100 / e, -1 / e**2, 1 / e**2])


def stream(epochs: np.ndarray, rows: np.ndarray, pieces: int, max_rows: int = live.MAX_BLOCK_ROWS):
    """Feed a growing trajectory in `pieces` steps, as the server does while a run computes; all blocks."""
    feed, blocks = live.Feed("r1"), []
    for end in np.linspace(0, len(epochs), pieces + 1).astype(int)[1:]:
        blocks.append(feed.next_block(epochs[:end], rows[:end], identity, max_rows=max_rows))
    while True:  # what is left after the run ends goes out block by block
        block = feed.next_block(epochs, rows, identity, max_rows=max_rows)
        if block["rows"] is None:
            break
        blocks.append(block)
    return feed, blocks


def sent_epochs(blocks) -> list[int]:
    return [e for block in blocks if block["rows"] for e in block["rows"]["e"]]


def test_thinning_keeps_every_early_epoch_the_logged_ones_and_the_last():
    epochs = np.arange(1, 330_001)
    _, blocks = stream(epochs, rows_for(epochs), pieces=37)
    sent = sent_epochs(blocks)
    assert sent == sorted(set(sent))  # in order, none twice
    assert sent[: live.EARLY] == list(range(1, live.EARLY + 1))
    assert set(range(30_000, 330_001, 30_000)) <= set(sent)
    assert sent[-1] == 330_000
    # Later rows are spread evenly in log(epoch): no gap wider than a couple of buckets.
    late = np.log(np.array([e for e in sent if e > live.EARLY], dtype=float))
    assert np.diff(late).max() < 3 / live.PER_EFOLD
    assert len(sent) < 5_000


def test_blocks_chain_and_each_holds_the_newest_epoch_at_the_time():
    epochs = np.arange(1, 50_001)
    rows = rows_for(epochs)
    feed = live.Feed("r1")
    sent = 0
    for end in (10, 11, 500, 2_000, 50_000):
        block = feed.next_block(epochs[:end], rows[:end], identity, max_rows=10**6)
        assert block["from"] == sent and block["run"] == "r1"
        sent += len(block["rows"]["e"])
        assert block["rows"]["e"][-1] == end
    assert feed.next_block(epochs, rows, identity)["rows"] is None  # nothing new: nothing sent


def test_a_million_epochs_stay_small_in_all_and_in_every_block():
    epochs = np.arange(1, 1_000_001)
    _, blocks = stream(epochs, rows_for(epochs), pieces=60)
    sizes = [len(json.dumps(block)) for block in blocks]
    assert max(sizes) <= 55_000
    assert sum(sizes) < 600_000
    assert max(len(b["rows"]["e"]) for b in blocks if b["rows"]) <= live.MAX_BLOCK_ROWS
    assert sent_epochs(blocks)[-1] == 1_000_000


def test_a_whole_run_at_once_still_goes_out_in_bounded_blocks():
    epochs = np.arange(1, 330_001)
    _, blocks = stream(epochs, rows_for(epochs), pieces=1)
    assert len(blocks) > 1
    assert all(len(json.dumps(block)) <= 55_000 for block in blocks)
    assert sent_epochs(blocks)[-1] == 330_000


def test_no_nan_or_infinity_is_ever_sent_a_diverged_run_stops_at_its_last_finite_epoch():
    epochs = np.arange(1, 1_001)
    rows = rows_for(epochs)
    rows[700:, 2] = np.inf
    rows[800:] = np.nan
    feed, blocks = stream(epochs, rows, pieces=5)
    text = "".join(json.dumps(block, allow_nan=False) for block in blocks)  # raises on NaN / inf
    assert "NaN" not in text and "Infinity" not in text
    assert sent_epochs(blocks)[-1] == 700
    assert feed.stopped
    assert feed.next_block(epochs, rows, identity)["rows"] is None


def test_a_thinned_trajectory_is_followed_by_epoch_not_by_position():
    # The server's trajectory thins itself past 200,000 rows: what was sent stays valid, nothing repeats.
    epochs = np.arange(1, 100_001)
    feed = live.Feed("r1")
    first = feed.next_block(epochs, rows_for(epochs), identity, max_rows=10**6)
    thinned = np.concatenate([np.arange(1, 1_001), np.arange(1_002, 200_001, 2)])
    second = feed.next_block(thinned, rows_for(thinned), identity, max_rows=10**6)
    assert first["rows"]["e"][-1] == 100_000 and second["rows"]["e"][0] > 100_000
    assert second["from"] == len(first["rows"]["e"])


def test_numbers_keep_float32_precision_and_columns_carry_the_raw_line_and_validation():
    epochs = np.arange(1, 4)
    rows = np.array([[0.5357999801635742, -17.250259399414062, 2.9279, 1e-7, -3.0]] * 3)
    block = live.Feed("r1").next_block(
        epochs, rows, lambda w, b: (w * 2, b * 2), validation=lambda w, b: w * 0 + 4.5
    )
    r = block["rows"]
    assert set(r) == set(live.COLUMNS)
    assert np.float32(r["w"][0]) == np.float32(0.5357999801635742)
    assert r["rw"][0] == float(f"{2 * 0.5357999801635742:.9g}") and r["vl"] == [4.5, 4.5, 4.5]


class Browser:
    """What the player (player.js, update()) keeps of the blocks it is given: the same rule, in Python."""

    def __init__(self) -> None:
        self.epochs: list[int] = []

    def take(self, block) -> str:
        rows, skip = block["rows"], len(self.epochs) - block["from"]
        last = self.epochs[-1] if self.epochs else 0
        if rows is None:
            return "gap" if skip < 0 else "ok"
        e = rows["e"]
        fits = 0 <= skip <= len(e) and (e[0] > last if skip == 0 else e[skip - 1] == last)
        if not fits:
            return "gap"
        self.epochs += e[skip:]
        return "ok"


def test_an_update_the_page_never_drew_is_carried_by_the_next():
    epochs = np.arange(1, 200_001)
    rows = rows_for(epochs)
    feed, page = live.Feed("r1"), Browser()
    for i, end in enumerate(range(2_000, len(epochs) + 1, 2_000)):
        block = feed.with_overlap(feed.next_block(epochs[:end], rows[:end], identity))
        assert len(json.dumps(block)) <= 55_000
        if i < 10 or i % 3 != 1:  # past the start, one update in three is overtaken before it is drawn
            assert page.take(block) == "ok"
            assert page.epochs[-1] == feed.after  # all the server has sent so far
    assert page.epochs == sorted(set(page.epochs))


def test_a_browser_that_lost_rows_is_sent_on_from_its_own_last_row():
    # The browser lost updates and has 300 rows; the server's feed has gone on. Started again from
    # epoch 0, the feed would number rows differently (FILL rows depend on where blocks began): the
    # browser, holding more rows than the new feed's whole run, would take the end as reached.
    epochs = np.arange(1, 330_001)
    rows = rows_for(epochs)
    feed, page = live.Feed("r1"), Browser()
    for end in np.linspace(1_000, len(epochs), 40).astype(int):
        block = feed.next_block(epochs[:end], rows[:end], identity)
        if len(page.epochs) < 300:
            page.take(block)
    assert page.take(feed.next_block(epochs, rows, identity)) == "gap"
    feed.resume(len(page.epochs), page.epochs[-1])
    while (block := feed.next_block(epochs, rows, identity))["rows"] is not None:
        assert page.take(block) == "ok"
    assert page.epochs[-1] == 330_000
    assert page.epochs == sorted(set(page.epochs))
