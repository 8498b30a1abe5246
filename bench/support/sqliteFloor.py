"""The floor: SQLite itself, through Python's sqlite3, replaying the SQL MLflow's own SqlAlchemyStore
sends for the same reads (MLflow 3.5.1's search_runs: `select(SqlRun, *order_by_columns)`, the
filter and order-by subqueries joined to it, `.distinct()`, then its selectin loads of latest
metrics, params and tags; get_metric_history), and beside it the same filter as a join written by
hand (no DISTINCT, only run ids from the subqueries), which SQLite answers about 40x faster than
MLflow's own statement: with DISTINCT and the order-by value in its select list, SQLite
materialises the outer-joined latest_metrics subquery and scans it for every run. Prints one JSON
line.

usage: python3 sqliteFloor.py <mlflow.db> <long-history run id>
"""
import hashlib
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
    return run_ids


def answer_print(run_ids):
    """A short print of a page's run ids in order (sqliteScaleBench.ts prints the same of its filter's page)."""
    return hashlib.sha1(",".join(run_ids).encode()).hexdigest()[:12]


# The columns of MLflow 3.5.1's SqlRun, in its order: MLflow selects the entity, not runs.*.
RUN_COLUMNS = ", ".join(
    f"runs.{column}"
    for column in (
        "run_uuid", "name", "source_type", "source_name", "entry_point_name", "user_id", "status", "start_time",
        "end_time", "deleted_time", "source_version", "lifecycle_stage", "artifact_uri", "experiment_id",
    )
)
LATEST_METRIC_COLUMNS = (
    "latest_metrics.key AS key, latest_metrics.value AS value, latest_metrics.timestamp AS timestamp, "
    "latest_metrics.step AS step, latest_metrics.is_nan AS is_nan, latest_metrics.run_uuid AS run_uuid"
)
FIRST_PAGE = (
    f"SELECT DISTINCT {RUN_COLUMNS} FROM runs WHERE runs.experiment_id IN (?) AND runs.lifecycle_stage IN (?) "
    "ORDER BY runs.start_time DESC, runs.run_uuid LIMIT ? OFFSET ?",
    (6, "active", 100, 0),
)
# metrics.accuracy > 0.6 AND params.optimizer = 'adam', order_by metrics.loss ASC, as MLflow builds it:
# the order-by subquery (created first, so anon_1) is outer-joined after the filters' inner joins,
# and its CASE and value are selected beside the run's columns.
FILTERED = (
    f"SELECT DISTINCT {RUN_COLUMNS}, "
    "CASE WHEN (anon_1.is_nan = 1) THEN ? WHEN (anon_1.value IS NULL) THEN ? ELSE ? END AS clause_1, anon_1.value "
    "FROM runs "
    f"JOIN (SELECT {LATEST_METRIC_COLUMNS} FROM latest_metrics WHERE latest_metrics.key = ? AND latest_metrics.value > ?) AS anon_2 ON runs.run_uuid = anon_2.run_uuid "
    "JOIN (SELECT params.key AS key, params.value AS value, params.run_uuid AS run_uuid FROM params WHERE params.key = ? AND params.value = ?) AS anon_3 ON runs.run_uuid = anon_3.run_uuid "
    f"LEFT OUTER JOIN (SELECT {LATEST_METRIC_COLUMNS} FROM latest_metrics WHERE latest_metrics.key = ?) AS anon_1 ON runs.run_uuid = anon_1.run_uuid "
    "WHERE runs.experiment_id IN (?) AND runs.lifecycle_stage IN (?) "
    "ORDER BY clause_1, anon_1.value, runs.start_time DESC, runs.run_uuid LIMIT ? OFFSET ?",
    (1, 2, 0, "accuracy", 0.6, "optimizer", "adam", "loss", 6, "active", 100, 0),
)
# The same filter and order as a join written by hand: what SQLite can do with a good statement.
HAND_WRITTEN = (
    "SELECT runs.* FROM runs "
    "JOIN (SELECT latest_metrics.run_uuid AS run_uuid FROM latest_metrics WHERE latest_metrics.key = 'accuracy' AND latest_metrics.value > 0.6) AS anon_1 ON runs.run_uuid = anon_1.run_uuid "
    "JOIN (SELECT params.run_uuid AS run_uuid FROM params WHERE params.key = 'optimizer' AND params.value = 'adam') AS anon_2 ON runs.run_uuid = anon_2.run_uuid "
    "LEFT OUTER JOIN (SELECT latest_metrics.key AS key, latest_metrics.value AS value, latest_metrics.is_nan AS is_nan, latest_metrics.run_uuid AS run_uuid FROM latest_metrics WHERE latest_metrics.key = 'loss') AS anon_3 ON runs.run_uuid = anon_3.run_uuid "
    "WHERE runs.experiment_id IN (6) AND runs.lifecycle_stage IN ('active') "
    "ORDER BY CASE WHEN (anon_3.is_nan = 1) THEN 1 WHEN (anon_3.value IS NULL) THEN 2 ELSE 0 END, anon_3.value ASC, runs.start_time DESC, runs.run_uuid LIMIT 100 OFFSET 0",
    (),
)


def page(db, statement):
    sql, params = statement
    return load_page(db, [row[0] for row in db.execute(sql, params).fetchall()])


db_holder = {}
open_ms, count = timed(lambda: (db_holder.setdefault("db", sqlite3.connect(f"file:{path}?mode=ro", uri=True)), page(db_holder["db"], FIRST_PAGE))[1], "openFirstPage")
db = db_holder["db"]
# The hand-written join first, in the state our filter meets (after the first page); MLflow's own
# statement then runs with the pages it warmed.
hand_ms, hand_filtered = timed(lambda: page(db, HAND_WRITTEN), "filterHandWrittenJoin")
filter_ms, filtered = timed(lambda: page(db, FILTERED), "filterOrderByMetric")
history_ms, points = timed(lambda: len(db.execute("SELECT * FROM metrics WHERE metrics.run_uuid = ? AND metrics.key = ?", (long_run, "loss")).fetchall()), "history10k")
indexed_ms, _ = timed(lambda: len(db.execute("SELECT * FROM metrics WHERE run_uuid = ? AND +key = ?", (long_run, "loss")).fetchall()))
again_ms, _ = timed(lambda: page(db, FIRST_PAGE), "firstPageAgain")
print(json.dumps({
    "openFirstPageMs": open_ms,
    "filterOrderByMetricMs": filter_ms,
    "filterHandWrittenJoinMs": hand_ms,
    "history10kMs": history_ms,
    "history10kIndexedMs": indexed_ms,
    "firstPageAgainMs": again_ms,
    "cpuMs": cpu_ms,
    "counts": {"firstPage": len(count), "filter": len(filtered), "handWrittenJoin": len(hand_filtered), "history": points},
    "filterAnswer": answer_print(filtered),
    "handWrittenJoinAnswer": answer_print(hand_filtered),
    "peakRssMb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
}))
