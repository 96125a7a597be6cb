"""Time every bench/*.py under build/ouro and the oracle CPython, side by side.

Each program runs RUNS times per interpreter, alternating; the median wall
time is kept. The printed checksums must agree. Prints one ratio per program
(ouro time / CPython time: below 1.0 means Ouro is faster) and the geometric
mean, plus start-up time (`-c pass`).
"""
import glob, math, os, statistics, subprocess, sys, time

OURO = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "build/ouro")
ORACLE = "/usr/bin/python3.11"
RUNS = int(os.environ.get("RUNS", "3"))


def run(interp, args):
    t0 = time.perf_counter()
    p = subprocess.run([interp] + args, capture_output=True, text=True, timeout=600)
    return time.perf_counter() - t0, p.returncode, p.stdout.strip(), p.stderr.strip()


def main():
    ratios = []
    print(f"{'benchmark':18} {'ouro s':>8} {'cpython s':>9} {'ratio':>6}  checksum")
    for path in sorted(glob.glob("bench/*.py")):
        name = os.path.basename(path)[:-3]
        times = {OURO: [], ORACLE: []}
        outs = {}
        for _ in range(RUNS):
            for interp in (OURO, ORACLE):
                t, rc, out, err = run(interp, [path])
                times[interp].append(t if rc == 0 else float("nan"))
                outs[interp] = out if rc == 0 else "ERROR: " + (err.splitlines() or ["?"])[-1]
        to, tc = statistics.median(times[OURO]), statistics.median(times[ORACLE])
        same = outs[OURO] == outs[ORACLE]
        ratio = to / tc if same and to == to else float("nan")
        if ratio == ratio:
            ratios.append(ratio)
        mark = "ok" if same else f"MISMATCH ouro={outs[OURO][:60]!r}"
        print(f"{name:18} {to:8.3f} {tc:9.3f} {ratio:6.2f}  {mark}")
    s_o = statistics.median(run(OURO, ["-c", "pass"])[0] for _ in range(5))
    s_c = statistics.median(run(ORACLE, ["-c", "pass"])[0] for _ in range(5))
    print(f"{'startup (-c pass)':18} {s_o:8.3f} {s_c:9.3f} {s_o / s_c:6.2f}")
    if ratios:
        gm = math.exp(sum(map(math.log, ratios)) / len(ratios))
        print(f"geometric mean ratio over {len(ratios)} benchmarks: {gm:.2f}")
    else:
        print("no benchmark ran correctly under ouro")


main()
