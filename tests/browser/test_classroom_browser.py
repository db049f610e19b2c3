"""The classroom in Chromium: the Chinese and English pages, a teacher's link, and an upload refused."""

from __future__ import annotations

from .harness import wait_ready


def exceptions(page) -> int:
    return len(page.query_selector_all('[data-testid="stException"]'))


def test_chinese_and_english_pages(app_url, page, shots):
    page.goto(f"{app_url}/?lang=zh&preset=fahrenheit&val=0.25")
    wait_ready(page)
    page.wait_for_function("document.body.innerText.includes('真正的华氏温度')", timeout=30_000)
    text = page.inner_text("body")
    for words in ("深度学习框架", "数据来源", "训练集 15 个点,验证集 5 个点", "训练损失"):
        assert words in text, words
    page.screenshot(path=str(shots / "classroom_zh.png"), full_page=True)
    page.goto(f"{app_url}/?lang=en&preset=fahrenheit&val=0.25")
    wait_ready(page)
    page.wait_for_function("document.body.innerText.includes('True Fahrenheit')", timeout=30_000)
    text = page.inner_text("body")
    for words in ("How deep-learning", "Where the points come from", "15 training points", "Training loss"):
        assert words in text, words
    assert exceptions(page) == 0
    page.screenshot(path=str(shots / "classroom_en.png"), full_page=True)


def test_teacher_mode_hides_and_locks_and_presents(app_url, page, shots):
    page.goto(
        f"{app_url}/?lang=en&hide=lr,epochs,preset&lock=framework,stage&present=1&framework=torch"
        "&%3Cb%3Efoo%3C/b%3E=1&lr=%5Bx%5D(javascript:alert(1))"
    )
    wait_ready(page)
    # the sidebar starts collapsed in the presentation layout: open it to see the controls
    page.wait_for_selector('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"]')
    page.wait_for_function("document.body.innerText.includes('“<b>foo</b>”')", timeout=30_000)
    text = page.inner_text("body")
    assert "[x](javascript:alert(1))" in text  # the bad value, shown as plain text
    assert not page.query_selector("[data-testid='stAlert'] b")  # no markup from the address
    assert not page.query_selector("[data-testid='stAlert'] a")
    size = page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('[data-testid=\"f2c-readout-b\"]')).fontSize)"
    )
    assert size >= 40, size
    page.screenshot(path=str(shots / "teacher_present_en.png"), full_page=True)
    page.locator(
        '[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"] button'
    ).first.click()
    page.wait_for_selector('[data-testid="stSidebar"] >> text=fixed by the teacher', timeout=10_000)
    sidebar = page.inner_text('[data-testid="stSidebar"]')
    assert (
        "Learning rate" not in sidebar
        and "Epochs" not in sidebar
        and "Where the points come from" not in sidebar
    )
    radios = page.query_selector_all('[data-testid="stSidebar"] [role="radiogroup"] input')
    assert radios and all(r.is_disabled() for r in radios)
    page.screenshot(path=str(shots / "teacher_sidebar_en.png"), full_page=True)
    assert exceptions(page) == 0


def test_upload_error_names_the_row(app_url, page, shots, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n1,2\n3,abc\n", encoding="utf-8")
    page.goto(f"{app_url}/?lang=zh")
    wait_ready(page)
    page.get_by_text("上传 CSV 文件").click()
    page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached", timeout=15_000)
    page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', str(bad))
    page.wait_for_function("document.body.innerText.includes('第 3 行不是数字')", timeout=30_000)
    page.screenshot(path=str(shots / "upload_error_zh.png"), full_page=True)
    assert exceptions(page) == 0
