"""Leakproof's contract compliance reviews: a weekly scan of renewing contracts, a quarterly audit of all.

Two DAGs in one file, one schedule each:

- ``leakproof_compliance_scan`` (Mondays 07:00 UTC): ``leakproof review --scope renewing``, the
  contracts renewing within 90 days;
- ``leakproof_quarterly_audit`` (06:00 UTC on the first day of January, April, July and
  October): ``leakproof review --scope all``, every contract.

Both classify each contract clean / flag / escalate and route it to its owner with the owners
file named by the Variable ``leakproof_owners_file`` (a YAML map of CSM emails to owners). They
read the warehouse the daily DAG keeps current and write to a folder per run, so a re-run
overwrites only its own review. Nothing is read at parse time.
"""

from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.operators.bash import BashOperator

CLI = "{{ var.value.leakproof_cli }}"
HOME = "{{ var.value.leakproof_home }}"
WAREHOUSE = "{{ var.value.leakproof_home }}/work/warehouse.duckdb"
OWNERS = '--owners "{{ var.value.leakproof_owners_file }}"'

default_args = {
    "owner": "leakproof",
    "depends_on_past": False,
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "execution_timeout": timedelta(hours=1),
    "sla": timedelta(hours=2),
    "pool": "leakproof_warehouse",
    "cwd": HOME,
    "append_env": True,
}

SCAN_DOC = """
### Leakproof, weekly compliance scan

**review_renewing_contracts**: `leakproof review --scope renewing` classifies every contract
renewing within 90 days as clean, flag or escalate and routes it to its owner (owners file:
Variable `leakproof_owners_file`). Output: `{{ var.value.leakproof_reports }}/compliance/<ds>/`,
where `ds` is the start of the week the run covers. Pool `leakproof_warehouse`.
"""

AUDIT_DOC = """
### Leakproof, quarterly audit

**review_all_contracts**: `leakproof review --scope all`, the quarterly audit of every contract
(clean, flag, escalate), routed to the owners of the Variable `leakproof_owners_file`. Output:
`{{ var.value.leakproof_reports }}/quarterly-audit/<ds>/`, where `ds` is the first day of the
quarter the run covers (the run of 1 July reviews April-June and is filed under `<year>-04-01`).
Pool `leakproof_warehouse`.
"""

with DAG(
    dag_id="leakproof_compliance_scan",
    description="Weekly contract compliance review of the contracts renewing within 90 days",
    schedule="0 7 * * 1",
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=3),
    default_args=default_args,
    tags=["leakproof", "compliance"],
    doc_md=SCAN_DOC,
) as compliance_scan:
    review_renewing_contracts = BashOperator(
        task_id="review_renewing_contracts",
        bash_command=CLI + ' review --warehouse "' + WAREHOUSE + '"'
        ' --out "{{ var.value.leakproof_reports }}/compliance/{{ ds }}" --scope renewing ' + OWNERS,
        doc_md="Reviews the contracts renewing within 90 days and routes them to their owners.",
    )

with DAG(
    dag_id="leakproof_quarterly_audit",
    description="Quarterly contract compliance audit of every contract, routed to owners",
    schedule="0 6 1 1,4,7,10 *",
    start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=6),
    default_args=default_args,
    tags=["leakproof", "compliance", "audit"],
    doc_md=AUDIT_DOC,
) as quarterly_audit:
    review_all_contracts = BashOperator(
        task_id="review_all_contracts",
        bash_command=CLI + ' review --warehouse "' + WAREHOUSE + '"'
        ' --out "{{ var.value.leakproof_reports }}/quarterly-audit/{{ ds }}" --scope all ' + OWNERS,
        doc_md="Reviews every contract and routes each to its owner.",
    )
