for src in ["[0] * (2**62)", "'x' * (2**62)", "bytes(2**62)", "range(2**100)[2**200]", "[0] * -5",
            "'ab' * -1", "list(range(10))[2**70]", "(1,) * 2**63", "bytearray(-1)", "'x'.ljust(2**62)"]:
    try:
        r = eval(src)
        print(src, "->", repr(r)[:20])
    except (MemoryError, OverflowError, IndexError, ValueError) as e:
        print(src, type(e).__name__, e)
