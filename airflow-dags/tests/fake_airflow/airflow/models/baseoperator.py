"""``airflow.models.baseoperator`` of the fake: BaseOperator, the dependency operators and ``chain``."""

from __future__ import annotations

from datetime import timedelta

from airflow.exceptions import AirflowException
from airflow.models.dag import current_dag, validate_key

# The keyword arguments of airflow.models.baseoperator.BaseOperator.__init__ in Airflow 2.9-2.11.
# An operator given anything outside its own arguments and these fails like Airflow's
# "Invalid arguments were passed to BashOperator".
BASE_OPERATOR_KWARGS = frozenset({
    "task_id", "owner", "email", "email_on_retry", "email_on_failure", "retries", "retry_delay",
    "retry_exponential_backoff", "max_retry_delay", "start_date", "end_date", "depends_on_past",
    "ignore_first_depends_on_past", "wait_for_past_depends_before_skipping", "wait_for_downstream",
    "dag", "params", "default_args", "priority_weight", "weight_rule", "queue", "pool", "pool_slots",
    "sla", "execution_timeout", "on_execute_callback", "on_failure_callback", "on_success_callback",
    "on_retry_callback", "on_skipped_callback", "pre_execute", "post_execute", "trigger_rule",
    "resources", "run_as_user", "task_concurrency", "max_active_tis_per_dag",
    "max_active_tis_per_dagrun", "executor", "executor_config", "do_xcom_push", "multiple_outputs",
    "inlets", "outlets", "task_group", "doc", "doc_md", "doc_json", "doc_yaml", "doc_rst",
    "task_display_name", "logger_name", "allow_nested_operators",
})

# airflow.utils.trigger_rule.TriggerRule
TRIGGER_RULES = frozenset({
    "all_success", "all_failed", "all_done", "all_done_setup_success", "one_success", "one_failed",
    "one_done", "none_failed", "none_failed_or_skipped", "none_skipped", "dummy", "always",
    "none_failed_min_one_success", "all_skipped",
})

_TIMEDELTA_ARGS = ("retry_delay", "max_retry_delay", "sla", "execution_timeout")


def _flatten(items):
    if isinstance(items, (list, tuple, set)):
        out = []
        for i in items:
            out.extend(_flatten(i))
        return out
    return [items]


class DependencyMixin:
    """``>>``, ``<<``, set_upstream and set_downstream on tasks and task groups, with lists on either side."""

    # a task's own roots and leaves are itself; a TaskGroup answers with its boundary tasks
    @property
    def roots(self) -> list:
        return [self]

    @property
    def leaves(self) -> list:
        return [self]

    def set_downstream(self, other) -> None:
        for up in self.leaves:
            for target in _flatten(other):
                for down in target.roots:
                    _link(up, down)

    def set_upstream(self, other) -> None:
        for source in _flatten(other):
            for up in source.leaves:
                for down in self.roots:
                    _link(up, down)

    def __rshift__(self, other):
        self.set_downstream(other)
        return other

    def __lshift__(self, other):
        self.set_upstream(other)
        return other

    def __rrshift__(self, other):
        # [a, b] >> self
        self.set_upstream(other)
        return self

    def __rlshift__(self, other):
        # [a, b] << self
        self.set_downstream(other)
        return self


def _link(up: "BaseOperator", down: "BaseOperator") -> None:
    if not isinstance(up, BaseOperator) or not isinstance(down, BaseOperator):
        raise TypeError(f"Relationships can only be set between operators and task groups; got {up!r} and {down!r}")
    if up is down:
        raise AirflowException(f"Dependency {up.task_id} >> {down.task_id}: a task cannot depend on itself")
    if up.dag is not down.dag:
        raise AirflowException(f"Tried to set relationships between tasks in more than one DAG: {up} and {down}")
    up.downstream_task_ids.add(down.task_id)
    down.upstream_task_ids.add(up.task_id)


