"""The DAG files as Airflow's DagBag would load them: parse, import fast, no side effects, settings, graphs."""

from __future__ import annotations

import ast
import shlex
import subprocess
import sys
import unittest
from datetime import datetime, timedelta, timezone
from pathlib import Path

import dagkit

EXPECTED_DAGS = {
    "leakproof_daily.py": {"leakproof_daily", "leakproof_daily_stream"},
    "leakproof_lake_maintenance.py": {"leakproof_lake_maintenance"},
    "leakproof_renewals.py": {"leakproof_renewals"},
    "leakproof_quarterly_audit.py": {"leakproof_compliance_scan", "leakproof_quarterly_audit"},
    "leakproof_usage_alerts.py": {"leakproof_usage_alerts"},
}

SF, ST = "salesforce.", "stripe."
DAILY_AFTER_LOAD = {
        # the learned models score what the models built, before anything reads their tables
        ("build_models", "ml_score"),
        ("ml_score", "stripe_map"),
        ("stripe_map", "rebuild_billing_models"),
        # the billing rebuild before every plan
        ("rebuild_billing_models", SF + "plan_salesforce_accounts"),
        ("rebuild_billing_models", SF + "plan_salesforce_opportunities"),
        ("rebuild_billing_models", ST + "plan_stripe_usage"),
        ("rebuild_billing_models", ST + "plan_stripe_true_ups"),
        # each apply after its plan; Opportunities after the Accounts they hang on
        (SF + "plan_salesforce_accounts", SF + "apply_salesforce_accounts"),
        (SF + "plan_salesforce_opportunities", SF + "apply_salesforce_opportunities"),
        (SF + "apply_salesforce_accounts", SF + "apply_salesforce_opportunities"),
        (ST + "plan_stripe_usage", ST + "apply_stripe_usage"),
        (ST + "plan_stripe_true_ups", ST + "apply_stripe_true_ups"),
        # export last, after every apply that ends a chain
        (SF + "apply_salesforce_opportunities", "export"),
        (ST + "apply_stripe_usage", "export"),
        (ST + "apply_stripe_true_ups", "export"),
}
EXPECTED_EDGES = {
    "leakproof_daily": {("ingest", "build_models")} | DAILY_AFTER_LOAD,
    "leakproof_daily_stream": {("load_lake", "build_models")} | DAILY_AFTER_LOAD,
    "leakproof_lake_maintenance": set(),
    "leakproof_renewals": {
        ("rebuild_renewal_pipeline", "t60_queue_renewal_emails"),
        ("rebuild_renewal_pipeline", "t30_alert_unsigned_renewals"),
        ("t30_alert_unsigned_renewals", "plan_salesforce_renewals"),
        ("plan_salesforce_renewals", "apply_salesforce_renewals"),
    },
    "leakproof_compliance_scan": set(),
    "leakproof_quarterly_audit": set(),
    "leakproof_usage_alerts": set(),
}

EXPECTED_SCHEDULES = {
    "leakproof_daily": "0 2 * * *",
    "leakproof_daily_stream": "15 0 * * *",
    "leakproof_lake_maintenance": "0 4 * * *",
    "leakproof_renewals": "0 6 * * *",
    "leakproof_compliance_scan": "0 7 * * 1",
    "leakproof_quarterly_audit": "0 6 1 1,4,7,10 *",
    "leakproof_usage_alerts": "*/5 * * * *",
}

# What a DAG file's module may call while the scheduler parses it.
ALLOWED_CALLS = {"DAG", "BashOperator", "TaskGroup", "chain", "datetime", "timedelta", "dict",
                 "_daily_dag"}  # leakproof_daily.py's builder of its two DAGs
ALLOWED_IMPORTS = {"airflow", "airflow.operators.bash", "airflow.models.baseoperator", "airflow.utils.task_group",
                   "datetime", "__future__"}
FORBIDDEN_NAMES = {"open", "subprocess", "requests", "urllib", "socket", "Variable", "BaseHook", "Connection",
                   "environ", "getenv", "exec", "eval", "__import__", "input", "sleep", "http", "os", "pathlib",
                   "Path", "glob", "shutil", "sys"}


def without_model_guard(task, command: str) -> str:
    """The command after the daily DAGs' ``LEAKPROOF_MODEL`` guard (ml_score's only shell before the CLI)."""
    if task.task_id != "ml_score":
        return command
    guard = dagkit.load_dag_file(dagkit.DAGS_DIR / "leakproof_daily.py").module.ML_MODEL_GUARD
    assert command.startswith(guard), command
    return command[len(guard):]


