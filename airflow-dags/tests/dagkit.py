"""What the DAG tests share: the fake Airflow on sys.path, loading DAG files, rendering templates, the CLI's help.

Python 3.11 standard library only (Airflow and Jinja cannot be installed here).
"""

from __future__ import annotations

import atexit
import importlib.util
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

TESTS = Path(__file__).resolve().parent
DAGS_DIR = TESTS.parent
REPO = DAGS_DIR.parent
FAKE_AIRFLOW = TESTS / "fake_airflow"
DAG_FILES = sorted(DAGS_DIR.glob("*.py"))
SAMPLE_DATE = "2026-06-15"


# ---------------------------------------------------------------------------------------------
# The fake airflow package and the DAG files
# ---------------------------------------------------------------------------------------------

def use_fake_airflow() -> None:
    """Puts the fake ``airflow`` package first on sys.path (and forgets any other one imported)."""
    path = str(FAKE_AIRFLOW)
    if sys.path[:1] != [path]:
        if path in sys.path:
            sys.path.remove(path)
        sys.path.insert(0, path)
    for name in [m for m in sys.modules if m == "airflow" or m.startswith("airflow.")]:
        module_file = getattr(sys.modules[name], "__file__", "") or ""
        if not module_file.startswith(path):
            del sys.modules[name]


@dataclass
class LoadedFile:
    path: Path
    module: object
    dags: list
    seconds: float


_loaded: dict[Path, LoadedFile] = {}


def load_dag_file(path: Path, fresh: bool = False) -> LoadedFile:
    """Imports a DAG file as Airflow's DagBag does and returns the DAG objects in its globals."""
    use_fake_airflow()
    if not fresh and path in _loaded:
        return _loaded[path]
    from airflow import DAG

    name = f"leakproof_dag_under_test_{path.stem}_{len(_loaded)}_{time.monotonic_ns()}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    start = time.perf_counter()
    spec.loader.exec_module(module)
    seconds = time.perf_counter() - start
    dags = [v for v in vars(module).values() if isinstance(v, DAG)]
    loaded = LoadedFile(path, module, dags, seconds)
    _loaded[path] = loaded
    return loaded


def all_dags() -> dict:
    """dag_id -> DAG for every DAG file."""
    out = {}
    for path in DAG_FILES:
        for dag in load_dag_file(path).dags:
            assert dag.dag_id not in out, f"dag_id {dag.dag_id} is defined twice"
            out[dag.dag_id] = dag
    return out


# ---------------------------------------------------------------------------------------------
# Templates: the subset of Airflow's Jinja context the DAGs may use
# ---------------------------------------------------------------------------------------------

class TemplateError(AssertionError):
    """A template uses something the renderer (and so the DAG contract) does not allow."""


@dataclass
class Context:
    ds: str = SAMPLE_DATE
    variables: dict = field(default_factory=dict)
    connections: dict = field(default_factory=dict)  # conn_id -> {host, login, password, port, schema}
    params: dict = field(default_factory=dict)  # run-time overrides of the DAG's params (dag_run.conf)

    @property
    def ds_nodash(self) -> str:
        return self.ds.replace("-", "")

    @property
    def data_interval_end(self) -> str:
        """The end of a daily run's interval, as Airflow prints the pendulum DateTime."""
        from datetime import date, timedelta as _td
        return (date.fromisoformat(self.ds) + _td(days=1)).isoformat() + "T00:00:00+00:00"


_EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
_VAR = re.compile(r"^var\.value\.([A-Za-z_][A-Za-z0-9_]*)$")
_CONN = re.compile(r"^conn\.([A-Za-z_][A-Za-z0-9_]*)\.(host|login|password|port|schema)$")
_PARAM = re.compile(r"^params\.([A-Za-z_][A-Za-z0-9_]*)$")
CONNECTION_FIELDS = ("host", "login", "password", "port", "schema")


def _jinja_str(value) -> str:
    # Jinja prints None as "None": a connection field left empty would reach the command as that
    return "None" if value is None else str(value)


