"""A tiny stand-in for Apache Airflow 2.x, used only by the tests of the Leakproof DAGs.

It implements exactly what the DAG files import -- ``DAG``, ``BashOperator``, ``chain`` and
``TaskGroup`` -- with Airflow's behaviour where a DAG file could get it wrong: unknown
keyword arguments are refused (Airflow's "Invalid arguments were passed"), ``default_args``
fill only the arguments an operator accepts, task ids are unique per DAG and prefixed by
their TaskGroup, dependencies work with ``>>``/``<<`` on tasks, groups and lists.
Nothing here runs a task: the tests render and run the commands themselves.
"""

from airflow.models.dag import DAG

__version__ = "2.10.0+fake"
__all__ = ["DAG"]