def reachable(dag, start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for d in dag.get_task(todo.pop()).downstream_task_ids:
            if d not in seen:
                seen.add(d)
                todo.append(d)
    return seen


class DagFilesTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dags = dagkit.all_dags()

    def test_the_expected_files_and_dags_exist(self):
        self.assertEqual({p.name for p in dagkit.DAG_FILES}, set(EXPECTED_DAGS))
        for path in dagkit.DAG_FILES:
            with self.subTest(file=path.name):
                self.assertEqual({d.dag_id for d in dagkit.load_dag_file(path).dags}, EXPECTED_DAGS[path.name])

    def test_each_file_parses(self):
        for path in dagkit.DAG_FILES:
            with self.subTest(file=path.name):
                ast.parse(path.read_text(encoding="utf-8"), filename=str(path))

    def test_each_file_imports_in_well_under_a_second(self):
        # a fresh interpreter, fake airflow included, as the scheduler's parsing process would
        for path in dagkit.DAG_FILES:
            with self.subTest(file=path.name):
                code = ("import sys, time; sys.path.insert(0, %r); t = time.perf_counter(); import runpy; "
                        "runpy.run_path(%r); print(time.perf_counter() - t)" % (str(dagkit.FAKE_AIRFLOW), str(path)))
                p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                   timeout=60)
                self.assertEqual(p.returncode, 0, p.stderr)
                seconds = float(p.stdout.strip().splitlines()[-1])
                self.assertLess(seconds, 0.5, f"{path.name} took {seconds:.3f} s to import")
                self.assertLess(dagkit.load_dag_file(path, fresh=True).seconds, 0.5)

    def test_module_top_level_does_nothing_but_build_dags(self):
        for path in dagkit.DAG_FILES:
            with self.subTest(file=path.name):
                tree = ast.parse(path.read_text(encoding="utf-8"))
                defined = {n.name for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)}
                problems = []
                for node in ast.walk(tree):
                    if isinstance(node, ast.Import):
                        problems += [f"line {node.lineno}: import {a.name}" for a in node.names
                                     if a.name not in ALLOWED_IMPORTS]
                    elif isinstance(node, ast.ImportFrom):
                        if node.module not in ALLOWED_IMPORTS:
                            problems.append(f"line {node.lineno}: from {node.module} import ...")
                    elif isinstance(node, ast.Call):
                        f = node.func
                        if isinstance(f, ast.Name):
                            if f.id not in ALLOWED_CALLS | defined:
                                problems.append(f"line {node.lineno}: call of {f.id}()")
                        else:
                            problems.append(f"line {node.lineno}: call of {ast.unparse(f)}()")
                    elif isinstance(node, ast.Name) and node.id in FORBIDDEN_NAMES:
                        problems.append(f"line {node.lineno}: uses {node.id}")
                    elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_NAMES | {"get"}:
                        problems.append(f"line {node.lineno}: uses .{node.attr}")
                    elif isinstance(node, ast.Subscript) and "environ" in ast.unparse(node.value):
                        problems.append(f"line {node.lineno}: reads {ast.unparse(node)}")
                self.assertEqual(problems, [], f"{path.name} does work at parse time")

    def test_every_dag_follows_the_settings(self):
        for dag_id, dag in self.dags.items():
            with self.subTest(dag=dag_id):
                self.assertIs(dag.catchup, False)
                self.assertEqual(dag.max_active_runs, 1)
                self.assertTrue(dag.tags and "leakproof" in dag.tags, dag.tags)
                self.assertTrue(dag.doc_md and len(dag.doc_md.strip()) > 200, "doc_md")
                self.assertTrue(dag.description)
                self.assertEqual(dag.schedule, EXPECTED_SCHEDULES[dag_id])
                self.assertEqual(dag.start_date, datetime(2026, 1, 1, tzinfo=timezone.utc))
                self.assertIsInstance(dag.dagrun_timeout, timedelta)
                args = dag.default_args
                self.assertGreaterEqual(args.get("retries", 0), 1)
                self.assertIsInstance(args.get("retry_delay"), timedelta)
                self.assertIsInstance(args.get("sla"), timedelta)
                self.assertEqual(args.get("pool"), "leakproof_warehouse")
                self.assertTrue(dag.tasks, "no tasks")
                for task in dag.tasks:
                    with self.subTest(task=task.task_id):
                        self.assertEqual(type(task).__name__, "BashOperator")
                        self.assertGreaterEqual(task.retries, 1)
                        self.assertIsInstance(task.sla, timedelta)
                        self.assertIsInstance(task.execution_timeout, timedelta)
                        self.assertEqual(task.pool, "leakproof_warehouse", "DuckDB has one writer")
                        self.assertEqual(task.cwd, "{{ var.value.leakproof_home }}")
                        self.assertIs(task.append_env, True)
                        self.assertTrue(task.doc_md)
                        self.assertEqual(task.trigger_rule, "all_success", "a failed step must stop what follows")

    def test_the_task_graphs_are_exactly_the_designed_ones(self):
        for dag_id, edges in EXPECTED_EDGES.items():
            with self.subTest(dag=dag_id):
                self.assertEqual(self.dags[dag_id].edges(), edges)
                self.dags[dag_id].topological_sort()  # raises on a cycle

    def test_the_daily_order_holds_transitively(self):
        dag = self.dags["leakproof_daily"]
        order = ["ingest", "build_models", "ml_score", "stripe_map", "rebuild_billing_models"]
        for up, down in zip(order, order[1:]):
            self.assertIn(down, reachable(dag, up))
        plans = [t.task_id for t in dag.tasks if ".plan_" in t.task_id]
        applies = [t.task_id for t in dag.tasks if ".apply_" in t.task_id]
        self.assertEqual(len(plans), 4)
        self.assertEqual(len(applies), 4)
        for plan in plans:
            self.assertIn(plan, reachable(dag, "rebuild_billing_models"))
            self.assertIn(plan.replace(".plan_", ".apply_"), dag.get_task(plan).downstream_task_ids)
        for task in dag.tasks:
            if task.task_id != "export":
                self.assertIn("export", reachable(dag, task.task_id), task.task_id)
        self.assertEqual(dag.topological_sort()[-1].task_id, "export")
        self.assertEqual(dag.topological_sort()[0].task_id, "ingest")

    def test_ml_score_runs_after_the_models_and_before_every_sync_in_both_daily_dags(self):
        for dag_id in ("leakproof_daily", "leakproof_daily_stream"):
            with self.subTest(dag=dag_id):
                dag = self.dags[dag_id]
                task = dag.get_task("ml_score")
                self.assertEqual(task.upstream_task_ids, {"build_models"})
                self.assertEqual(task.downstream_task_ids, {"stripe_map"})
                syncs = [t.task_id for t in dag.tasks if ".plan_" in t.task_id or ".apply_" in t.task_id]
                self.assertEqual(len(syncs), 8)
                for sync in syncs:
                    self.assertIn(sync, reachable(dag, "ml_score"))
                # the marts that read the ml tables are rebuilt after the scoring, before the syncs
                rebuild = dagkit.render_task(dag.get_task("rebuild_billing_models"),
                                             dagkit.sample_context("leakproof", Path("/srv/lp"))).bash_command
                self.assertIn("source:ml+", rebuild)

    def test_the_streaming_variant_loads_the_lake_as_of_the_partition_end(self):
        dag = self.dags["leakproof_daily_stream"]
        self.assertEqual(dag.topological_sort()[0].task_id, "load_lake")
        self.assertEqual(dag.topological_sort()[-1].task_id, "export")
        ctx = dagkit.sample_context("leakproof", Path("/srv/lp"))
        load = dagkit.render_task(dag.get_task("load_lake"), ctx).bash_command
        self.assertIn(" ingest --events lake ", load)
        self.assertIn('--as-of 2026-06-15 --lake-as-of "2026-06-16T00:00:00+00:00"', load)
        build = dagkit.render_task(dag.get_task("build_models"), ctx).bash_command
        self.assertIn("lake_as_of: '2026-06-16T00:00:00+00:00'", build)
        self.assertNotIn(" ingest --dataset", " ".join(dagkit.render_task(t, ctx).bash_command for t in dag.tasks))
        # the file-fed variant keeps its ingest of the day's files
        daily = dagkit.render_task(self.dags["leakproof_daily"].get_task("ingest"), ctx).bash_command
        self.assertNotIn("--events lake", daily)

    def test_the_lake_maintenance_is_safe_to_run_beside_the_stream(self):
        task = self.dags["leakproof_lake_maintenance"].get_task("maintain_lake")
        cmd = dagkit.render_task(task, dagkit.sample_context("leakproof", Path("/srv/lp"))).bash_command
        self.assertIn(' lake maintain --work-dir "/srv/lp/home/work" --compact', cmd)
        self.assertEqual(task.pool, "leakproof_warehouse")

    def test_the_t30_alert_comes_before_the_crm_sync(self):
        dag = self.dags["leakproof_renewals"]
        self.assertIn("apply_salesforce_renewals", reachable(dag, "t30_alert_unsigned_renewals"))
        self.assertIn("apply_salesforce_renewals", reachable(dag, "rebuild_renewal_pipeline"))
        self.assertIn("t60_queue_renewal_emails", reachable(dag, "rebuild_renewal_pipeline"))

    def test_templates_render_for_the_sample_date(self):
        ctx = dagkit.sample_context("/usr/local/bin/leakproof", Path("/srv/leakproof"))
        for dag in self.dags.values():
            for task in dag.tasks:
                with self.subTest(task=f"{dag.dag_id}.{task.task_id}"):
                    r = dagkit.render_task(task, ctx)
                    self.assertNotIn("{{", r.bash_command + str(r.env) + str(r.cwd))
                    self.assertEqual(r.cwd, "/srv/leakproof/home")
                    self.assertFalse(r.bash_command.rstrip().endswith((".sh", ".bash")),
                                     "Airflow would load a command ending in .sh/.bash as a template file")
                    words = shlex.split(without_model_guard(task, r.bash_command))
                    self.assertEqual(words[0], "/usr/local/bin/leakproof")
                    for w in words:
                        if "{as_of:" in w:
                            self.assertIn(w, ("{as_of: 2026-06-15}",
                                              "{as_of: 2026-06-15, lake_as_of: '2026-06-16T00:00:00+00:00'}"))

    def test_partition_and_paths_come_from_the_run_date(self):
        ctx = dagkit.sample_context("leakproof", Path("/srv/lp"))
        daily = self.dags["leakproof_daily"]
        cmd = {t.task_id: dagkit.render_task(t, ctx).bash_command for t in daily.tasks}
        self.assertIn("--as-of 2026-06-15", cmd["ingest"])
        self.assertIn('--out "/srv/lp/reports/2026-06-15"', cmd["export"])
        self.assertIn('"{as_of: 2026-06-15}"', cmd["build_models"])
        self.assertIn('"{as_of: 2026-06-15}"', cmd["rebuild_billing_models"])
        ren = self.dags["leakproof_renewals"]
        self.assertIn('"{as_of: 2026-06-15}"', dagkit.render_task(ren.get_task("rebuild_renewal_pipeline"), ctx)
                      .bash_command)
        self.assertIn('--out "/srv/lp/drafts/2026-06-15"',
                      dagkit.render_task(ren.get_task("t60_queue_renewal_emails"), ctx).bash_command)

    def test_credentials_only_reach_the_environment_of_tasks_that_need_them(self):
        ctx = dagkit.sample_context("leakproof", Path("/srv/lp"))
        secrets = {"client-secret", "sk_test_x", "https://hooks.slack.example/services/T/B/x"}
        for dag in self.dags.values():
            for task in dag.tasks:
                with self.subTest(task=f"{dag.dag_id}.{task.task_id}"):
                    self.assertNotIn("conn.", task.bash_command, "credentials belong in env, not the command")
                    rendered = dagkit.render_task(task, ctx)
                    for s in secrets:
                        self.assertNotIn(s, rendered.bash_command)
                    env = rendered.env or {}
                    uses_sf = " sync " in task.bash_command and "salesforce_" in task.bash_command
                    uses_stripe = " stripe map" in task.bash_command or (
                        " sync " in task.bash_command and "stripe_" in task.bash_command)
                    self.assertEqual("SALESFORCE_AUTH_CLIENT_SECRET" in env, uses_sf)
                    self.assertEqual("STRIPE_API_KEY" in env, uses_stripe)
                    if uses_sf:
                        self.assertEqual(env["SALESFORCE_LOGIN_URL"], "https://login.salesforce.example")
                        self.assertEqual(env["SALESFORCE_AUTH_CLIENT_ID"], "client-id")
                    if uses_stripe:
                        self.assertEqual(env["STRIPE_API_BASE"], "https://api.stripe.example")
                        self.assertEqual(env["STRIPE_METER_EVENTS_BASE"], "https://meter-events.stripe.example")
                    if " models " in task.bash_command:
                        self.assertEqual(env["LEAKPROOF_WAREHOUSE"], "/srv/lp/home/work/warehouse.duckdb")


