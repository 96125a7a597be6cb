#!/bin/sh
# Regenerate every tests/**/*.exp by running the oracle (CPython 3.11).
oracle=${1:-/usr/bin/python3.11}
find tests -name '*.py' ! -path '*/_*' | sort | while read -r t; do
    sh scripts/runone.sh "$oracle" "$t" > "${t%.py}.exp"
done
echo "regenerated $(find tests -name '*.exp' | wc -l) expected outputs"