def render(text: str, ctx: Context, params: dict, where: str = "template") -> str:
    """Renders ``{{ ds }}``, ``{{ ds_nodash }}``, ``{{ var.value.X }}``, ``{{ conn.X.field }}`` and
    ``{{ params.X }}``; anything else (filters, macros, statements, comments) fails with the expression."""
    for opener in ("{%", "{#"):
        if opener in text:
            raise TemplateError(f"{where}: '{opener}' starts a Jinja statement or comment, which the DAGs must not "
                                f"use (or a shell construct Jinja would misread): {text!r}")

    def one(match: re.Match) -> str:
        expr = match.group(1).strip()
        if expr == "ds":
            return ctx.ds
        if expr == "ds_nodash":
            return ctx.ds_nodash
        if expr == "data_interval_end":
            return ctx.data_interval_end
        m = _VAR.match(expr)
        if m:
            if m.group(1) not in ctx.variables:
                raise TemplateError(f"{where}: Variable {m.group(1)!r} does not exist (Airflow: KeyError); "
                                    f"known: {sorted(ctx.variables)}")
            return _jinja_str(ctx.variables[m.group(1)])
        m = _CONN.match(expr)
        if m:
            conn = ctx.connections.get(m.group(1))
            if conn is None:
                raise TemplateError(f"{where}: connection {m.group(1)!r} is not defined (Airflow: "
                                    f"AirflowNotFoundException); known: {sorted(ctx.connections)}")
            return _jinja_str(conn.get(m.group(2)))
        m = _PARAM.match(expr)
        if m:
            merged = {**params, **ctx.params}
            if m.group(1) not in merged:
                raise TemplateError(f"{where}: params.{m.group(1)} is not a param of the DAG or task "
                                    f"(Jinja would render it empty); params: {sorted(merged)}")
            return _jinja_str(merged[m.group(1)])
        raise TemplateError(f"{where}: unsupported template expression {{{{ {expr} }}}}; allowed: ds, ds_nodash, data_interval_end, "
                            f"var.value.NAME, conn.NAME.(host|login|password|port|schema), params.NAME")

    out = _EXPRESSION.sub(one, text)
    if "{{" in out:
        raise TemplateError(f"{where}: an unbalanced '{{{{' is left after rendering: {out!r}")
    return out


@dataclass
class RenderedTask:
    task_id: str
    bash_command: str
    env: dict | None
    cwd: str | None
    append_env: bool


def render_task(task, ctx: Context) -> RenderedTask:
    """Renders a BashOperator's template fields (bash_command, env values, cwd) as Airflow 2.9+ does."""
    where = f"{task.dag.dag_id}.{task.task_id}"
    env = None
    if task.env is not None:
        env = {k: render(v, ctx, task.params, f"{where} env[{k}]") for k, v in task.env.items()}
    cwd = render(task.cwd, ctx, task.params, f"{where} cwd") if task.cwd is not None else None
    return RenderedTask(task.task_id, render(task.bash_command, ctx, task.params, f"{where} bash_command"),
                        env, cwd, task.append_env)


def process_env(rendered: RenderedTask, base: dict | None = None) -> dict:
    """The environment BashOperator gives the command: env alone, or the worker's plus env with append_env."""
    base = dict(os.environ if base is None else base)
    if rendered.env is None:
        return base
    return {**base, **rendered.env} if rendered.append_env else dict(rendered.env)


def sample_context(cli: str, root: Path, **overrides) -> Context:
    """Variables and connections for the sample date, every path under ``root``."""
    variables = {
        "leakproof_cli": cli,
        "leakproof_home": str(root / "home"),
        "leakproof_dataset": str(root / "dataset"),
        "leakproof_reports": str(root / "reports"),
        "leakproof_renewal_drafts": str(root / "drafts"),
        "leakproof_renewal_webhook": "",
        "leakproof_owners_file": str(root / "owners.yml"),
    }
    variables.update(overrides.pop("variables", {}))
    connections = {
        "leakproof_salesforce": {"host": "https://login.salesforce.example", "login": "client-id",
                                 "password": "client-secret", "port": None, "schema": None},
        "leakproof_stripe": {"host": "https://api.stripe.example", "login": None, "password": "sk_test_x",
                             "port": None, "schema": "https://meter-events.stripe.example"},
        "leakproof_slack": {"host": None, "login": None, "password": "https://hooks.slack.example/services/T/B/x",
                            "port": None, "schema": None},
    }
    connections.update(overrides.pop("connections", {}))
    return Context(variables=variables, connections=connections, **overrides)


# ---------------------------------------------------------------------------------------------
# The CLI: its command prefix, its help, what a command line may use
# ---------------------------------------------------------------------------------------------

def cli_prefix() -> list[str]:
    """The CLI as a command prefix: $LEAKPROOF_CLI (shlex-split), else the repo's ./leakproof launcher."""
    configured = os.environ.get("LEAKPROOF_CLI", "").strip()
    return shlex.split(configured) if configured else [str(REPO / "leakproof")]


def write_cli_wrapper(directory: Path, prefix: list[str] | None = None) -> Path:
    """An executable ``leakproof`` in ``directory`` that runs the CLI prefix (what a worker has on PATH)."""
    directory.mkdir(parents=True, exist_ok=True)
    wrapper = directory / "leakproof"
    wrapper.write_text("#!/bin/sh\nexec " + " ".join(shlex.quote(w) for w in (prefix or cli_prefix()))
                       + ' "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    return wrapper


def write_recording_cli(directory: Path) -> tuple[Path, Path]:
    """A stand-in ``leakproof`` that records its argv, cwd and environment as one JSON line, and exits 0."""
    directory.mkdir(parents=True, exist_ok=True)
    log = directory / "calls.jsonl"
    shim = directory / "leakproof"
    shim.write_text(
        f"#!{sys.executable}\n"
        "import json, os, sys\n"
        f"with open({str(log)!r}, 'a', encoding='utf-8') as f:\n"
        "    f.write(json.dumps({'argv': sys.argv[1:], 'cwd': os.getcwd(), 'env': dict(os.environ)}) + '\\n')\n",
        encoding="utf-8")
    shim.chmod(0o755)
    return shim, log


def read_calls(log: Path) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line.strip()]


