import threading
import time

from f2c.core.config import RunConfig
from f2c.core.data import Dataset, article
from f2c.runtime import training as train
from f2c.runtime.shared_runs import ComputeSlots, ResultCache


def finished(config, data=None):
    return train.run(config, data).run_to_end()


def test_a_finished_run_is_shared_by_setup_and_data():
    cache = ResultCache()
    config = RunConfig(epochs=100)
    run = finished(config)
    cache.put(run)
    assert cache.get(RunConfig(epochs=100), article()) is run
    assert cache.get(RunConfig(epochs=101), article()) is None
    other = Dataset([1.0, 2.0, 3.0], [1.0, 2.0, 3.5])
    assert cache.get(config, other) is None
    assert (cache.hits, cache.misses) == (1, 2)


def test_unfinished_runs_are_not_shared():
    cache = ResultCache()
    run = train.run(RunConfig(epochs=1000))
    run.step(10)
    cache.put(run)
    assert len(cache) == 0


def test_cache_is_bounded_least_recently_used_first():
    runs = [finished(RunConfig(epochs=1000 + i)) for i in range(4)]
    size = runs[0].trajectory.nbytes + 4096
    cache = ResultCache(max_bytes=int(2.5 * size))
    for run in runs[:3]:
        cache.put(run)
    assert len(cache) == 2 and cache.nbytes <= cache.max_bytes
    cache.get(runs[1].config, article())  # runs[1] is now the most recent
    cache.put(runs[3])
    assert cache.get(runs[1].config, article()) is runs[1]
    assert cache.get(runs[2].config, article()) is None


def test_slots_limit_concurrency_and_report_waiting():
    slots = ComputeSlots(2)
    peak = []
    waited = []
    lock = threading.Lock()

    def work(i):
        with slots.slot(on_wait=waited.append):
            with lock:
                peak.append(slots.busy)
            time.sleep(0.05)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(timeout=10)
    assert max(peak) <= 2 and len(peak) == 6
    assert len(waited) >= 1 and slots.waiting == 0 and slots.busy == 0
