"""``airflow.utils.task_group.TaskGroup`` of the fake: prefixes task ids and links as a unit."""

from __future__ import annotations

from airflow.models.baseoperator import DependencyMixin
from airflow.models.dag import current_dag, validate_key

_stack: list["TaskGroup"] = []

TASK_GROUP_KWARGS = frozenset({
    "group_id", "prefix_group_id", "parent_group", "dag", "default_args", "tooltip", "ui_color",
    "ui_fgcolor", "add_suffix_on_collision", "group_display_name",
})


def current_group(dag):
    """The innermost open TaskGroup of ``dag``."""
    for group in reversed(_stack):
        if group.dag is dag:
            return group
    return None


class TaskGroup(DependencyMixin):
    """A group of tasks: ``group >> task`` links the group's leaves, ``task >> group`` its roots."""

    def __init__(self, group_id: str, **kwargs):
        unknown = set(kwargs) - TASK_GROUP_KWARGS
        if unknown:
            raise TypeError(f"TaskGroup.__init__() got unexpected keyword argument(s) {sorted(unknown)}")
        validate_key("group_id", group_id)
        self.dag = kwargs.get("dag") or current_dag()
        self.parent = kwargs.get("parent_group") or current_group(self.dag)
        self.prefix_group_id = kwargs.get("prefix_group_id", True)
        self.group_id = self.parent.child_id(group_id) if self.parent is not None else group_id
        self.tooltip = kwargs.get("tooltip", "")
        self.children: list = []
        if self.parent is not None:
            self.parent.children.append(self)

    def child_id(self, label: str) -> str:
        return f"{self.group_id}.{label}" if self.prefix_group_id else label

    def add(self, task) -> None:
        self.children.append(task)

    def tasks(self) -> list:
        out = []
        for c in self.children:
            out.extend(c.tasks() if isinstance(c, TaskGroup) else [c])
        return out

    @property
    def roots(self) -> list:
        ids = {t.task_id for t in self.tasks()}
        return [t for t in self.tasks() if not (t.upstream_task_ids & ids)]

    @property
    def leaves(self) -> list:
        ids = {t.task_id for t in self.tasks()}
        return [t for t in self.tasks() if not (t.downstream_task_ids & ids)]

    def __enter__(self) -> "TaskGroup":
        _stack.append(self)
        return self

    def __exit__(self, *exc) -> None:
        _stack.pop()
