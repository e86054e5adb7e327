"""The exceptions the fake raises, named as Airflow names them."""


class AirflowException(Exception):
    """Base class, as in Airflow."""


class DuplicateTaskIdFound(AirflowException):
    """Two tasks of one DAG share a task id."""


class AirflowDagCycleException(AirflowException):
    """The task graph has a cycle."""
