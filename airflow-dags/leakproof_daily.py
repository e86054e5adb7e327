"""Leakproof's daily runs: load a day, build the models, sync the CRM and billing, export.

Two DAGs, one per way events arrive; enable the one that fits (both use the same warehouse):

- ``leakproof_daily``: event files delivered into the dataset folder; ``ingest`` runs the day's
  new files through the Flink ingestion job into the lasting lake;
- ``leakproof_daily_stream``: events streamed all day (collector, Kafka, ``leakproof stream``);
  ``load_lake`` loads the CSV tables and the lake's commits up to the partition's end, and the
  models read the lake as of that instant.

Every task calls the ``leakproof`` CLI for one partition, ``{{ ds }}``, so a re-run or a backfill
of a day is safe: a day's files are ingested once, the warehouse loads each lake commit once,
each sync sends only what its ledger says the destination never confirmed, and the export goes
to that day's folder. Nothing here reads a Variable, a connection or a file when the scheduler
parses the file: they are Jinja templates, rendered when a task runs.
"""

from datetime import datetime, timedelta, timezone

from airflow import DAG
from airflow.models.baseoperator import chain
from airflow.operators.bash import BashOperator
from airflow.utils.task_group import TaskGroup

# Templates (rendered when a task runs, never at parse time)
CLI = "{{ var.value.leakproof_cli }}"
HOME = "{{ var.value.leakproof_home }}"
WAREHOUSE = "{{ var.value.leakproof_home }}/work/warehouse.duckdb"
AS_OF_VARS = '--vars "{as_of: {{ ds }}}"'
# the streaming variant: the lake as it was at the partition's end
STREAM_VARS = "--vars \"{as_of: {{ ds }}, lake_as_of: '{{ data_interval_end }}'}\""

# Credentials come from Airflow connections, into the environment of the tasks that need them.
SALESFORCE_ENV = {
    "SALESFORCE_LOGIN_URL": "{{ conn.leakproof_salesforce.host }}",
    "SALESFORCE_AUTH_CLIENT_ID": "{{ conn.leakproof_salesforce.login }}",
    "SALESFORCE_AUTH_CLIENT_SECRET": "{{ conn.leakproof_salesforce.password }}",
}
STRIPE_ENV = {
    "STRIPE_API_KEY": "{{ conn.leakproof_stripe.password }}",
    "STRIPE_API_BASE": "{{ conn.leakproof_stripe.host }}",
    "STRIPE_METER_EVENTS_BASE": "{{ conn.leakproof_stripe.schema }}",
}
MODELS_ENV = {"LEAKPROOF_WAREHOUSE": WAREHOUSE}

# The learned models score the warehouse only where a model is deployed: the workers' environment
# variable LEAKPROOF_MODEL names its file. Without it, ml_score says so and succeeds (exit 0, so
# the syncs after it still run) and the ml tables stay as they are: empty until a model scores,
# and the rule-based findings never depend on them. The guard is plain shell, read when the task
# runs, never when the scheduler parses this file.
ML_MODEL_GUARD = (
    'if [ -z "${LEAKPROOF_MODEL:-}" ]; then echo "ml_score: no model configured (LEAKPROOF_MODEL is not set '
    'on the worker): nothing scored, the ml tables are left as they are"; exit 0; fi; '
)

DOC = """
### Leakproof, daily

For the run's date `ds` (as of that day), on the warehouse
`{{ var.value.leakproof_home }}/work/warehouse.duckdb`:

1. **ingest** the dataset's CSV tables, and its event files dated up to `ds` that no earlier run
   ingested, through the Flink ingestion job into the lasting Iceberg lake; the warehouse loads
   the lake's new commits (the streaming variant, `leakproof_daily_stream`: **load_lake**, the
   CSV tables and the commits the continuous job made up to the partition's end);
2. **build_models**: every model and schema test (`leakproof models build`);
   then **ml_score**: when the workers' environment sets `LEAKPROOF_MODEL` (the trained model's
   file), `leakproof ml score` writes the anomaly scores and leakage risk into the schema `ml`,
   which the CRM sync reads (Leakage_Risk__c); without it the task logs that no model is
   configured and succeeds;
3. **stripe_map**: which Stripe customer bills each account (`leakproof stripe map`);
4. **rebuild_billing_models**: `billing_usage+` and `billing_true_ups+` with that map, and
   `source:ml+` (the marts that read the scores ml_score wrote);
5. for each sync, **plan** then **apply**: Salesforce (`salesforce_accounts`, then
   `salesforce_opportunities`, which hang on the Accounts) and Stripe (`stripe_usage`,
   `stripe_true_ups`). A plan that a guardrail refuses (exit 3) fails its task, so its apply
   never runs;
6. **export** `findings.csv`, `quarantine.csv`, `capture.json` and `report.html` to
   `{{ var.value.leakproof_reports }}/<ds>/`.

Every task is one call of the `leakproof` CLI for one date, so clearing a task or backfilling a
day is safe. All tasks share the pool `leakproof_warehouse` (one slot: DuckDB has one writer).

Variables: `leakproof_cli`, `leakproof_home`, `leakproof_dataset`, `leakproof_reports`.
Worker environment (optional): `LEAKPROOF_MODEL`, the model `ml_score` scores with.
Connections: `leakproof_salesforce`, `leakproof_stripe`. Param `stripe_map_args`: set it to
`--create-missing` when triggering against a test-mode Stripe account to create the customers
and meters it lacks (never on a live account). See `airflow-dags/README.md`.
"""

