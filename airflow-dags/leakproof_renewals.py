"""Leakproof's renewal lanes: T-90 staged in the CRM, T-60 emails queued, T-30 alerts and At Risk.

Runs after the daily DAG has ingested the day (it is scheduled four hours later) and works on
the same warehouse. Each notification is sent once: the CLI keeps a ledger of what it queued or
alerted in the warehouse, and the sync sends only what Salesforce never confirmed, so re-runs
and backfills of a date are safe. Nothing is read at parse time.
"""

from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.operators.bash import BashOperator

CLI = "{{ var.value.leakproof_cli }}"
HOME = "{{ var.value.leakproof_home }}"
WAREHOUSE = "{{ var.value.leakproof_home }}/work/warehouse.duckdb"

SALESFORCE_ENV = {
    "SALESFORCE_LOGIN_URL": "{{ conn.leakproof_salesforce.host }}",
    "SALESFORCE_AUTH_CLIENT_ID": "{{ conn.leakproof_salesforce.login }}",
    "SALESFORCE_AUTH_CLIENT_SECRET": "{{ conn.leakproof_salesforce.password }}",
}

DOC = """
### Leakproof, renewals

For the run's date `ds`, after `leakproof_daily` has ingested it:

1. **rebuild_renewal_pipeline**: `models run -s "renewal_pipeline+"` as of `ds` (the renewals of
   the next 180 days in T-90 / T-60 / T-30 lanes, and the marts built on them);
2. **t60_queue_renewal_emails**: the CSM's renewal email with a usage summary for each renewal
   entering T-60, queued once: POSTed to the Variable `leakproof_renewal_webhook` when it is
   set, else written as `.eml` drafts to `{{ var.value.leakproof_renewal_drafts }}/<ds>/`;
3. **t30_alert_unsigned_renewals**: a Slack alert (connection `leakproof_slack`, webhook URL
   in its password) for each renewal in T-30 still unsigned, once per renewal;
4. **plan_salesforce_renewals** then **apply_salesforce_renewals**: the sync
   `salesforce_renewals` stages each T-90 renewal as a Renewal Opportunity with the uplifted
   amount and, after the T-30 alert, sets its renewal status to At Risk. A plan refused by a
   guardrail (exit 3) stops the apply.

All tasks use the pool `leakproof_warehouse`. See `airflow-dags/README.md`.
"""

default_args = {
    "owner": "leakproof",
    "depends_on_past": False,
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "execution_timeout": timedelta(hours=1),
    "sla": timedelta(hours=2),
    "pool": "leakproof_warehouse",
    "cwd": HOME,
    "append_env": True,
}

with DAG(
    dag_id="leakproof_renewals",
    description="Renewal lanes: T-90 staged in Salesforce, T-60 emails queued, T-30 alerts and At Risk",
    schedule="0 6 * * *",
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=4),
    default_args=default_args,
    tags=["leakproof", "renewals", "reverse-etl"],
    doc_md=DOC,
) as dag:
    rebuild_renewal_pipeline = BashOperator(
        task_id="rebuild_renewal_pipeline",
        bash_command=CLI + ' models run -s "renewal_pipeline+" --vars "{as_of: {{ ds }}}"',
        env={"LEAKPROOF_WAREHOUSE": WAREHOUSE},
        doc_md="Rebuilds renewal_pipeline and what is built on it as of `ds`.",
    )

    t60_queue_renewal_emails = BashOperator(
        task_id="t60_queue_renewal_emails",
        bash_command=CLI + ' renewals drafts --warehouse "' + WAREHOUSE + '" --lane T-60'
        ' --out "{{ var.value.leakproof_renewal_drafts }}/{{ ds }}"'
        ' ${LEAKPROOF_RENEWAL_WEBHOOK:+--webhook "$LEAKPROOF_RENEWAL_WEBHOOK"}',
        env={"LEAKPROOF_RENEWAL_WEBHOOK": "{{ var.value.leakproof_renewal_webhook }}"},
        doc_md="Queues the T-60 renewal emails: to the webhook when the Variable leakproof_renewal_webhook "
        "is set, else as .eml drafts in the day's folder. Each renewal once.",
    )

    t30_alert_unsigned_renewals = BashOperator(
        task_id="t30_alert_unsigned_renewals",
        bash_command=CLI + ' renewals alert --warehouse "' + WAREHOUSE + '" --lane T-30'
        ' --webhook "$LEAKPROOF_SLACK_WEBHOOK"',
        env={"LEAKPROOF_SLACK_WEBHOOK": "{{ conn.leakproof_slack.password }}"},
        doc_md="Alerts the Slack channel once for each unsigned renewal in T-30.",
    )

    plan_salesforce_renewals = BashOperator(
        task_id="plan_salesforce_renewals",
        bash_command=CLI + ' sync plan salesforce_renewals --warehouse "' + WAREHOUSE + '"',
        env=SALESFORCE_ENV,
        doc_md="What the renewal sync would send; exit 3 (a guardrail refuses) stops the apply.",
    )

    apply_salesforce_renewals = BashOperator(
        task_id="apply_salesforce_renewals",
        bash_command=CLI + ' sync apply salesforce_renewals --warehouse "' + WAREHOUSE + '"',
        env=SALESFORCE_ENV,
        doc_md="Stages T-90 renewals with the uplifted amount and sets T-30 unsigned ones to At Risk.",
    )

    rebuild_renewal_pipeline >> [t60_queue_renewal_emails, t30_alert_unsigned_renewals]
    t30_alert_unsigned_renewals >> plan_salesforce_renewals >> apply_salesforce_renewals