class FakeAirflowTest(unittest.TestCase):
    """The fake refuses what Airflow refuses, so the tests above mean something."""

    def setUp(self):
        dagkit.use_fake_airflow()

    def test_unknown_operator_arguments_are_refused(self):
        from airflow import DAG
        from airflow.exceptions import AirflowException
        from airflow.operators.bash import BashOperator

        with DAG(dag_id="t", schedule=None, start_date=datetime(2026, 1, 1, tzinfo=timezone.utc)):
            with self.assertRaisesRegex(AirflowException, r"Invalid arguments were passed to BashOperator"):
                BashOperator(task_id="x", bash_command="true", enviroment={"A": "b"})
            with self.assertRaises(TypeError):
                BashOperator(task_id="y")
            with self.assertRaises(AirflowException):
                BashOperator(task_id="z", bash_command="true", trigger_rule="sometimes")

    def test_unknown_dag_arguments_are_refused(self):
        from airflow import DAG

        with self.assertRaises(TypeError):
            DAG(dag_id="t", schedule=None, catch_up=False)

    def test_default_args_fill_only_what_the_operator_accepts_and_groups_prefix_ids(self):
        from airflow import DAG
        from airflow.exceptions import DuplicateTaskIdFound
        from airflow.models.baseoperator import chain
        from airflow.operators.bash import BashOperator
        from airflow.utils.task_group import TaskGroup

        with DAG(dag_id="t", schedule=None, default_args={"retries": 3, "pool": "p", "not_an_arg": 1,
                                                          "cwd": "/w"}) as dag:
            a = BashOperator(task_id="a", bash_command="true")
            with TaskGroup(group_id="g") as g:
                b = BashOperator(task_id="b", bash_command="true")
                c = BashOperator(task_id="c", bash_command="true", retries=0)
                b >> c
            d = BashOperator(task_id="d", bash_command="true")
            chain(a, g, d)
            with self.assertRaises(DuplicateTaskIdFound):
                BashOperator(task_id="a", bash_command="true")
        self.assertEqual((a.retries, a.pool, a.cwd), (3, "p", "/w"))
        self.assertEqual(c.retries, 0)
        self.assertEqual(b.task_id, "g.b")
        self.assertEqual(dag.edges(), {("a", "g.b"), ("g.b", "g.c"), ("g.c", "d")})
        d >> a
        from airflow.exceptions import AirflowDagCycleException

        with self.assertRaises(AirflowDagCycleException):
            dag.topological_sort()

    def test_lists_link_both_ways(self):
        from airflow import DAG
        from airflow.operators.bash import BashOperator

        with DAG(dag_id="t", schedule=None) as dag:
            a, b, c = (BashOperator(task_id=n, bash_command="true") for n in "abc")
            [a, b] >> c
            d = BashOperator(task_id="d", bash_command="true")
            d << [c]
        self.assertEqual(dag.edges(), {("a", "c"), ("b", "c"), ("c", "d")})


