"""A training script's writes, as MLflow's SQLAlchemy store makes them: one transaction per run
(run row, tags, a param, metric points, the latest value), committed every `interval` seconds for
`seconds` seconds, through Python's sqlite3 with its default 5 s busy timeout. Prints each
committed run id on stdout; any error (such as "database is locked") goes to stderr and ends the
script with status 1.

usage: python3 mlflowWriter.py <mlflow.db> <experiment id> <seconds> <interval> <delete|wal>
"""
import sqlite3
import sys
import time
import uuid

path, experiment_id, seconds, interval, journal = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
db = sqlite3.connect(path, timeout=5.0)
db.execute(f"PRAGMA journal_mode={journal}")
deadline = time.monotonic() + seconds
index = 0
while time.monotonic() < deadline:
    run_id = uuid.uuid4().hex
    start = 1_800_000_000_000 + index
    name = f"live-{index:05d}"
    with db:
        db.execute(
            "INSERT INTO runs (run_uuid, name, source_type, source_name, entry_point_name, user_id, status, start_time, end_time, "
            "source_version, lifecycle_stage, artifact_uri, experiment_id) VALUES (?, ?, 'LOCAL', 'train.py', '', 'someone', 'RUNNING', ?, NULL, '', 'active', ?, ?)",
            (run_id, name, start, f"/tmp/{run_id}", experiment_id),
        )
        db.execute("INSERT INTO tags (key, value, run_uuid) VALUES ('mlflow.runName', ?, ?)", (name, run_id))
        db.execute("INSERT INTO params (key, value, run_uuid) VALUES ('lr', '0.01', ?)", (run_id,))
        for step in range(10):
            db.execute("INSERT INTO metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ('loss', ?, ?, ?, 0, ?)", (1 / (step + 1), start + step, step, run_id))
        db.execute("INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid) VALUES ('loss', 0.1, ?, 9, 0, ?)", (start + 9, run_id))
    print(run_id, flush=True)
    index += 1
    time.sleep(interval)
db.close()
