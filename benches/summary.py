"""Medians of the last `cargo bench` run, from criterion's estimates (target/criterion/*/*/new/).

    python3 benches/summary.py            # a Markdown table: benchmark, median, mean, samples
"""

import glob
import json
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def fmt(ns):
    s = ns / 1e9
    return f"{s:.3f} s" if s >= 0.1 else f"{s * 1000:.1f} ms"


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "target", "criterion")
    rows = []
    for est in sorted(glob.glob(os.path.join(root, "*", "*", "new", "estimates.json"))):
        bench = os.path.dirname(os.path.dirname(est))
        name = os.path.relpath(bench, root)
        with open(est) as f:
            e = json.load(f)
        samples = os.path.join(os.path.dirname(est), "sample.json")
        n = ""
        if os.path.exists(samples):
            with open(samples) as f:
                n = len(json.load(f)["iters"])
        rows.append((name, fmt(e["median"]["point_estimate"]), fmt(e["mean"]["point_estimate"]), n))
    if not rows:
        sys.exit(f"no criterion results under {root}: run `cargo bench` first")
    print("| benchmark | median | mean | samples |")
    print("|---|---:|---:|---:|")
    for r in rows:
        print(f"| `{r[0]}` | {r[1]} | {r[2]} | {r[3]} |")


if __name__ == "__main__":
    main()