class BaseOperator(DependencyMixin):
    """Keeps the arguments; checks them as Airflow does when the DAG file is parsed."""

    #: the operator's own keyword arguments (beyond BaseOperator's)
    own_kwargs: frozenset = frozenset()
    template_fields: tuple = ()

    def __init__(self, **kwargs):
        cls = type(self).__name__
        dag = kwargs.pop("dag", None) or current_dag()
        accepted = BASE_OPERATOR_KWARGS | self.own_kwargs
        unknown = {k: v for k, v in kwargs.items() if k not in accepted}
        if unknown:
            raise AirflowException(f"Invalid arguments were passed to {cls} (task_id: {kwargs.get('task_id')}). "
                                   f"Invalid arguments were:\n**kwargs: {unknown}")
        if "task_id" not in kwargs:
            raise TypeError(f"{cls}.__init__() missing required keyword argument: 'task_id'")
        # default_args (the DAG's, then the operator's own) fill only the arguments the operator accepts
        defaults = dict(dag.default_args) if dag is not None else {}
        defaults.update(kwargs.pop("default_args", None) or {})
        for key, value in defaults.items():
            if key in accepted and key not in kwargs and key not in ("task_id", "dag", "default_args"):
                kwargs[key] = value
        from airflow.utils.task_group import current_group

        group = kwargs.pop("task_group", None) or current_group(dag)
        validate_key("task_id", kwargs["task_id"])
        self.task_group = group
        self.task_id = group.child_id(kwargs["task_id"]) if group is not None else kwargs["task_id"]
        self.kwargs = kwargs
        self.dag = dag
        self.owner = kwargs.get("owner", "airflow")
        self.retries = kwargs.get("retries", 0)
        if not isinstance(self.retries, int) or self.retries < 0:
            raise AirflowException(f"'retries' of {self.task_id} must be a non-negative integer, got {self.retries!r}")
        for name in _TIMEDELTA_ARGS:
            value = kwargs.get(name)
            if value is not None and not isinstance(value, timedelta):
                raise AirflowException(f"'{name}' of {self.task_id} must be a timedelta, got {value!r}")
        self.retry_delay = kwargs.get("retry_delay", timedelta(seconds=300))
        self.sla = kwargs.get("sla")
        self.execution_timeout = kwargs.get("execution_timeout")
        self.pool = kwargs.get("pool", "default_pool")
        if not isinstance(self.pool, str) or not self.pool:
            raise AirflowException(f"'pool' of {self.task_id} must be a pool name, got {self.pool!r}")
        self.trigger_rule = kwargs.get("trigger_rule", "all_success")
        if self.trigger_rule not in TRIGGER_RULES:
            raise AirflowException(f"The trigger_rule must be one of {sorted(TRIGGER_RULES)}, "
                                   f"'{self.task_id}'; received '{self.trigger_rule}'.")
        self.doc_md = kwargs.get("doc_md")
        self.params = dict(dag.params) if dag is not None else {}
        self.params.update(kwargs.get("params") or {})
        self.upstream_task_ids: set[str] = set()
        self.downstream_task_ids: set[str] = set()
        if dag is not None:
            dag.add_task(self)
        if group is not None:
            group.add(self)

    def __repr__(self) -> str:
        return f"<Task({type(self).__name__}): {self.task_id}>"


def chain(*tasks) -> None:
    """Airflow's ``chain``: each element runs before the next; two lists next to each other pair up."""
    for up, down in zip(tasks, tasks[1:]):
        if isinstance(up, (list, tuple)) and isinstance(down, (list, tuple)):
            if len(up) != len(down):
                raise AirflowException(f"Chain not supported for different length Iterable. Got {len(up)} and {len(down)}.")
            for u, d in zip(up, down):
                u.set_downstream(d)
        elif isinstance(up, (list, tuple)):
            for u in up:
                u.set_downstream(down)
        else:
            up.set_downstream(down)
