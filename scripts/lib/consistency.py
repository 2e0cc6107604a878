"""The consistency table of scripts/bench-consistency.sh, from benchcore's own outputs only.

Reads:
  bundle.json      `benchcore history export` of the K runs: one series per benchmark and
                   metric, one point per run (the run's median of criterion's raw samples);
  compare-*.json   `benchcore compare run(k-1) run(k) --format json`: per benchmark, the
                   smallest change the two runs' within-run noise lets compare detect
                   (`min_detectable_change`);
  check.json       `benchcore check run(K) --history (runs 1..K-1) --format json`: the history
                   gate's upper bound (`upper` / `baseline_center` - 1).

Prints a Markdown table: benchmark, runs, median, run-to-run CV (standard deviation / mean of
the run medians, and the robust 1.4826 MAD / median the gate uses), the minimal detectable
change between two runs, MDC95 = 1.96 * sqrt(2) * CV (the smallest difference two runs show
less than 5% of the time by noise alone), compare's within-run detectable change (median over
the run pairs), the history gate's bound, and whether the benchmark can gate at the threshold:
MDC95 and the within-run detectable change both at most the threshold.

Standard library only. Usage: consistency.py BUNDLE CHECK THRESHOLD_PCT COMPARE...
"""

import json
import math
import statistics
import sys


def pct(x):
    return "-" if x is None else f"{100 * x:.1f}%"


def fmt_ns(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"


def main(argv):
    bundle_path, check_path, threshold = argv[1], argv[2], float(argv[3]) / 100
    with open(bundle_path, encoding="utf-8") as f:
        bundle = json.load(f)
    within = {}
    for path in argv[4:]:
        with open(path, encoding="utf-8") as f:
            for row in json.load(f)["benchmarks"]:
                if row["metric"] == "time" and row.get("min_detectable_change") is not None:
                    within.setdefault(row["name"], []).append(row["min_detectable_change"])
    gate = {}
    with open(check_path, encoding="utf-8") as f:
        for row in json.load(f)["benchmarks"]:
            if row["metric"] == "time" and row.get("upper") and row.get("baseline_center"):
                gate[row["name"]] = (row["upper"] / row["baseline_center"] - 1, row["n"])
    print("| benchmark | runs | median | CV | robust CV | MDC95 (2 runs) | within-run (compare) "
          f"| history gate bound | gateable at {100 * threshold:g}% |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    noisy = 0
    for s in bundle["series"]:
        if s["metric"] != "time":
            continue
        values = [v for _, v in s["points"]]
        if len(values) < 2:
            continue
        mean, med = statistics.fmean(values), statistics.median(values)
        cv = statistics.stdev(values) / mean
        mad = statistics.median(abs(v - med) for v in values)
        robust = 1.4826 * mad / med
        mdc = 1.96 * math.sqrt(2) * cv
        w = statistics.median(within[s["name"]]) if s["name"] in within else None
        g = gate.get(s["name"])
        ok = mdc <= threshold and (w is None or w <= threshold)
        noisy += not ok
        gate_text = f"{pct(g[0])} ({g[1]} runs)" if g else "-"
        print(f"| {s['name']} | {len(values)} | {fmt_ns(med)} | {pct(cv)} | {pct(robust)} | "
              f"{pct(mdc)} | {pct(w)} | {gate_text} | {'yes' if ok else '**no: too noisy**'} |")
    print()
    print(f"{noisy} benchmark(s) too noisy to gate at {100 * threshold:g}%.")


if __name__ == "__main__":
    main(sys.argv)