default_args = {
    "owner": "leakproof",
    "depends_on_past": False,
    "retries": 2,
    "retry_delay": timedelta(minutes=5),
    "execution_timeout": timedelta(hours=2),
    "sla": timedelta(hours=4),
    "pool": "leakproof_warehouse",
    "cwd": HOME,
    "append_env": True,
}

def _daily_dag(dag_id, description, schedule, first_task_id, first_command, first_doc, models_vars):
    """One daily DAG: the first task loads the day (event files, or the lake), the rest is the same."""
    with DAG(
        dag_id=dag_id,
        description=description,
        schedule=schedule,
        start_date=datetime(2026, 1, 1, tzinfo=timezone.utc),
        catchup=False,
        max_active_runs=1,
        dagrun_timeout=timedelta(hours=8),
        default_args=default_args,
        params={"stripe_map_args": ""},
        tags=["leakproof", "revenue-leakage", "reverse-etl"],
        doc_md=DOC,
    ) as dag:
        first = BashOperator(task_id=first_task_id, bash_command=first_command, doc_md=first_doc)

        build_models = BashOperator(
            task_id="build_models",
            bash_command=CLI + " models build " + models_vars,
            env=MODELS_ENV,
            doc_md="Builds every model and runs the schema tests as of `ds`; a failing test fails the task.",
        )

        ml_score = BashOperator(
            task_id="ml_score",
            bash_command=ML_MODEL_GUARD + CLI + ' ml score --work-dir "{{ var.value.leakproof_home }}/work"'
            ' --as-of {{ ds }} --model "$LEAKPROOF_MODEL"',
            doc_md="Scores the warehouse as of `ds` with the model `LEAKPROOF_MODEL` names (anomaly scores and "
            "findings, leakage risk: schema ml), before the syncs read them; skipped, with a line in the log and "
            "exit 0, when no model is configured.",
        )

        stripe_map = BashOperator(
            task_id="stripe_map",
            bash_command=CLI + ' stripe map --warehouse "' + WAREHOUSE + '" $LEAKPROOF_STRIPE_MAP_ARGS',
            env={**STRIPE_ENV, "LEAKPROOF_STRIPE_MAP_ARGS": "{{ params.stripe_map_args }}"},
            doc_md="Writes stripe.customers (account to Stripe customer) and checks the meters. The param "
            "`stripe_map_args` reaches the command through the environment, never through the template.",
        )

        rebuild_billing_models = BashOperator(
            task_id="rebuild_billing_models",
            bash_command=CLI + ' models run -s "billing_usage+ billing_true_ups+ source:ml+" ' + models_vars,
            env=MODELS_ENV,
            doc_md="Rebuilds the billing marts now that every account has its Stripe customer, and the marts that "
            "read what ml_score wrote (crm_account_fields, contract_status, renewal_pipeline).",
        )

        with TaskGroup(group_id="salesforce", tooltip="CRM syncs: plan, then apply") as salesforce:
            plan_salesforce_accounts = BashOperator(
                task_id="plan_salesforce_accounts",
                bash_command=CLI + ' sync plan salesforce_accounts --warehouse "' + WAREHOUSE + '"',
                env=SALESFORCE_ENV,
                doc_md="What the Account sync would send; exit 3 (a guardrail refuses) stops the apply.",
            )
            apply_salesforce_accounts = BashOperator(
                task_id="apply_salesforce_accounts",
                bash_command=CLI + ' sync apply salesforce_accounts --warehouse "' + WAREHOUSE + '"',
                env=SALESFORCE_ENV,
                doc_md="Sends the Account fields that changed; exit 4 means rows were rejected (see sync status).",
            )
            plan_salesforce_opportunities = BashOperator(
                task_id="plan_salesforce_opportunities",
                bash_command=CLI + ' sync plan salesforce_opportunities --warehouse "' + WAREHOUSE + '"',
                env=SALESFORCE_ENV,
                doc_md="What the expansion Opportunity sync would send.",
            )
            apply_salesforce_opportunities = BashOperator(
                task_id="apply_salesforce_opportunities",
                bash_command=CLI + ' sync apply salesforce_opportunities --warehouse "' + WAREHOUSE + '"',
                env=SALESFORCE_ENV,
                doc_md="Sends the expansion Opportunities, after the Accounts they hang on.",
            )
            plan_salesforce_accounts >> apply_salesforce_accounts
            [plan_salesforce_opportunities, apply_salesforce_accounts] >> apply_salesforce_opportunities

        with TaskGroup(group_id="stripe", tooltip="Billing syncs: plan, then apply") as stripe:
            plan_stripe_usage = BashOperator(
                task_id="plan_stripe_usage",
                bash_command=CLI + ' sync plan stripe_usage --warehouse "' + WAREHOUSE + '"',
                env=STRIPE_ENV,
                doc_md="What the usage sync would bill (meter events, adjustments, invoice items).",
            )
            apply_stripe_usage = BashOperator(
                task_id="apply_stripe_usage",
                bash_command=CLI + ' sync apply stripe_usage --warehouse "' + WAREHOUSE + '" --settle PT10S',
                env=STRIPE_ENV,
                doc_md="Bills the usage delta exactly once, then reconciles with Stripe's meter event summaries "
                "(exit 4 on a gap).",
            )
            plan_stripe_true_ups = BashOperator(
                task_id="plan_stripe_true_ups",
                bash_command=CLI + ' sync plan stripe_true_ups --warehouse "' + WAREHOUSE + '"',
                env=STRIPE_ENV,
                doc_md="What the seat true-up sync would invoice.",
            )
            apply_stripe_true_ups = BashOperator(
                task_id="apply_stripe_true_ups",
                bash_command=CLI + ' sync apply stripe_true_ups --warehouse "' + WAREHOUSE + '"',
                env=STRIPE_ENV,
                doc_md="Creates or updates the seat true-up invoice items (never twice).",
            )
            plan_stripe_usage >> apply_stripe_usage
            plan_stripe_true_ups >> apply_stripe_true_ups

        export = BashOperator(
            task_id="export",
            bash_command=CLI + ' export --warehouse "' + WAREHOUSE + '" --out "{{ var.value.leakproof_reports }}/{{ ds }}"',
            doc_md="findings.csv, quarantine.csv, capture.json and report.html for the day.",
        )

        chain(first, build_models, ml_score, stripe_map, rebuild_billing_models, [salesforce, stripe], export)
    return dag


