"""A float32 sum in NumPy's own order, for the compiled mode (f2c.autodiff.compile).

NumPy adds up to 8 numbers one after another, up to 128 in eight running sums combined pairwise, and
longer runs as two halves, each summed the same way (the generated code writes that tree out: numba
caches recursive functions badly). Adding in any other order rounds differently in float32: this
order keeps the compiled loop's loss and gradient equal to NumPy's. Compiled once per machine.
"""

import numba


@numba.njit(cache=True)
def numpy_sum(a, start, n):
    # a[start : start + n], n <= 128, added in NumPy's order (eight running sums), so the bits agree.
    if n < 8:
        total = a[start]
        for k in range(start + 1, start + n):
            total += a[k]
        return total
    r0, r1, r2, r3 = a[start], a[start + 1], a[start + 2], a[start + 3]
    r4, r5, r6, r7 = a[start + 4], a[start + 5], a[start + 6], a[start + 7]
    k = start + 8
    while k < start + n - n % 8:
        r0, r1, r2, r3 = r0 + a[k], r1 + a[k + 1], r2 + a[k + 2], r3 + a[k + 3]
        r4, r5, r6, r7 = r4 + a[k + 4], r5 + a[k + 5], r6 + a[k + 6], r7 + a[k + 7]
        k += 8
    total = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
    while k < start + n:
        total += a[k]
        k += 1
    return total
