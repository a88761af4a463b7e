"""Side by side: chitieu, pandas and DuckDB evaluate the same generated national data set.

Runs each implementation several times on the same files (CSV and Parquet), checks that every value
agrees to 1e-9 relative, and prints the medians and the time ratios. chitieu is timed as a whole
process (`chitieu eval --format parquet --out …`: start-up, catalogue, loading, checks, evaluation,
writing); pandas and DuckDB are timed inside their scripts from reading the files to writing the
result (interpreter start-up and imports excluded), and as whole processes. Peak memory is each
process's maximum resident set size.

    python benches/compare/run.py                      # both formats, 5 runs each
    python benches/compare/run.py --format parquet --runs 3

Needs `target/release/chitieu` (`cargo build --release`) and the generated data
(`target/release/chitieu generate national`); see BENCHMARKS.md.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))


def run(cmd):
    """Run a command; (wall seconds, stdout)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    out, err = p.communicate()
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{err}")
    return wall, out


def peak_rss_mb(cmd):
    """Peak resident memory of one run of `cmd`, in MB (from wait4)."""
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
    return usage.ru_maxrss / 1024


def load_values(path):
    df = pd.read_parquet(path, columns=["indicator", "area", "year", "value"])
    df = df.dropna(subset=["value"])
    df["year"] = df["year"].astype("int64")
    df["indicator"] = df["indicator"].astype(str)
    df["area"] = df["area"].astype(str)
    return df.set_index(["indicator", "area", "year"])["value"].sort_index()


def agree(reference, other, name, rtol=1e-9):
    """Every (indicator, area, year) with a value in one has the same value in the other."""
    only_ref = reference.index.difference(other.index)
    only_other = other.index.difference(reference.index)
    common = reference.index.intersection(other.index)
    a = reference.loc[common].to_numpy()
    b = other.loc[common].to_numpy()
    rel = np.abs(a - b) / np.maximum(np.abs(a), np.finfo(float).tiny)
    rel[(a == 0) & (b == 0)] = 0.0
    bad = rel > rtol
    ok = len(only_ref) == 0 and len(only_other) == 0 and not bad.any()
    print(
        f"  {name}: {len(common):,} values in common, {len(only_ref)} only in chitieu, "
        f"{len(only_other)} only in {name}, {int(bad.sum())} differ by more than {rtol:g} "
        f"(largest relative difference {rel.max() if len(rel) else 0:.2e})"
    )
    for label, idx in (("only in chitieu", only_ref), (f"only in {name}", only_other)):
        for k in list(idx)[:5]:
            print(f"    {label}: {k}")
    for k in list(common[bad])[:5]:
        print(f"    differs: {k}: {reference.loc[k]} vs {other.loc[k]}")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=os.path.join(REPO, "benches", "generated", "national"))
    ap.add_argument("--chitieu", default=os.path.join(REPO, "target", "release", "chitieu"))
    ap.add_argument("--format", choices=["csv", "parquet", "both"], default="both")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default=os.path.join(HERE, "out"))
    ap.add_argument("--json", help="also write the figures to this file")
    a = ap.parse_args()
    if not os.path.isfile(os.path.join(a.root, "generated.json")):
        sys.exit(f"no generated data in {a.root}: run `{a.chitieu} generate national --out {a.root}` first")
    if not os.path.isfile(a.chitieu):
        sys.exit(f"{a.chitieu} not found: run `cargo build --release` first")
    os.makedirs(a.out, exist_ok=True)
    py = sys.executable
    formats = ["parquet", "csv"] if a.format == "both" else [a.format]
    report = {}
    all_ok = True
    for fmt in formats:
        outs = {k: os.path.join(a.out, f"{k}-{fmt}.parquet") for k in ("chitieu", "pandas", "duckdb")}
        cmds = {
            "chitieu": [
                a.chitieu,
                "--quiet",
                "--indicators",
                os.path.join(a.root, "indicators"),
                "--data",
                os.path.join(a.root, fmt),
                "eval",
                "--format",
                "parquet",
                "--out",
                outs["chitieu"],
            ],
            "pandas": [py, os.path.join(HERE, "national_pandas.py"), "--root", a.root, "--format", fmt, "--out", outs["pandas"]],
            "duckdb": [py, os.path.join(HERE, "national_duckdb.py"), "--root", a.root, "--format", fmt, "--out", outs["duckdb"]],
        }
        print(f"{fmt}: {a.runs} runs each")
        figures = {}
        for name, cmd in cmds.items():
            walls, inner = [], []
            for _ in range(a.runs):
                wall, out = run(cmd)
                walls.append(wall)
                if name != "chitieu":
                    inner.append(json.loads(out.strip().splitlines()[-1])["seconds"]["total"])
            rss = peak_rss_mb(cmd)
            figures[name] = {
                "process_median_s": statistics.median(walls),
                "process_runs_s": walls,
                "inside_median_s": statistics.median(inner) if inner else None,
                "peak_rss_mb": rss,
            }
            inside = f", inside the script {statistics.median(inner):.2f} s" if inner else ""
            print(f"  {name:8} process {statistics.median(walls):6.2f} s (median){inside}; peak memory {rss:,.0f} MB")
        ref = load_values(outs["chitieu"])
        ok = agree(ref, load_values(outs["pandas"]), "pandas") & agree(ref, load_values(outs["duckdb"]), "duckdb")
        all_ok &= ok
        c = figures["chitieu"]["process_median_s"]
        for name in ("pandas", "duckdb"):
            f = figures[name]
            f["ratio_process"] = f["process_median_s"] / c
            f["ratio_inside"] = f["inside_median_s"] / c
            print(
                f"  {name} / chitieu: {f['ratio_process']:.1f}× (whole processes), "
                f"{f['ratio_inside']:.1f}× ({name} inside its script vs the whole chitieu process)"
            )
        figures["agree"] = ok
        report[fmt] = figures
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=2)
    if not all_ok:
        sys.exit("the implementations disagree")


if __name__ == "__main__":
    main()