daily = _daily_dag(
    "leakproof_daily",
    "Ingest a day's event files, build the models, sync Salesforce and Stripe, export",
    "0 2 * * *",
    "ingest",
    CLI + ' ingest --dataset "{{ var.value.leakproof_dataset }}" --as-of {{ ds }}'
    ' --work-dir "{{ var.value.leakproof_home }}/work"',
    "Loads the dataset's CSV tables and runs its event files dated up to `ds` that no earlier run read through "
    "the Flink ingestion job into the lasting lake; the warehouse loads the lake's new commits. Re-running a date "
    "reads no file twice and keeps the sync ledgers and the Stripe customer map.",
    AS_OF_VARS,
)

daily_stream = _daily_dag(
    "leakproof_daily_stream",
    "Load the lake the continuous job keeps as of the day's end, build the models, sync, export",
    "15 0 * * *",
    "load_lake",
    CLI + ' ingest --events lake --dataset "{{ var.value.leakproof_dataset }}" --as-of {{ ds }}'
    ' --lake-as-of "{{ data_interval_end }}" --work-dir "{{ var.value.leakproof_home }}/work"',
    "Loads the dataset's CSV tables and the commits `leakproof stream` made to the lake up to the partition's "
    "end (no file ingestion): each commit once, history never re-read. The models read the lake as of that "
    "instant (var lake_as_of), so a re-run of an earlier day sees what that day saw.",
    STREAM_VARS,
)
