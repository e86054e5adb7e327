"""Every task's rendered command is a ``leakproof`` command line the real CLI accepts.

Each rendered ``bash_command`` is run by bash -- as BashOperator runs it -- with a stand-in
``leakproof`` that records the argv bash hands it; that argv's subcommand path must exist
(``<cli> <path> --help`` exits 0) and every option it uses must be listed by that help. The CLI
is ``$LEAKPROOF_CLI`` (a command prefix), else the repo's ``./leakproof`` launcher.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

import dagkit

WEBHOOK = "https://hooks.example.test/renewal-emails"


class CliCommandsTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dags = dagkit.all_dags()
        cls.tmp = Path(tempfile.mkdtemp(prefix="leakproof-dag-cli-"))
        cls.shim, cls.log = dagkit.write_recording_cli(cls.tmp / "bin")
        code, text = dagkit.CliHelp.help(())
        if code != 0:
            raise AssertionError(f"the CLI {dagkit.cli_prefix()} does not run (`--help` exited {code}):\n{text}")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def context(self, **overrides) -> dagkit.Context:
        ctx = dagkit.sample_context(str(self.shim), self.tmp, **overrides)
        Path(ctx.variables["leakproof_home"]).mkdir(parents=True, exist_ok=True)  # the deployer creates it
        return ctx

    def run_task(self, task, ctx: dagkit.Context) -> list[dict]:
        """Runs the rendered command with bash as BashOperator would; returns the CLI calls it made."""
        r = dagkit.render_task(task, ctx)
        syntax = subprocess.run(["bash", "-n", "-c", r.bash_command], capture_output=True, text=True)
        self.assertEqual(syntax.returncode, 0, f"bash syntax: {syntax.stderr}\n{r.bash_command}")
        self.assertEqual(shlex.split(r.bash_command)[0], str(self.shim), "the command starts with the CLI")
        self.log.unlink(missing_ok=True)
        env = dagkit.process_env(r)
        p = subprocess.run(["bash", "-c", r.bash_command], cwd=r.cwd, env=env, capture_output=True, text=True,
                           timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        return dagkit.read_calls(self.log)

    def test_every_command_is_a_cli_command_line_the_cli_accepts(self):
        syncs = dagkit.sync_names()
        self.assertTrue(syncs, "`leakproof sync list` listed no sync")
        warehouse = str(self.tmp / "home" / "work" / "warehouse.duckdb")
        for dag in self.dags.values():
            for task in dag.tasks:
                if task.task_id == "ml_score":
                    continue  # guarded by LEAKPROOF_MODEL: the two tests below
                with self.subTest(task=f"{dag.dag_id}.{task.task_id}"):
                    calls = self.run_task(task, self.context())
                    self.assertEqual(len(calls), 1, "one CLI call per task")
                    call = calls[0]
                    argv = call["argv"]
                    path, problems = dagkit.CliHelp.check(argv)
                    self.assertEqual(problems, [], f"{argv}")
                    self.assertEqual(call["cwd"], str(self.tmp / "home"))
                    if "--warehouse" in argv:
                        self.assertEqual(argv[argv.index("--warehouse") + 1], warehouse)
                    if path[:1] == ("models",):
                        self.assertEqual(call["env"].get("LEAKPROOF_WAREHOUSE"), warehouse)
                    if path[:1] == ("sync",):
                        self.assertIn(argv[2], syncs, f"sync {argv[2]} is not shipped")
                        self.assertIn(argv[2], task.task_id, "the task is named after its sync")
                        self.assertEqual(path[1], task.task_id.split(".")[-1].split("_")[0])

    def run_ml_score(self, dag_id: str, model: str | None) -> tuple[subprocess.CompletedProcess, list[dict]]:
        """Runs the DAG's ml_score with bash, LEAKPROOF_MODEL set to ``model`` on the worker (None: unset)."""
        task = self.dags[dag_id].get_task("ml_score")
        r = dagkit.render_task(task, self.context())
        syntax = subprocess.run(["bash", "-n", "-c", r.bash_command], capture_output=True, text=True)
        self.assertEqual(syntax.returncode, 0, f"bash syntax: {syntax.stderr}\n{r.bash_command}")
        worker = {k: v for k, v in os.environ.items() if k != "LEAKPROOF_MODEL"}
        if model is not None:
            worker["LEAKPROOF_MODEL"] = model
        self.log.unlink(missing_ok=True)
        p = subprocess.run(["bash", "-c", r.bash_command], cwd=r.cwd, env=dagkit.process_env(r, worker),
                           capture_output=True, text=True, timeout=60)
        return p, dagkit.read_calls(self.log) if self.log.exists() else []

    def test_ml_score_without_a_model_succeeds_and_calls_nothing(self):
        for dag_id in ("leakproof_daily", "leakproof_daily_stream"):
            for model in (None, ""):
                with self.subTest(dag=dag_id, model=model):
                    p, calls = self.run_ml_score(dag_id, model)
                    self.assertEqual(p.returncode, 0, p.stderr)
                    self.assertEqual(calls, [], "no model: no CLI call")
                    self.assertIn("ml_score: no model configured", p.stdout)

    def test_ml_score_with_a_model_scores_the_day_once(self):
        model = str(self.tmp / "models" / "leakproof model.json")
        for dag_id in ("leakproof_daily", "leakproof_daily_stream"):
            with self.subTest(dag=dag_id):
                p, calls = self.run_ml_score(dag_id, model)
                self.assertEqual(p.returncode, 0, p.stderr)
                self.assertEqual(len(calls), 1, "one CLI call")
                self.assertEqual(calls[0]["argv"], ["ml", "score", "--work-dir", str(self.tmp / "home" / "work"),
                                                    "--as-of", dagkit.SAMPLE_DATE, "--model", model])
                self.assertEqual(calls[0]["cwd"], str(self.tmp / "home"))
                if "ml" in dagkit.CliHelp.commands(()):
                    _, problems = dagkit.CliHelp.check(calls[0]["argv"])
                    self.assertEqual(problems, [], calls[0]["argv"])

    def test_the_t60_lane_posts_to_the_webhook_when_one_is_set_else_writes_drafts(self):
        task = self.dags["leakproof_renewals"].get_task("t60_queue_renewal_emails")
        (call,) = self.run_task(task, self.context())
        self.assertNotIn("--webhook", call["argv"])
        self.assertEqual(call["argv"][call["argv"].index("--out") + 1], str(self.tmp / "drafts" / "2026-06-15"))
        (call,) = self.run_task(task, self.context(variables={"leakproof_renewal_webhook": WEBHOOK}))
        self.assertEqual(call["argv"][call["argv"].index("--webhook") + 1], WEBHOOK)
        self.assertEqual(dagkit.CliHelp.check(call["argv"])[1], [])
        self.assertEqual(call["argv"][:4], ["renewals", "drafts", "--warehouse",
                                            str(self.tmp / "home" / "work" / "warehouse.duckdb")])

    def test_the_t30_alert_gets_the_slack_webhook_from_the_connection(self):
        task = self.dags["leakproof_renewals"].get_task("t30_alert_unsigned_renewals")
        (call,) = self.run_task(task, self.context())
        self.assertEqual(call["argv"][-2:], ["--webhook", "https://hooks.slack.example/services/T/B/x"])
        self.assertIn("--lane", call["argv"])
        self.assertEqual(call["argv"][call["argv"].index("--lane") + 1], "T-30")

    def test_the_stripe_map_param_reaches_the_cli_as_words_and_is_never_run_by_the_shell(self):
        task = self.dags["leakproof_daily"].get_task("stripe_map")
        (call,) = self.run_task(task, self.context())
        self.assertEqual(call["argv"][:2], ["stripe", "map"])
        self.assertNotIn("--create-missing", call["argv"])
        (call,) = self.run_task(task, self.context(params={"stripe_map_args": "--create-missing"}))
        self.assertEqual(call["argv"][-1], "--create-missing")
        self.assertEqual(dagkit.CliHelp.check(call["argv"])[1], [])
        marker = self.tmp / "injected"
        (call,) = self.run_task(task, self.context(params={"stripe_map_args": f"$(touch {marker}); touch {marker}"}))
        self.assertFalse(marker.exists(), "a param must not be able to run a shell command")
        self.assertEqual(call["env"]["STRIPE_API_KEY"], "sk_test_x")

    def test_a_failing_cli_fails_the_task(self):
        # BashOperator fails a task on a non-zero exit: the command must not swallow the CLI's exit code
        failing = self.tmp / "failing" / "leakproof"
        failing.parent.mkdir(exist_ok=True)
        failing.write_text("#!/bin/sh\nexit 3\n")
        failing.chmod(0o755)
        for dag in self.dags.values():
            for task in dag.tasks:
                with self.subTest(task=f"{dag.dag_id}.{task.task_id}"):
                    r = dagkit.render_task(task, self.context(variables={"leakproof_cli": str(failing)}))
                    # ml_score calls the CLI only with a model configured on the worker
                    worker = {**os.environ, "LEAKPROOF_MODEL": str(self.tmp / "model.json")}
                    p = subprocess.run(["bash", "-c", r.bash_command], cwd=r.cwd, env=dagkit.process_env(r, worker),
                                       capture_output=True, timeout=60)
                    self.assertEqual(p.returncode, 3)


if __name__ == "__main__":
    unittest.main()