class RendererTest(unittest.TestCase):

    def test_the_supported_subset(self):
        ctx = dagkit.Context(ds="2026-06-15", variables={"v": "x"},
                             connections={"c": {"host": "h", "password": None}}, params={"p": "over"})
        self.assertEqual(dagkit.render("{{ds}} {{ ds_nodash }} {{ var.value.v }} {{ conn.c.host }} "
                                       "{{ conn.c.password }} {{ params.p }} {{ params.q }}", ctx, {"p": "d", "q": 1}),
                         "2026-06-15 20260615 x h None over 1")
        self.assertEqual(dagkit.render('"{as_of: {{ ds }}}"', ctx, {}), '"{as_of: 2026-06-15}"')

    def test_anything_else_fails_clearly(self):
        ctx = dagkit.Context(variables={"v": "x"})
        for bad in ("{{ macros.ds_add(ds, 1) }}", "{{ ds | upper }}", "{{ var.json.v }}", "{{ execution_date }}",
                    "{% if ds %}x{% endif %}", "echo ${#x}", "{{ var.value.missing }}", "{{ conn.nope.host }}",
                    "{{ params.nope }}", "{{ conn.c.extra }}"):
            with self.subTest(template=bad), self.assertRaises(dagkit.TemplateError):
                dagkit.render(bad, ctx, {})


if __name__ == "__main__":
    unittest.main()
