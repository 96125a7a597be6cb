#!/bin/sh
# make bench: ratios of Ouro's time to CPython 3.11's (lower is better).
exec /usr/bin/python3.11 scripts/bench.py build/ouro
