import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from f2c.core.data import ARTICLE_X, MAX_BYTES, DataError, Dataset, article, from_table, parse_csv
from f2c.core.i18n import LANGS, t


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


CSV_CELL = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**40), 10**40).map(str),
    st.sampled_from(["", " ", "nan", "inf", "-", "1e", "x", '"1"', "1,2", "\ufeff3", "0x10", "１２"]),
    st.text(max_size=8),
)
CSV_TEXT = st.lists(st.lists(CSV_CELL, min_size=0, max_size=4).map(",".join), max_size=30).map("\n".join)


@settings(max_examples=1000, deadline=None)
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode) | CSV_TEXT.map(str.encode))
def test_random_bytes_parse_or_get_a_message(raw):
    try:
        d = parse_csv(raw)
    except DataError as error:
        assert t(error.key, "en", row=error.row, **error.kwargs)
    else:
        assert isinstance(d, Dataset) and len(d) >= 2 and np.isfinite(d.x).all()


def test_table_rows_are_checked_like_csv_rows():
    d = from_table([1, "2.5", None, 4.0], [2, 3, None, "5"])
    assert d.x.tolist() == [1.0, 2.5, 4.0] and d.y.tolist() == [2.0, 3.0, 5.0]
    for xs, ys, key, row in [
        ([1, 2, None], [1, 2, 3], "data.missing", 3),
        ([1, "a"], [1, 2], "data.not_number", 2),
        ([1, float("inf")], [1, 2], "data.not_finite", 2),
        ([1, float("nan")], [1, 2], "data.missing", 2),
        ([1], [1], "data.too_few", None),
    ]:
        with pytest.raises(DataError) as caught:
            from_table(xs, ys)
        assert (caught.value.key, caught.value.row) == (key, row)


TABLE_CELL = st.one_of(
    st.none(), st.floats(), st.integers(-(10**40), 10**40), st.text(max_size=6), st.booleans()
)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.tuples(TABLE_CELL, TABLE_CELL), max_size=25))
def test_random_tables_give_data_or_a_message(rows):
    try:
        d = from_table([r[0] for r in rows], [r[1] for r in rows])
    except DataError as error:
        for lang in ("zh", "en"):
            assert t(error.key, lang, row=error.row, **error.kwargs)
    else:
        assert len(d) >= 2 and np.isfinite(d.x).all() and np.isfinite(d.y).all()
