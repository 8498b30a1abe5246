"""The floor: SQLite itself, through Python's sqlite3, replaying the SQL MLflow's own SqlAlchemyStore
sends for the same reads (search_runs with its selectin loads; the metric filter as MLflow builds
it, a join on a filtered latest_metrics subquery; get_metric_history). Prints one JSON line.

usage: python3 sqliteFloor.py <mlflow.db> <long-history run id>
"""
import json
import resource
import sqlite3
import sys
import time

path, long_run = sys.argv[1], sys.argv[2]


cpu_ms = {}


def timed(work, name=None):
    """Wall ms and the value; the CPU ms (user + system) go to cpu_ms[name]."""
    start, cpu_start = time.perf_counter(), time.process_time()
    value = work()
    if name:
        cpu_ms[name] = round((time.process_time() - cpu_start) * 1000, 1)
    return round((time.perf_counter() - start) * 1000, 1), value


def load_page(db, run_ids):
    marks = ", ".join("?" * len(run_ids))
    for table in ("latest_metrics", "params", "tags"):
        db.execute(f"SELECT * FROM {table} WHERE run_uuid IN ({marks})", run_ids).fetchall()
    return len(run_ids)


FIRST_PAGE = (
    "SELECT runs.* FROM runs WHERE runs.experiment_id IN (6) AND runs.lifecycle_stage IN ('active') "
    "ORDER BY runs.start_time DESC, runs.run_uuid LIMIT 100 OFFSET 0"
)
FILTERED = (
    "SELECT runs.* FROM runs "
    "JOIN (SELECT latest_metrics.run_uuid AS run_uuid FROM latest_metrics WHERE latest_metrics.key = 'accuracy' AND latest_metrics.value > 0.6) AS anon_1 ON runs.run_uuid = anon_1.run_uuid "
    "JOIN (SELECT params.run_uuid AS run_uuid FROM params WHERE params.key = 'optimizer' AND params.value = 'adam') AS anon_2 ON runs.run_uuid = anon_2.run_uuid "
    "LEFT OUTER JOIN (SELECT latest_metrics.key AS key, latest_metrics.value AS value, latest_metrics.is_nan AS is_nan, latest_metrics.run_uuid AS run_uuid FROM latest_metrics WHERE latest_metrics.key = 'loss') AS anon_3 ON runs.run_uuid = anon_3.run_uuid "
    "WHERE runs.experiment_id IN (6) AND runs.lifecycle_stage IN ('active') "
    "ORDER BY CASE WHEN (anon_3.is_nan = 1) THEN 1 WHEN (anon_3.value IS NULL) THEN 2 ELSE 0 END, anon_3.value ASC, runs.start_time DESC, runs.run_uuid LIMIT 100 OFFSET 0"
)


def first_page(db):
    return load_page(db, [row[0] for row in db.execute(FIRST_PAGE).fetchall()])


db_holder = {}
open_ms, count = timed(lambda: (db_holder.setdefault("db", sqlite3.connect(f"file:{path}?mode=ro", uri=True)), first_page(db_holder["db"]))[1], "openFirstPage")
db = db_holder["db"]
filter_ms, filtered = timed(lambda: load_page(db, [row[0] for row in db.execute(FILTERED).fetchall()]), "filterOrderByMetric")
history_ms, points = timed(lambda: len(db.execute("SELECT * FROM metrics WHERE metrics.run_uuid = ? AND metrics.key = ?", (long_run, "loss")).fetchall()), "history10k")
indexed_ms, _ = timed(lambda: len(db.execute("SELECT * FROM metrics WHERE run_uuid = ? AND +key = ?", (long_run, "loss")).fetchall()))
again_ms, _ = timed(lambda: first_page(db), "firstPageAgain")
print(json.dumps({
    "openFirstPageMs": open_ms,
    "filterOrderByMetricMs": filter_ms,
    "history10kMs": history_ms,
    "history10kIndexedMs": indexed_ms,
    "firstPageAgainMs": again_ms,
    "cpuMs": cpu_ms,
    "counts": {"firstPage": count, "filter": filtered, "history": points},
    "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
}))
