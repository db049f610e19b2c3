"""The guided path's content, below the page: every framework's cells against the article, every question's
feedback right and wrong, and the float32 stall the last question explains."""

from __future__ import annotations

import pytest

from f2c.core.data import article
from f2c.core.float32 import moves, stall
from f2c.core.i18n import LANGS, t
from f2c.explain import guide, questions
from f2c.lessons import cells

CELL_STEPS = [step[1] for step in guide.STEPS if step[0] == "cell"]


def test_the_path_follows_the_articles_order():
    assert CELL_STEPS == [c for c in cells.CELLS]
    assert [s[0] for s in guide.STEPS].count("fit") == 1 and [s[0] for s in guide.STEPS].count(
        "derivative"
    ) == 1
    assert set(guide.STAGE) == set(range(len(guide.STEPS)))
    assert len(questions.QUESTIONS) >= 10
    assert set(questions.AT) <= set(CELL_STEPS)
    assert sorted(q for qs in questions.AT.values() for q in qs) == sorted(questions.BY_ID)


@pytest.mark.parametrize("framework", guide.FRAMEWORKS)
def test_every_cell_runs_live_and_matches_the_article(framework):
    for name in CELL_STEPS:
        result = guide.run_cell(framework, name)
        assert result.text
        if framework == "tensorflow" and name == "zeroing":  # the article prints nothing here
            assert result.matches is None and "RuntimeError" in result.text
            continue
        assert result.matches, (framework, name, result.numbers, result.article_numbers)
        source = guide.cell_source(framework, name)
        assert f"def {name}(" in source
        if name in cells.LOOP_STAGE:
            assert f"def stage{cells.LOOP_STAGE[name]}_step(" in source


def test_a_wrong_output_is_not_called_a_match():
    good = guide.run_cell("numpy", "stage1_loop")
    assert guide.numbers_match(good.numbers, good.article_numbers, 11)
    off = list(good.numbers)
    off[3] *= 1 + 2e-5  # one logged loss 2e-5 relative away
    assert not guide.numbers_match(off, good.article_numbers, 11)
    off = list(good.numbers)
    off[-1] += 2e-4  # b 2e-4 away
    assert not guide.numbers_match(off, good.article_numbers, 11)
    assert not guide.numbers_match(good.numbers[:-1], good.article_numbers, 11)


def _wrong(q, framework):
    if q.kind == "number":
        return str(q.right_answer(framework) * 1.5)
    return next(o for o in q.options if o != q.right_answer(framework))


@pytest.mark.parametrize("framework", guide.FRAMEWORKS)
def test_every_question_right_and_wrong(framework):
    for q in questions.QUESTIONS:
        right = questions.check(
            q.id,
            str(q.right_answer(framework)) if q.kind == "number" else q.right_answer(framework),
            framework,
        )
        wrong = questions.check(q.id, _wrong(q, framework), framework)
        assert right.correct and right.key == f"gq.{q.id}.right"
        assert not wrong.correct and wrong.key == f"gq.{q.id}.wrong"
        for lang in LANGS:
            for fb in (right, wrong):
                text = t(fb.key, lang, **fb.kwargs)
                assert "{" not in text, (q.id, lang, text)


def test_feedback_quotes_the_apps_numbers():
    fb = questions.check("loss_start", "1000", "torch")
    live = guide.run_cell("torch", "loss_at_start").numbers[
        0
    ]  # today's torch: 1763.8848, the article 1763.8846
    assert abs(live - 1763.8846) <= 1e-5 * 1763.8846
    assert f"{live:.4f}" in t(fb.key, "en", **fb.kwargs)
    fb = questions.check("plateau", "condition", "numpy")
    assert "33,599" in t(fb.key, "en", **fb.kwargs)
    fb = questions.check("two_backward", "twice", "numpy")
    assert fb.correct and "9034.59" in t(fb.key, "en", **fb.kwargs)
    assert questions.check("two_backward", "same", "tensorflow").correct
    runs = questions.diverge_runs()
    assert runs["1e-4"] < 30 and runs["3e-4"] < 30 and not runs["4e-4"] < 1e6


def test_numbers_typed_are_read_not_run():
    assert questions.parse_number("1,763.88") == pytest.approx(1763.88)
    assert questions.parse_number("1.76e3") == pytest.approx(1760.0)
    for text in ("__import__('os')", "1+1", "", "nan", "inf", "x" * 100, None):
        assert questions.parse_number(text) is None


def test_float32_stall_at_the_end_of_the_articles_run():
    d = article()
    s = stall(d.x, d.y, 0.5358124, -17.250313, 1e-4)
    assert s.spacing_b == pytest.approx(2**-19) and s.spacing_w == pytest.approx(2**-24)
    assert s.frozen  # every further epoch rounds back to the same float32 parameters
    assert not stall(d.x, d.y, 1.0, 0.01, 1e-4).frozen
    assert moves(1.0, 0.01, 1e-4 * 4518.33, 1e-4 * 82.62) == (True, True)


def test_every_new_string_exists_in_both_languages():
    from f2c.core.i18n import STRINGS

    ours = [k for k in STRINGS if k.split(".")[0] in ("guide", "gq", "expr", "der") or k.endswith("32")]
    assert len(ours) > 100
    for key in ours + [f"in.stab.float32_{s}" for s in ("stall", "ok")]:
        entry = STRINGS[key]
        assert entry["zh"] and entry["en"], key
