"""``airflow.models.dag.DAG`` of the fake: a context manager that collects its tasks."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from airflow.exceptions import AirflowException, DuplicateTaskIdFound

# The keyword arguments of airflow.models.dag.DAG.__init__ in Airflow 2.9-2.11. Anything else is a
# TypeError in Airflow ("got an unexpected keyword argument"), so it is one here too.
DAG_KWARGS = frozenset({
    "dag_id", "description", "schedule", "schedule_interval", "timetable", "start_date", "end_date",
    "full_filepath", "template_searchpath", "template_undefined", "user_defined_macros",
    "user_defined_filters", "default_args", "concurrency", "max_active_tasks", "max_active_runs",
    "max_consecutive_failed_dag_runs", "dagrun_timeout", "sla_miss_callback", "default_view",
    "orientation", "catchup", "on_success_callback", "on_failure_callback", "doc_md", "params",
    "access_control", "is_paused_upon_creation", "jinja_environment_kwargs",
    "render_template_as_native_obj", "tags", "owner_links", "auto_register", "fail_stop",
    "dag_display_name",
})

_KEY = re.compile(r"^[A-Za-z0-9_.\-]+$")

_stack: list["DAG"] = []


def current_dag() -> "DAG | None":
    """The DAG whose ``with`` block is open, if any."""
    return _stack[-1] if _stack else None


def validate_key(kind: str, key: str) -> None:
    """Airflow's rule for dag and task ids: alphanumerics, dashes, dots and underscores, at most 250."""
    if not isinstance(key, str) or not key or len(key) > 250 or not _KEY.match(key):
        raise AirflowException(f"The {kind} {key!r} has to be made of alphanumeric characters, dashes, dots "
                               "and underscores exclusively (at most 250)")


class DAG:
    """Keeps what the tests inspect; refuses what Airflow would refuse at parse time."""

    def __init__(self, dag_id: str | None = None, *args, **kwargs):
        if args:
            raise TypeError("DAG() takes dag_id and keyword arguments only in this fake")
        unknown = set(kwargs) - DAG_KWARGS
        if unknown:
            raise TypeError(f"DAG.__init__() got unexpected keyword argument(s) {sorted(unknown)}")
        if dag_id is None:
            dag_id = kwargs.pop("dag_id", None)
        validate_key("dag_id", dag_id)
        if "schedule" in kwargs and "schedule_interval" in kwargs:
            raise AirflowException("You cannot set both `schedule` and `schedule_interval`")
        self.dag_id = dag_id
        self.kwargs = dict(kwargs)
        self.schedule = kwargs.get("schedule", kwargs.get("schedule_interval", timedelta(days=1)))
        self.catchup = kwargs.get("catchup", True)  # Airflow's default ([scheduler] catchup_by_default)
        self.tags = kwargs.get("tags")
        self.doc_md = kwargs.get("doc_md")
        self.description = kwargs.get("description")
        self.default_args = dict(kwargs.get("default_args") or {})
        self.max_active_runs = kwargs.get("max_active_runs", 16)
        self.max_active_tasks = kwargs.get("max_active_tasks", 16)
        self.dagrun_timeout = kwargs.get("dagrun_timeout")
        self.params = dict(kwargs.get("params") or {})
        self.start_date = kwargs.get("start_date", self.default_args.get("start_date"))
        if self.start_date is not None and not isinstance(self.start_date, datetime):
            raise TypeError(f"start_date of {dag_id} must be a datetime, got {self.start_date!r}")
        if self.tags is not None:
            for tag in self.tags:
                if not isinstance(tag, str) or len(tag) > 100:
                    raise AirflowException(f"tag {tag!r} of {dag_id} must be a string of at most 100 characters")
        self.task_dict: dict[str, object] = {}

    # -- context manager ------------------------------------------------------------------------
    def __enter__(self) -> "DAG":
        _stack.append(self)
        return self

    def __exit__(self, *exc) -> None:
        _stack.pop()

    # -- tasks ----------------------------------------------------------------------------------
    def add_task(self, task) -> None:
        if task.task_id in self.task_dict:
            raise DuplicateTaskIdFound(f"Task id '{task.task_id}' has already been added to the DAG {self.dag_id}")
        self.task_dict[task.task_id] = task

    @property
    def tasks(self) -> list:
        return list(self.task_dict.values())

    @property
    def task_ids(self) -> list[str]:
        return list(self.task_dict)

    def get_task(self, task_id: str):
        return self.task_dict[task_id]

    def edges(self) -> set[tuple[str, str]]:
        """Every dependency as (upstream task id, downstream task id)."""
        return {(t.task_id, d) for t in self.tasks for d in t.downstream_task_ids}

    def topological_sort(self) -> list:
        """Tasks in an order that respects every edge; ties in the order the file defined them.

        Raises AirflowDagCycleException on a cycle, as Airflow's DagBag does (check_cycle).
        """
        from airflow.exceptions import AirflowDagCycleException

        indegree = {tid: len(t.upstream_task_ids) for tid, t in self.task_dict.items()}
        ready = [tid for tid in self.task_dict if indegree[tid] == 0]
        order = []
        while ready:
            tid = ready.pop(0)
            order.append(self.task_dict[tid])
            for d in sorted(self.task_dict[tid].downstream_task_ids, key=self.task_ids.index):
                indegree[d] -= 1
                if indegree[d] == 0:
                    ready.append(d)
            ready.sort(key=self.task_ids.index)
        if len(order) != len(self.task_dict):
            stuck = sorted(tid for tid, n in indegree.items() if n > 0)
            raise AirflowDagCycleException(f"Cycle detected in DAG {self.dag_id}: {stuck}")
        return order

    def __repr__(self) -> str:
        return f"<DAG: {self.dag_id}>"
