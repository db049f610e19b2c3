"""The guided path under AppTest: the whole path walked in both languages, every cell's output held to the
article, every question answered wrong and then right, the student's derivative, fit-it-yourself, leaving."""

from __future__ import annotations

import pytest
from apptest import app

from f2c.core import analysis
from f2c.core.data import article
from f2c.core.i18n import t
from f2c.explain import guide, questions
from f2c.ui.settings import escape


def texts(elements) -> list[str]:
    return [e.value for e in elements]


def answer(at, q, framework: str, right: bool):
    key = f"f2c_gq_{q.id}"
    expected = q.right_answer(framework)
    if q.kind == "number":
        at.text_input(key=key).input(str(expected if right else expected * 1.5))
    else:
        at.radio(key=key).set_value(expected if right else next(o for o in q.options if o != expected))
    return at.button(key=f"f2c_gq_check_{q.id}").click().run()


def walk(at, framework: str, lang: str) -> int:
    """Every step: answer each question wrong then right, run the cell, hold it to the article."""
    cells_seen = 0
    for i, step in enumerate(guide.STEPS):
        assert t("guide.progress", lang, i=i + 1, n=len(guide.STEPS)) in [
            p.proto.text for p in at.get("progress")
        ]
        if step[0] == "cell":
            name = step[1]
            assert at.subheader[0].value == t(f"guide.cell.{name}.title", lang)
            assert guide.cell_source(framework, name).strip() in [c.strip() for c in texts(at.code)]
            # Step 1's long comments were cut at the right edge, to be read only by scrolling sideways.
            assert all(c.proto.wrap_lines for c in at.code), name
            for qid in questions.AT.get(name, ()):
                q = questions.BY_ID[qid]
                for right in (False, True):
                    at = answer(at, q, framework, right)
                    fb = questions.check(qid, at.session_state["f2c_guide_checked"][qid], framework)
                    assert fb.correct is right
                    shown = texts(at.success if right else at.error)
                    assert escape(t(fb.key, lang, **fb.kwargs)) in shown, (qid, right, shown)
            at = at.button(key=f"f2c_guide_run_{framework}_{name}").click().run()
            assert not at.exception, at.exception
            result = guide.run_cell(framework, name)
            assert {result.text.strip(), result.article_text.strip()} <= {c.strip() for c in texts(at.code)}
            if result.matches is None:
                assert t("guide.no_article", lang) in texts(at.info)
            else:
                assert result.matches, (framework, name)
                assert t("guide.match", lang, worst=result.worst) in texts(at.success)
            cells_seen += 1
        if i < len(guide.STEPS) - 1:
            at = at.button(key="f2c_guide_next_bottom").click().run()
            assert not at.exception, at.exception
    assert at.button(key="f2c_guide_next_bottom").disabled
    return cells_seen


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_whole_path_in_numpy(lang):
    at = app(guide="1", lang=lang)
    assert at.title[0].value == t("guide.title", lang)
    assert at.button(key="f2c_guide_next_top").label == t("guide.next", lang)
    assert walk(at, "numpy", lang) == 12


def test_the_whole_path_in_tensorflow():
    at = app(guide="1", fw="tensorflow")
    at.segmented_control(key="f2c_guide_fw").set_value("tensorflow").run()
    assert walk(at, "tensorflow", "en") == 12


def test_next_is_named_next_and_back_goes_back_and_never_blocks():
    at = app(guide="1")
    assert at.button(key="f2c_guide_next_bottom").label == "Next"
    assert at.button(key="f2c_guide_back_top").disabled
    at = at.button(key="f2c_guide_next_top").click().run()
    at = at.button(key="f2c_guide_next_top").click().run()
    assert at.subheader[0].value == "Fit it yourself"
    at = at.button(key="f2c_guide_back_bottom").click().run()
    assert at.subheader[0].value == "The model"


def _go(at, kind: str):
    while guide.STEPS[at.session_state["f2c_guide_step"]][0] != kind:
        at = at.button(key="f2c_guide_next_top").click().run()
    return at


def test_fit_it_yourself_shows_the_loss_and_runs_from_the_guess():
    d = article()
    at = _go(app(guide="1"), "fit")
    at.slider(key="f2c_guide_w").set_value(0.5).run()
    at.slider(key="f2c_guide_b").set_value(-10.0).run()
    assert at.metric[0].value == f"{float(analysis.loss_at(d.x, d.y, 0.5, -10.0)):.4f}"
    at = at.button(key="f2c_guide_fit_run").click().run()
    assert not at.exception, at.exception
    (w0, b0), losses, (w, b) = at.session_state["f2c_guide_fit_result"]
    assert (w0, b0) == (0.5, -10.0) and losses[-1] < 3.0
    assert any("training ends at" in s for s in texts(at.success))
    at = at.button(key="f2c_guide_leave_top").click().run()  # the guess is carried into the playground
    assert "guide" not in at.query_params
    assert at.session_state["f2c_w0"] == 0.5 and at.session_state["f2c_b0"] == -10.0
    assert at.title[0].value.startswith("How deep-learning")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_write_the_derivative(lang):
    at = _go(app(guide="1", lang=lang), "derivative")
    labels = [w.label for w in at.text_input]
    assert labels == ["dL/dw", "dL/db"]
    at.text_input(key="f2c_guide_dw").input("-mean(2*(w*x + b - y)*x)")
    at.text_input(key="f2c_guide_db").input("__import__('os')")
    at = at.button(key="f2c_guide_der_check").click().run()
    errors = texts(at.error)
    assert any(escape(t("expr.call", lang, names="mean, sum")) in e for e in errors)
    assert not at.table  # an input error stops before any comparison
    at.text_input(key="f2c_guide_db").input("2*mean(y_hat - y)")
    at = at.button(key="f2c_guide_der_check").click().run()
    assert any(escape(t("der.hint.sign", lang)) in e for e in texts(at.error))
    assert len(at.table) == 1  # where they differ: yours against autograd at every point
    assert f"dL/db: {t('guide.der.correct', lang)}" in texts(at.success)
    at.segmented_control(key="f2c_guide_der_epochs").set_value(30_000).run()
    at = at.button(key="f2c_guide_der_train").click().run()  # what a wrong gradient does: it runs away
    log, _ = at.session_state["f2c_guide_der_run"]
    assert log[-1][0] < 30_000
    assert t("guide.der.diverged", lang, epoch=log[-1][0]) in texts(at.error)
    at.text_input(key="f2c_guide_dw").input("mean(2*(w*x + b - y)*x)")
    at = at.button(key="f2c_guide_der_check").click().run()
    assert f"dL/dw: {t('guide.der.correct', lang)}" in texts(at.success)
    assert t("guide.der.correct_long", lang, n=5) in texts(at.success)
    at = at.button(key="f2c_guide_der_train").click().run()
    log, _ = at.session_state["f2c_guide_der_run"]
    assert log[0][0] == 30_000 and abs(log[0][1] - 12.095908) <= 1e-5 * 12.095908
    assert "Epoch 30000, Loss 12.0959" in texts(at.code)[-2]


def test_the_main_page_has_a_clear_way_in():
    at = app()
    entry = at.button(key="f2c_guide_entry")
    assert entry.label == t("guide.entry", "en")
    at = entry.click().run()
    assert at.query_params["guide"] in ("1", ["1"])
    assert at.title[0].value == t("guide.title", "en")