class CliHelp:
    """``<cli> <path> --help`` per subcommand path, cached; the subcommands and options it lists."""

    _cache: dict[tuple, tuple[int, str]] = {}
    _workdir = None

    @classmethod
    def help(cls, path: tuple) -> tuple[int, str]:
        path = tuple(path)
        if path not in cls._cache:
            if cls._workdir is None:
                cls._workdir = tempfile.mkdtemp(prefix="leakproof-help-")
                atexit.register(shutil.rmtree, cls._workdir, ignore_errors=True)
            try:
                p = subprocess.run(cli_prefix() + list(path) + ["--help"], cwd=cls._workdir, capture_output=True,
                                   text=True, timeout=900, stdin=subprocess.DEVNULL)
                cls._cache[path] = (p.returncode, p.stdout + p.stderr)
            except (OSError, subprocess.TimeoutExpired) as e:
                cls._cache[path] = (-1, f"could not run {cli_prefix() + list(path) + ['--help']}: {e}")
        return cls._cache[path]

    @classmethod
    def commands(cls, path: tuple) -> set[str]:
        """The subcommands (and aliases) the help of ``path`` lists under "Commands:"."""
        code, text = cls.help(path)
        if code != 0:
            return set()
        names, inside = set(), False
        for line in text.splitlines():
            if line.strip() == "Commands:":
                inside = True
                continue
            if inside:
                m = re.match(r"^  (\S[^ ]*(?:, \S+)*)(?:\s{2,}|$)", line)
                if m:
                    names.update(n.strip() for n in m.group(1).split(","))
                elif line and not line.startswith(" "):
                    inside = False
        return names

    @classmethod
    def options(cls, path: tuple) -> set[str]:
        """Every option name the help of ``path`` lists (``--[no-]x`` gives ``--x`` and ``--no-x``)."""
        code, text = cls.help(path)
        out = set()
        if code != 0:
            return out
        for line in text.splitlines():
            m = re.match(r"^ {2,8}(-\S.*)$", line)
            if not m:
                continue
            spec = re.split(r"\s{2,}", m.group(1))[0]
            for part in spec.split(", "):
                name = re.split(r"[=\s]", part.strip())[0]
                if name.startswith("--[no-]"):
                    out.update({"--" + name[7:], "--no-" + name[7:]})
                elif re.match(r"^--?[A-Za-z0-9]", name):
                    out.add(name)
        return out

    @classmethod
    def check(cls, argv: list[str]) -> tuple[tuple, list[str]]:
        """Resolves the subcommand path of a CLI argv and lists every problem with it (empty: fine)."""
        path: list[str] = []
        i = 0
        while i < len(argv) and not argv[i].startswith("-") and argv[i] in cls.commands(tuple(path)):
            path.append(argv[i])
            i += 1
        problems = []
        code, text = cls.help(tuple(path))
        if not path:
            problems.append(f"{argv[:2]} names no subcommand of the CLI (its commands: "
                            f"{sorted(cls.commands(()))})")
            return (), problems
        if code != 0:
            problems.append(f"`leakproof {' '.join(path)} --help` exited {code}: {text.strip()[:300]}")
            return tuple(path), problems
        if cls.commands(tuple(path)) and i < len(argv) and not argv[i].startswith("-"):
            problems.append(f"`leakproof {' '.join(path)}` has no subcommand {argv[i]!r} "
                            f"(it has {sorted(cls.commands(tuple(path)))})")
        known = cls.options(tuple(path))
        for token in argv[i:]:
            if token.startswith("-") and len(token) > 1 and not re.match(r"^-\d", token):
                name = token.split("=", 1)[0]
                if name not in known:
                    problems.append(f"`leakproof {' '.join(path)}` has no option {name} (its options: "
                                    f"{sorted(known)})")
        return tuple(path), problems


def sync_names() -> set[str]:
    """The syncs the CLI ships (``leakproof sync list``, run in a scratch folder)."""
    with tempfile.TemporaryDirectory(prefix="leakproof-synclist-") as tmp:
        p = subprocess.run(cli_prefix() + ["sync", "list"], cwd=tmp, capture_output=True, text=True, timeout=300,
                           stdin=subprocess.DEVNULL)
    if p.returncode != 0:
        return set()
    return {line.split()[0] for line in p.stdout.splitlines() if line.strip() and not line.startswith(" ")}
