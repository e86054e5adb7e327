"""``airflow.models`` of the fake: DAG and BaseOperator."""

from airflow.models.baseoperator import BaseOperator
from airflow.models.dag import DAG

__all__ = ["BaseOperator", "DAG"]
