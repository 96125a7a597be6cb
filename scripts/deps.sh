#!/bin/sh
# Install the Debian packages Ouro needs, only when one is missing.
# libgmp-dev: big integers beyond the machine word.
# python3.11 + libpython3.11-stdlib: the oracle for tests and the standard library Ouro loads.
need=""
for p in libgmp-dev libpython3.11-stdlib python3.11; do
    dpkg -s "$p" >/dev/null 2>&1 || need="$need $p"
done
[ -z "$need" ] && exit 0
echo "deps: installing$need"
if [ "$(id -u)" != 0 ]; then
    echo "deps: missing$need; run as root or install them with apt-get" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null 2>&1 || true
apt-get install -y -qq $need >/dev/null || { echo "deps: apt-get install failed" >&2; exit 1; }
