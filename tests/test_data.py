import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from f2c.data import ARTICLE_X, MAX_BYTES, DataError, Dataset, article, parse_csv
from f2c.i18n import LANGS, t


def test_article_data_is_float32():
    d = article()
    assert d.x.dtype == np.float32 and d.y.dtype == np.float32 and len(d) == 11
    assert d.x.tolist() == pytest.approx(ARTICLE_X)


def test_csv_with_and_without_header():
    a = parse_csv(b"reading,celsius\n1,2\n3,4.5\n")
    b = parse_csv("1,2\n3,4.5\n")
    assert a.x.tolist() == b.x.tolist() == [1.0, 3.0]
    assert a.y.tolist() == b.y.tolist() == [2.0, 4.5]


@pytest.mark.parametrize(
    ("text", "key", "row"),
    [
        ("x,y\n1,2\nthree,4\n", "data.not_number", 3),
        ("1,2\n3,\n", "data.missing", 2),
        ("1,2\n3,4,5\n", "data.columns", 2),
        ("1,2\n", "data.too_few", None),
        ("2,1\n2,5\n2,7\n", "data.x_equal", None),
        ("1,2\n3,nan\n", "data.not_finite", 2),
        ("1,2\n1e39,4\n", "data.not_finite", 2),
    ],
)
def test_bad_csv_names_row_and_problem(text, key, row):
    with pytest.raises(DataError) as caught:
        parse_csv(text)
    assert caught.value.key == key and caught.value.row == row
    for lang in LANGS:
        assert str(row) in t(key, lang, row=row, **caught.value.kwargs) or row is None


def test_csv_too_large_and_not_utf8():
    with pytest.raises(DataError) as big:
        parse_csv(b"1,2\n" * (MAX_BYTES // 4 + 1))
    assert big.value.key == "data.too_large"
    with pytest.raises(DataError) as enc:
        parse_csv(b"\xff\xfe\x00,1\n")
    assert enc.value.key == "data.encoding"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_random_bytes_parse_or_get_a_message(raw):
    try:
        d = parse_csv(raw)
    except DataError as error:
        assert t(error.key, "en", row=error.row, **error.kwargs)
    else:
        assert isinstance(d, Dataset) and len(d) >= 2 and np.isfinite(d.x).all()
