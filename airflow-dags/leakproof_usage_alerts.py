"""Leakproof's usage signals: each threshold event of the lake notified once, every five minutes.

The continuous job (`leakproof stream`) raises a threshold event the first time an account's usage
of a metric in a billing month reaches a level of its plan limit (thresholds.yml) and commits it
to the lake with the usage itself. This DAG posts each one not notified yet to the CSM channel
(connection `leakproof_slack`, webhook URL in its password) and records it in the warehouse's
notifications ledger, so re-runs never notify twice; an hour whose metering lag p99 went over the
bound is alerted once too. Where minutes matter, run `leakproof alerts send --follow` beside the
stream instead. Nothing is read at parse time.
"""

from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.operators.bash import BashOperator

CLI = "{{ var.value.leakproof_cli }}"
HOME = "{{ var.value.leakproof_home }}"
WORK = "{{ var.value.leakproof_home }}/work"

DOC = """
### Leakproof, usage alerts

Every five minutes, **notify_usage_thresholds**: `alerts send` posts each threshold event the
stream committed to the lake (50%, 90%, 100%, then every further 100% of a plan limit by default)
and not notified yet to the Slack connection `leakproof_slack`, once each (ledger
`leakproof_sync.notifications` in the warehouse); an hour whose metering lag p99 is over
`--lag-bound` (5 minutes) is alerted once too. Uses the pool `leakproof_warehouse`. See
`airflow-dags/README.md`.
"""

default_args = {
    "owner": "leakproof",
    "depends_on_past": False,
    "retries": 1,
    "retry_delay": timedelta(minutes=1),
    "execution_timeout": timedelta(minutes=10),
    "sla": timedelta(minutes=10),
    "pool": "leakproof_warehouse",
    "cwd": HOME,
    "append_env": True,
}

with DAG(
    dag_id="leakproof_usage_alerts",
    description="Usage thresholds and metering lag alerts, each once, every five minutes",
    schedule="*/5 * * * *",
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(minutes=15),
    default_args=default_args,
    tags=["leakproof", "alerts", "streaming"],
    doc_md=DOC,
) as dag:
    notify_usage_thresholds = BashOperator(
        task_id="notify_usage_thresholds",
        bash_command=CLI + ' alerts send --work-dir "' + WORK + '" --webhook "$LEAKPROOF_SLACK_WEBHOOK"',
        env={"LEAKPROOF_SLACK_WEBHOOK": "{{ conn.leakproof_slack.password }}"},
        doc_md="Posts each threshold event of the lake not notified yet to the CSM channel, once.",
    )
