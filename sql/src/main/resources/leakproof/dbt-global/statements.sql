{#- dbt's statement block and its friends: run SQL while a template renders. -#}

{% macro statement(name=none, fetch_result=false, auto_begin=true) -%}
  {{ __statement(name, caller(), fetch_result) }}
{%- endmacro %}
