"""The national evaluation written the way an analyst would today, with pandas.

Reads the generated files (`chitieu generate national`): the observations (CSV or Parquet), areas.csv
and catalogue.csv (the catalogue's definitions as one table). Sums the raw series up the hierarchy
(commune → province → region → country; rates by weighted mean), computes every indicator at every
level and year, and writes `indicator, area, year, value`.

The rules are chitieu's, so that the values can be compared: a composite is computed only when every
component has a value (no partial totals), a value published for a composite wins over the sum of its
parts, and a division by zero gives no value. The generated areas have no mergers (`since`, `until`,
`replaces`), which this script does not handle.

    python national_pandas.py --root benches/generated/national --format parquet --out /tmp/pandas.parquet
"""

import argparse
import functools
import glob
import json
import os
import sys
import time

import numpy as np
import pandas as pd


def read_observations(data_dir, fmt):
    files = sorted(glob.glob(os.path.join(data_dir, "observations", f"*.{fmt}")))
    if not files:
        sys.exit(f"no observation files in {data_dir}/observations: run `chitieu generate national` first")
    if fmt == "csv":
        dtypes = {"series": "string", "area": "string", "year": "int32", "value": "float64", "status": "string"}
        frames = [pd.read_csv(f, dtype=dtypes, usecols=["series", "area", "year", "value"]) for f in files]
    else:
        frames = [pd.read_parquet(f, columns=["series", "area", "year", "value"]) for f in files]
    obs = pd.concat(frames, ignore_index=True)
    # An empty cell is no observation.
    return obs.dropna(subset=["value"])


def area_ranks(areas):
    """Rank of every area: 0 for the bottom, 1 + the highest rank of its components otherwise."""
    children = areas.groupby("parent")["code"].apply(list).to_dict()
    rank = {}

    def of(code):
        if code not in rank:
            rank[code] = 1 + max((of(c) for c in children.get(code, [])), default=-1)
        return rank[code]

    for c in areas["code"]:
        of(c)
    return rank


def up_hierarchy(obs, areas, rules):
    rank = area_ranks(areas)
    edges = areas.loc[areas["parent"] != "", ["code", "parent"]].rename(
        columns={"code": "component", "parent": "composite"}
    )
    edges["rank"] = edges["composite"].map(rank)
    expected = edges.groupby("composite").size().rename("expected")
    cur = obs[["series", "area", "year", "value"]]
    for r in range(1, max(rank.values()) + 1):
        contrib = cur.merge(edges[edges["rank"] == r], left_on="area", right_on="component")
        contrib = contrib.merge(rules, on="series")
        sums = contrib[contrib["rule"] == "sum"]
        agg_sum = sums.groupby(["series", "composite", "year"], sort=False).agg(
            value=("value", "sum"), n=("value", "size")
        )
        means = contrib[contrib["rule"] == "weighted_mean"]
        weights = cur.rename(columns={"series": "weight", "value": "w"})
        means = means.merge(weights, on=["weight", "area", "year"], how="inner")
        means = means.assign(vw=means["value"] * means["w"])
        agg_mean = means.groupby(["series", "composite", "year"], sort=False).agg(
            vw=("vw", "sum"), w=("w", "sum"), n=("vw", "size")
        )
        agg_mean = pd.DataFrame({"value": agg_mean["vw"] / agg_mean["w"], "n": agg_mean["n"]})
        agg = pd.concat([agg_sum, agg_mean]).reset_index()
        agg = agg[agg["n"] == agg["composite"].map(expected)]
        agg = agg[np.isfinite(agg["value"])].rename(columns={"composite": "area"})
        # A published value wins.
        key = ["series", "area", "year"]
        published = cur[key].assign(_pub=True)
        agg = agg.merge(published, on=key, how="left")
        new = agg.loc[agg["_pub"].isna(), key + ["value"]]
        cur = pd.concat([cur, new], ignore_index=True)
    return cur


def coalesce(*xs):
    return functools.reduce(lambda a, b: a.where(a.notna(), b), xs)


class Columns(dict):
    """Formula names → columns of the wide table (an absent series is all missing)."""

    def __init__(self, wide):
        super().__init__(COALESCE=coalesce)
        self.wide = wide

    def __missing__(self, name):
        if name in self.wide:
            return self.wide[name]
        return pd.Series(np.nan, index=self.wide.index)


def evaluate(root, fmt):
    t = {}
    t0 = time.perf_counter()
    catalogue = pd.read_csv(os.path.join(root, "catalogue.csv"), keep_default_na=False, dtype=str)
    data_dir = os.path.join(root, fmt)
    areas = pd.read_csv(os.path.join(data_dir, "areas.csv"), keep_default_na=False, dtype=str)
    obs = read_observations(data_dir, fmt)
    t["read"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    data = catalogue[catalogue["kind"].isin(["series", "reported"])]
    rules = data.loc[data["aggregate"].isin(["sum", "weighted_mean"]), ["id", "aggregate", "weight"]].rename(
        columns={"id": "series", "aggregate": "rule"}
    )
    series = up_hierarchy(obs, areas, rules)
    t["aggregate"] = time.perf_counter() - t0

    t0 = time.perf_counter()
    wide = series.set_index(["area", "year", "series"])["value"].unstack("series")
    cols = Columns(wide)
    names = {"__builtins__": {}}
    out = {}
    for row in catalogue[catalogue["kind"].isin(["formula", "growth_of"])].itertuples():
        if row.kind == "formula":
            v = eval(row.definition, names, cols)
        else:
            base = cols[row.definition]
            prev = base.copy()
            prev.index = pd.MultiIndex.from_arrays(
                [base.index.get_level_values("area"), base.index.get_level_values("year") + 1]
            )
            v = (base / prev.reindex(base.index) - 1) * 100
        if not isinstance(v, pd.Series):
            v = pd.Series(v, index=wide.index, dtype="float64")
        v = v.astype("float64")
        v = v.where(np.isfinite(v))
        cols[row.id] = v
        out[row.id] = v
    for row in data.itertuples():
        if row.kind == "reported":
            out[row.id] = cols[row.id]
    long = pd.concat(out, names=["indicator"]).rename("value").dropna().reset_index()
    t["compute"] = time.perf_counter() - t0
    return long[["indicator", "area", "year", "value"]], t


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default="benches/generated/national")
    ap.add_argument("--format", choices=["csv", "parquet"], default="parquet")
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    t0 = time.perf_counter()
    values, t = evaluate(a.root, a.format)
    t1 = time.perf_counter()
    values.to_parquet(a.out, index=False)
    t["write"] = time.perf_counter() - t1
    t["total"] = time.perf_counter() - t0
    print(json.dumps({"rows": len(values), "seconds": t}))


if __name__ == "__main__":
    main()
