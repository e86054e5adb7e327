"""Upkeep of the lasting Iceberg lake under the work directory, daily.

``leakproof lake maintain`` compacts the small files the ingestion runs and the continuous job
write (one set per checkpoint), expires snapshots older than a week -- never the one the
ingestion job committed last, which its committer reads back on a restart, nor any the warehouse
has not loaded yet -- and removes files no snapshot references once they are three days old
(what a killed job wrote and never committed). It is safe while ``leakproof stream`` runs.
Nothing here reads a Variable or a file when the scheduler parses it.
"""

from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.operators.bash import BashOperator

CLI = "{{ var.value.leakproof_cli }}"
HOME = "{{ var.value.leakproof_home }}"

DOC = """
### Leakproof, lake maintenance

Daily at 04:00 UTC, after the daily run: `leakproof lake maintain --compact` on
`{{ var.value.leakproof_home }}/work/lake` (compaction to 128 MB files, snapshots older than 7
days expired with the 20 newest kept, orphan files older than 3 days removed). It reads the
warehouse's lake position, so it shares the pool `leakproof_warehouse` with the daily run.
"""

with DAG(
    dag_id="leakproof_lake_maintenance",
    description="Compact the lake's small files, expire old snapshots, remove orphan files",
    schedule="0 4 * * *",
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=4),
    default_args={
        "owner": "leakproof",
        "depends_on_past": False,
        "retries": 1,
        "retry_delay": timedelta(minutes=10),
        "execution_timeout": timedelta(hours=3),
        "sla": timedelta(hours=4),
        "pool": "leakproof_warehouse",
        "cwd": HOME,
        "append_env": True,
    },
    tags=["leakproof", "lake", "maintenance"],
    doc_md=DOC,
) as dag:
    maintain_lake = BashOperator(
        task_id="maintain_lake",
        bash_command=CLI + ' lake maintain --work-dir "{{ var.value.leakproof_home }}/work" --compact'
        " --expire-older-than 7d --retain-last 20 --orphans-older-than 3d",
        doc_md="Compaction, snapshot expiry (keeping what the ingestion job and the warehouse still need) and "
        "orphan files; safe while the continuous job runs.",
    )
