"""``airflow.operators.bash.BashOperator`` of the fake (Airflow 2.9+: ``cwd`` is a template field)."""

from __future__ import annotations

from airflow.models.baseoperator import BaseOperator


class BashOperator(BaseOperator):
    """Keeps bash_command, env, append_env and cwd for the tests to render and run."""

    own_kwargs = frozenset({
        "bash_command", "env", "append_env", "output_encoding", "skip_exit_code", "skip_on_exit_code", "cwd",
        "output_processor",
    })
    template_fields = ("bash_command", "env", "cwd")
    template_ext = (".sh", ".bash")

    def __init__(self, **kwargs):
        if "bash_command" not in kwargs:
            raise TypeError("BashOperator.__init__() missing required keyword argument: 'bash_command'")
        super().__init__(**kwargs)
        kwargs = self.kwargs  # with the DAG's default_args applied
        self.bash_command = kwargs["bash_command"]
        self.env = kwargs.get("env")
        self.append_env = kwargs.get("append_env", False)
        self.cwd = kwargs.get("cwd")
        self.skip_on_exit_code = kwargs.get("skip_on_exit_code", 99)
        if not isinstance(self.bash_command, str):
            raise TypeError(f"bash_command of {self.task_id} must be a string")
        if self.env is not None and not all(isinstance(k, str) and isinstance(v, str) for k, v in self.env.items()):
            raise TypeError(f"env of {self.task_id} must map strings to strings")
