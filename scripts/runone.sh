#!/bin/sh
# runone.sh INTERP TEST.py -- print what the differential tests compare:
# the program's stdout, then, if it exited non-zero, "--- exit N" and the
# last line of its stderr (the exception line of a traceback).
interp=$1; test=$2
dir=$(dirname "$test"); base=$(basename "$test")
err=$(mktemp)
( cd "$dir" && timeout 20 "$interp" "$base" 2>"$err" < /dev/null )
rc=$?
if [ $rc -ne 0 ]; then
    echo "--- exit $rc"
    tail -n 1 "$err"
fi
rm -f "$err"
