#!/bin/sh
# runtests.sh INTERP -- run every tests/**/*.py under INTERP and compare with
# its .exp (made by CPython 3.11). Prints a diff per failure and ends with
# "N passed, N failed". Exit status 1 when anything failed.
interp=${1:-build/ouro}
case "$interp" in /*) ;; *) interp="$(pwd)/$interp" ;; esac
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
cat "$out"/*.fail 2>/dev/null
pass=$(ls "$out" | grep -c '\.pass$')
fail=$(ls "$out" | grep -c '\.fail$')
seed=../shared/seed_examples
if [ -d "$seed" ]; then
    sp=0; sf=""
    for f in "$seed"/[0-9][0-9]_*.py; do
        n=$(basename "$f" .py)
        if (cd "$seed" && timeout 20 "$interp" "$n.py" 2>/dev/null < /dev/null | cmp -s - "$n.exp"); then sp=$((sp+1)); else sf="$sf ${n%%_*}"; fi
    done
    echo "seed examples: $sp/17 exact${sf:+ (not yet:$sf)}"
fi
rm -rf "$out"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
