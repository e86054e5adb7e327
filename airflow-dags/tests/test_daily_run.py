"""End to end: the daily DAG's tasks, rendered and run in order for one date against local emulators, twice.

What a worker would do for ``leakproof_daily`` on 2026-06-15: each task's ``bash_command``, ``env``
and ``cwd`` rendered with the Variables and the connections (pointing at a Salesforce and a
Stripe emulator started by ``leakproof emulate``), run by bash in topological order; every task
must exit 0. Then the whole DAG again for the same date: nothing may change -- each sync plans 0
creates and 0 updates, Stripe receives no meter event and no invoice item, and findings.csv is
byte-identical. Then ``leakproof_renewals`` twice and both review DAGs on the warehouse the day
left, with a local receiver for the webhooks: each renewal is notified once.

One exception, forced by the calendar and not by the DAG: 2026-06-15's usage window (30 days
before the date) is older than Stripe's 35-day meter event window on the day the test runs, so
the usage sync routes every day to invoice items at the contract's overage price, and the rows of
accounts without an overage price are rejected UNBILLABLE: ``sync apply stripe_usage`` exits 4
(done with rejected rows) and plans those rows again on the re-run. The test accepts exactly that
-- every non-confirmed ledger row UNBILLABLE, for a day older than the window -- and nothing else.
In Airflow that task would fail (and block ``export``) on such a backfill; see the README.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request
from datetime import date, datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import dagkit

DATE = "2026-06-15"
SAMPLE = dagkit.REPO.parent / "shared" / "sample-dataset"
TASK_TIMEOUT = 600
SYNCS = ("salesforce_accounts", "salesforce_opportunities", "stripe_usage", "stripe_true_ups")


class Emulator:
    """``leakproof emulate NAME`` as a child process; the ``export VAR=value`` lines it prints."""

    def __init__(self, name: str, wanted: set[str], log: Path):
        self.name = name
        self.log = log.open("w", encoding="utf-8")
        self.reader = None
        self.proc = subprocess.Popen(dagkit.cli_prefix() + ["emulate", name], stdout=subprocess.PIPE,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True,
                                     start_new_session=True)
        self.lines: queue.Queue = queue.Queue()
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()
        self.exports: dict[str, str] = {}
        deadline = time.monotonic() + 300  # the launcher may build the CLI first
        seen = []
        # read up to "Ctrl-C stops it." (the last line of the banner), or a second of quiet once all is there
        while not (seen and "Ctrl-C" in seen[-1]):
            done = wanted <= self.exports.keys()
            try:
                line = self.lines.get(timeout=1.0 if done else max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                if done:
                    break
                self.stop()
                raise AssertionError(f"emulate {name} printed no export lines for {sorted(wanted)} in time: "
                                     f"{''.join(seen)}")
            if line is None:
                raise AssertionError(f"emulate {name} exited {self.proc.wait()}: {''.join(seen)}")
            seen.append(line)
            words = shlex.split(line, comments=True)
            if words[:1] == ["export"]:
                self.exports.update(w.split("=", 1) for w in words[1:] if "=" in w)
        if not wanted <= self.exports.keys():
            self.stop()
            raise AssertionError(f"emulate {name} printed no export lines for {sorted(wanted)}: {''.join(seen)}")

    def _drain(self) -> None:
        # keeps reading so the emulator never blocks on a full pipe
        for line in self.proc.stdout:
            self.log.write(line)
            self.log.flush()
            self.lines.put(line)
        self.lines.put(None)

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)
        if self.reader is not None:
            self.reader.join(timeout=10)
        self.proc.stdout.close()
        self.log.close()


class Webhooks:
    """A local receiver for the Slack alert and the renewal-email webhook: it keeps every POST."""

    def __init__(self):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                received.append((self.path, json.loads(body)))
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class DailyRunTest(unittest.TestCase):

    def setUp(self):
        self.tmp = Path(tempfile.mkdtemp(prefix="leakproof-dag-e2e-"))
        self.addCleanup(shutil.rmtree, self.tmp, ignore_errors=True)
        dataset = self.tmp / "dataset"
        dataset.mkdir()
        for f in SAMPLE.iterdir():
            if f.is_file():
                shutil.copy2(f, dataset / f.name)
        (self.tmp / "home").mkdir()  # the deployer creates leakproof_home once
        wrapper = dagkit.write_cli_wrapper(self.tmp / "bin")
        self.salesforce = Emulator("salesforce", {"SALESFORCE_LOGIN_URL", "SALESFORCE_AUTH_CLIENT_ID",
                                                  "SALESFORCE_AUTH_CLIENT_SECRET"}, self.tmp / "salesforce.log")
        self.addCleanup(self.salesforce.stop)
        self.stripe = Emulator("stripe", {"STRIPE_API_BASE", "STRIPE_METER_EVENTS_BASE", "STRIPE_API_KEY"},
                               self.tmp / "stripe.log")
        self.addCleanup(self.stripe.stop)
        self.webhooks = Webhooks()
        self.addCleanup(self.webhooks.stop)
        sf, st = self.salesforce.exports, self.stripe.exports
        self.ctx = dagkit.sample_context(str(wrapper), self.tmp, connections={
            "leakproof_salesforce": {"host": sf["SALESFORCE_LOGIN_URL"], "login": sf["SALESFORCE_AUTH_CLIENT_ID"],
                                     "password": sf["SALESFORCE_AUTH_CLIENT_SECRET"], "port": None, "schema": None},
            "leakproof_stripe": {"host": st["STRIPE_API_BASE"], "login": None, "password": st["STRIPE_API_KEY"],
                                 "port": None, "schema": st["STRIPE_METER_EVENTS_BASE"]},
            "leakproof_slack": {"host": None, "login": None, "password": self.webhooks.url + "/slack", "port": None,
                                "schema": None},
        }, params={"stripe_map_args": "--create-missing"})  # a fresh test-mode account: create its customers
        Path(self.ctx.variables["leakproof_owners_file"]).write_text(
            "default: revops@example.com\nescalate_to: vp-cs@example.com\nowners: {}\n", encoding="utf-8")
        # the worker's environment: nothing of the developer's credentials, the emulator's advertised rate limits
        self.worker_env = {k: v for k, v in os.environ.items() if not k.startswith(("SALESFORCE_", "STRIPE_"))}
        self.worker_env.update({k: v for k, v in st.items() if k.startswith("STRIPE_RATE_")})
        self.dags = dagkit.all_dags()
        self.dag = self.dags["leakproof_daily"]
        self.unbillable = 0  # rows the usage sync could not bill (see unbillable_backfill)

    def run_dag(self, label: str, dag=None) -> dict[str, str]:
        """Runs every task in order, as a worker would; returns each task's output."""
        outputs = {}
        for task in (dag or self.dag).topological_sort():
            r = dagkit.render_task(task, self.ctx)
            start = time.monotonic()
            try:
                p = subprocess.run(["bash", "-c", r.bash_command], cwd=r.cwd, env=dagkit.process_env(r, self.worker_env),
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   timeout=TASK_TIMEOUT)
            except subprocess.TimeoutExpired as e:
                raise AssertionError(f"{label} {task.task_id} ran over {TASK_TIMEOUT} s: {e.output}") from e
            took = time.monotonic() - start
            print(f"  {label} {task.task_id}: exit {p.returncode} in {took:.1f} s", file=sys.stderr, flush=True)
            if not (p.returncode == 4 and dag is None and task.task_id == "stripe.apply_stripe_usage"
                    and self.unbillable_backfill(p.stdout)):
                self.assertEqual(p.returncode, 0,
                                 f"{label} {task.task_id} failed:\n$ {r.bash_command}\n{p.stdout[-6000:]}")
            outputs[task.task_id] = p.stdout
        return outputs

    def unbillable_backfill(self, output: str) -> bool:
        """True when every row the usage sync left unconfirmed is a day past Stripe's 35-day window that has
        no overage price to be invoiced at (see the module's docstring); fails the test otherwise."""
        oldest_meterable = datetime.now(timezone.utc).date() - timedelta(days=33)
        self.assertLess(date.fromisoformat(DATE), oldest_meterable, f"exit 4 on a recent date:\n{output}")
        rejected = re.search(r"stripe_usage: PARTIAL .*; ([\d,]+) confirmed, ([\d,]+) rejected, 0 unprocessed", output)
        self.assertIsNotNone(rejected, output)
        count = int(rejected.group(2).replace(",", ""))
        self.assertRegex(output, rf"capture rate [\d.]+%; {rejected.group(2)} rows with a gap", output)
        warehouse = self.ctx.variables["leakproof_home"] + "/work/warehouse.duckdb"
        status = subprocess.run(dagkit.cli_prefix() + ["sync", "status", "stripe_usage", "--warehouse", warehouse],
                                cwd=self.ctx.variables["leakproof_home"], capture_output=True, text=True, timeout=300,
                                env=self.worker_env)
        self.assertEqual(status.returncode, 0, status.stderr)
        rows = re.findall(r"^  stripe_usage\s+(\S+\|\S+)\s+(\S+)\s+(.*)$", status.stdout, re.M)
        self.assertEqual(len(rows), count, status.stdout)
        for key, state, reason in rows:
            self.assertEqual(state, "rejected", key)
            self.assertRegex(reason, r"^UNBILLABLE: Cannot bill \d+ units of \w+ for [\d-]+ as an invoice item: "
                                     r"no overage price for the account on that day$")
            self.assertLess(date.fromisoformat(key.split("|")[2]), oldest_meterable, key)
        self.unbillable = count
        print(f"  stripe_usage: {count} rows UNBILLABLE (days past Stripe's 35-day window, no overage price): "
              "exit 4 accepted", file=sys.stderr, flush=True)
        return True

    def stripe_state(self) -> dict:
        with urllib.request.urlopen(self.stripe.exports["STRIPE_API_BASE"] + "/__emulator/state", timeout=30) as r:
            return json.load(r)

    def test_a_day_runs_in_order_and_running_it_again_changes_nothing_then_the_renewals_and_reviews_run(self):
        reports = Path(self.ctx.variables["leakproof_reports"]) / DATE
        first = self.run_dag("first run:")
        for name in ("findings.csv", "quarantine.csv", "capture.json", "report.html"):
            self.assertTrue((reports / name).is_file(), name)
        self.assertTrue((self.tmp / "home" / "work" / "warehouse.duckdb").is_file())
        accounts = first["salesforce.apply_salesforce_accounts"]
        created = re.search(r"salesforce_accounts: planned ([\d,]+) creates", accounts)
        self.assertTrue(created and int(created.group(1).replace(",", "")) > 0, accounts)
        billed = self.stripe_state()
        self.assertGreater(billed["customers"], 0)
        self.assertGreater(billed["meterEvents"] + billed["invoiceItems"], 0, billed)
        findings = (reports / "findings.csv").read_bytes()
        quarantine = (reports / "quarantine.csv").read_bytes()

        first_unbillable, self.unbillable = self.unbillable, 0
        second = self.run_dag("second run:")
        self.assertEqual(self.unbillable, first_unbillable)
        for sync in SYNCS:
            group = "salesforce" if sync.startswith("salesforce") else "stripe"
            out = second[f"{group}.apply_{sync}"]
            with self.subTest(sync=sync):
                if sync == "stripe_usage" and self.unbillable:
                    # only the UNBILLABLE rows are planned again (and rejected again, without a request)
                    n = f"{self.unbillable:,}"
                    self.assertRegex(out, rf"{sync}: planned {n} creates, 0 updates, 0 deletes \([\d,]+ unchanged "
                                          rf"of [\d,]+ rows; {n} sent again\)")
                    self.assertRegex(out, rf"; 0 confirmed, {n} rejected, 0 unprocessed")
                else:
                    self.assertRegex(out, rf"{sync}: planned 0 creates, 0 updates, 0 deletes")
        again = self.stripe_state()
        self.assertEqual((again["meterEvents"], again["invoiceItems"], again["customers"]),
                         (billed["meterEvents"], billed["invoiceItems"], billed["customers"]),
                         "the second run must send nothing to Stripe")
        self.assertEqual((reports / "findings.csv").read_bytes(), findings, "findings.csv changed on a re-run")
        self.assertEqual((reports / "quarantine.csv").read_bytes(), quarantine, "quarantine.csv changed on a re-run")

        self.the_renewal_and_review_dags_run_on_the_days_warehouse()

    def the_renewal_and_review_dags_run_on_the_days_warehouse(self):
        """The other DAGs, on the warehouse the daily DAG left (its Accounts are in the emulated org)."""
        drafts = Path(self.ctx.variables["leakproof_renewal_drafts"]) / DATE
        first = self.run_dag("renewals:", self.dags["leakproof_renewals"])
        emails = sorted(p.name for p in drafts.glob("*.eml"))
        alerts = [body for path, body in self.webhooks.received if path == "/slack"]
        self.assertTrue(emails, first["t60_queue_renewal_emails"])
        self.assertTrue(alerts and all("Renewal at risk" in a["text"] for a in alerts), self.webhooks.received)
        self.assertRegex(first["apply_salesforce_renewals"], r"salesforce_renewals: SUCCEEDED .*; [1-9][\d,]* confirmed, "
                                                              r"0 rejected")
        again = self.run_dag("renewals again:", self.dags["leakproof_renewals"])
        self.assertEqual(sorted(p.name for p in drafts.glob("*.eml")), emails)
        self.assertEqual(len(self.webhooks.received), len(alerts), "each renewal is notified once")
        self.assertRegex(again["apply_salesforce_renewals"], r"salesforce_renewals: planned 0 creates, 0 updates, 0 deletes")
        for dag_id, folder in (("leakproof_compliance_scan", "compliance"), ("leakproof_quarterly_audit", "quarterly-audit")):
            self.run_dag("review:", self.dags[dag_id])
            review = Path(self.ctx.variables["leakproof_reports"]) / folder / DATE / "review.csv"
            self.assertTrue(review.is_file(), review)


if __name__ == "__main__":
    unittest.main()
