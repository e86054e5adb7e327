{#- materializations are parsed; those for other adapters are ignored -#}
{% materialization table, adapter='snowflake' %}
  {{ exceptions.raise_compiler_error("the snowflake table materialization must not run on duckdb") }}
{% endmaterialization %}

{% materialization lp_noop, default %}
  {{ return({'relations': []}) }}
{% endmaterialization %}
