"""The national evaluation in SQL, the way an analyst would write it with DuckDB.

Same inputs, rules and output as national_pandas.py: the raw series are summed (or weight-averaged)
up the hierarchy one level at a time in SQL, the table is pivoted to one column per series, and the
catalogue's formulas (they are SQL expressions already) are evaluated level by level of their
dependencies. `--sql FILE` also writes the statements that were run.

    python national_duckdb.py --root benches/generated/national --format parquet --out /tmp/duckdb.parquet
"""

import argparse
import csv
import json
import os
import re
import time

import duckdb


def q(name):
    return '"' + name.replace('"', '""') + '"'


def lit(s):
    return "'" + s.replace("'", "''") + "'"


def area_ranks(rows):
    children = {}
    for r in rows:
        if r["parent"]:
            children.setdefault(r["parent"], []).append(r["code"])
    rank = {}

    def of(code):
        if code not in rank:
            rank[code] = 1 + max((of(c) for c in children.get(code, [])), default=-1)
        return rank[code]

    for r in rows:
        of(r["code"])
    return rank


def statements(root, fmt, catalogue, areas):
    data_dir = os.path.join(root, fmt)
    pattern = os.path.join(data_dir, "observations", f"*.{fmt}")
    if fmt == "csv":
        source = (
            f"read_csv({lit(pattern)}, header = true, columns = {{'series': 'VARCHAR', 'area': 'VARCHAR', "
            f"'year': 'INTEGER', 'value': 'DOUBLE', 'status': 'VARCHAR'}})"
        )
    else:
        source = f"read_parquet({lit(pattern)})"
    rank = area_ranks(areas)
    s = []
    s.append(f"CREATE TABLE cur AS SELECT series, area, year, value FROM {source} WHERE value IS NOT NULL")
    edge_rows = ", ".join(
        f"({lit(a['code'])}, {lit(a['parent'])}, {rank[a['parent']]})" for a in areas if a["parent"]
    )
    s.append(f"CREATE TABLE edges(component VARCHAR, composite VARCHAR, rank INTEGER)")
    s.append(f"INSERT INTO edges VALUES {edge_rows}")
    s.append("CREATE TABLE expected AS SELECT composite, count(*) AS expected FROM edges GROUP BY composite")
    rules = [
        (c["id"], c["aggregate"], c["weight"])
        for c in catalogue
        if c["kind"] in ("series", "reported") and c["aggregate"] in ("sum", "weighted_mean")
    ]
    s.append("CREATE TABLE rules(series VARCHAR, rule VARCHAR, weight VARCHAR)")
    s.append(
        "INSERT INTO rules VALUES "
        + ", ".join(f"({lit(i)}, {lit(r)}, {lit(w) if w else 'NULL'})" for i, r, w in rules)
    )
    for r in range(1, max(rank.values()) + 1):
        s.append(
            f"""INSERT INTO cur
WITH contrib AS (
  SELECT c.series, e.composite, c.year, c.value, r.rule, w.value AS w
  FROM cur c
  JOIN edges e ON e.component = c.area AND e.rank = {r}
  JOIN rules r ON r.series = c.series
  LEFT JOIN cur w ON r.rule = 'weighted_mean' AND w.series = r.weight AND w.area = c.area AND w.year = c.year
  WHERE r.rule = 'sum' OR w.value IS NOT NULL
), agg AS (
  SELECT series, composite AS area, year,
         CASE WHEN any_value(rule) = 'sum' THEN sum(value) ELSE sum(value * w) / sum(w) END AS value,
         count(*) AS n
  FROM contrib GROUP BY series, composite, year
)
SELECT a.series, a.area, a.year, a.value
FROM agg a JOIN expected x ON x.composite = a.area AND x.expected = a.n
WHERE isfinite(a.value)
  AND NOT EXISTS (SELECT 1 FROM cur p WHERE p.series = a.series AND p.area = a.area AND p.year = a.year)"""
        )
    data_ids = [c["id"] for c in catalogue if c["kind"] in ("series", "reported")]
    s.append(
        "CREATE TABLE wide0 AS PIVOT (SELECT * FROM cur WHERE series IN ("
        + ", ".join(lit(i) for i in data_ids)
        + ")) ON series IN ("
        + ", ".join(lit(i) for i in data_ids)
        + ") USING first(value) GROUP BY area, year"
    )
    # Formulas level by level: each reads only columns made before it.
    known = set(data_ids)
    todo = [c for c in catalogue if c["kind"] in ("formula", "growth_of")]
    level = 0
    indicators = []
    while todo:
        ready, later = [], []
        for c in todo:
            reads = set(re.findall(r"[A-Za-z_][A-Za-z0-9_]*", c["definition"])) - {"COALESCE", "NULLIF"}
            (ready if reads <= known else later).append(c)
        if not ready:
            raise SystemExit(f"formulas read unknown names: {[c['id'] for c in later]}")
        cols = []
        for c in ready:
            if c["kind"] == "formula":
                e = f"CAST(({c['definition']}) AS DOUBLE)"
            else:
                b = q(c["definition"])
                prev = f"(SELECT p.{b} FROM wide{level} p WHERE p.area = t.area AND p.year = t.year - 1)"
                e = f"({b} / {prev} - 1) * 100"
            cols.append(f"CASE WHEN isfinite({e}) THEN {e} END AS {q(c['id'])}")
            indicators.append(c["id"])
        s.append(f"CREATE TABLE wide{level + 1} AS SELECT t.*, {', '.join(cols)} FROM wide{level} t")
        known |= {c["id"] for c in ready}
        todo = later
        level += 1
    reported = [c["id"] for c in catalogue if c["kind"] == "reported"]
    wanted = indicators + reported
    s.append(
        f"CREATE TABLE result AS SELECT indicator, area, year, value FROM (UNPIVOT wide{level} ON "
        + ", ".join(q(i) for i in wanted)
        + " INTO NAME indicator VALUE value) WHERE value IS NOT NULL"
    )
    return s


def evaluate(root, fmt, threads=None):
    t = {}
    con = duckdb.connect()
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    with open(os.path.join(root, "catalogue.csv"), newline="", encoding="utf-8") as f:
        catalogue = list(csv.DictReader(f))
    with open(os.path.join(root, fmt, "areas.csv"), newline="", encoding="utf-8") as f:
        areas = list(csv.DictReader(f))
    sql = statements(root, fmt, catalogue, areas)
    t0 = time.perf_counter()
    for st in sql:
        con.execute(st)
    t["sql"] = time.perf_counter() - t0
    return con, sql, t


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default="benches/generated/national")
    ap.add_argument("--format", choices=["csv", "parquet"], default="parquet")
    ap.add_argument("--out", required=True)
    ap.add_argument("--sql", help="also write the SQL statements to this file")
    a = ap.parse_args()
    t0 = time.perf_counter()
    con, sql, t = evaluate(a.root, a.format)
    t1 = time.perf_counter()
    con.execute(f"COPY result TO {lit(a.out)} (FORMAT parquet)")
    t["write"] = time.perf_counter() - t1
    t["total"] = time.perf_counter() - t0
    rows = con.execute("SELECT count(*) FROM result").fetchone()[0]
    if a.sql:
        with open(a.sql, "w", encoding="utf-8") as f:
            f.write(";\n\n".join(sql) + ";\n")
    print(json.dumps({"rows": rows, "seconds": t}))


if __name__ == "__main__":
    main()
