#!/bin/sh
# runtests.sh INTERP -- run every tests/**/*.py under INTERP and compare with
# its .exp (made by CPython 3.11). Prints a diff per failure and ends with
# "N passed, N failed".
#
# tests/known_failures.txt lists tests that exercise what Ouro does not do
# yet (one path per line, '#' comments). They still run: a listed test that
# fails is counted as a known failure, not a failure; a listed test that now
# passes is reported so it can be taken off the list. Exit status 1 when a
# test outside the list failed.
interp=${1:-build/ouro}
case "$interp" in /*) ;; *) interp="$(pwd)/$interp" ;; esac
known=tests/known_failures.txt
out=$(mktemp -d)
find tests -name '*.py' ! -path '*/_*' | sort > "$out/list"
# Two at a time: the machine has two cores.
xargs -P 2 -I{} sh -c '
    t={}; n=$(echo "$t" | tr / _)
    if [ ! -f "${t%.py}.exp" ]; then echo "$t: no .exp (run make expected)" > "'"$out"'/$n.fail"; exit 0; fi
    sh scripts/runone.sh "'"$interp"'" "$t" > "'"$out"'/$n.out" 2>&1
    if cmp -s "'"$out"'/$n.out" "${t%.py}.exp"; then touch "'"$out"'/$n.pass"
    else { echo "FAIL $t"; diff "${t%.py}.exp" "'"$out"'/$n.out" | head -n 20; } > "'"$out"'/$n.fail"; fi
' < "$out/list"
# Sort failures into known and new ones.
: > "$out/known_hit"
if [ -f "$known" ]; then
    grep -v '^[[:space:]]*#' "$known" | grep -v '^[[:space:]]*$' | while read -r t rest; do
        n=$(echo "$t" | tr / _)
        if [ -f "$out/$n.fail" ]; then mv "$out/$n.fail" "$out/$n.xfail"; echo "$t" >> "$out/known_hit"
        elif [ -f "$out/$n.pass" ]; then echo "now passing (remove from $known): $t"; fi
    done
fi
cat "$out"/*.fail 2>/dev/null
pass=$(ls "$out" | grep -c '\.pass$')
fail=$(ls "$out" | grep -c '\.fail$')
xfail=$(ls "$out" | grep -c '\.xfail$')
seed=../shared/seed_examples
[ -d "$seed" ] || seed=tests/_seed
if [ -d "$seed" ]; then
    sp=0; sf=""
    for f in "$seed"/[0-9][0-9]_*.py; do
        n=$(basename "$f" .py)
        if (cd "$seed" && timeout 20 "$interp" "$n.py" 2>/dev/null < /dev/null | cmp -s - "$n.exp"); then sp=$((sp+1)); else sf="$sf ${n%%_*}"; fi
    done
    echo "seed examples: $sp/17 exact${sf:+ (not yet:$sf)}"
fi
[ "$xfail" -gt 0 ] && echo "$xfail known failures (listed in $known, not counted below)"
rm -rf "$out"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
