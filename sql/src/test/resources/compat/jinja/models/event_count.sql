{#- run_query while parsing returns nothing (execute is false), as in dbt -#}
{%- set result = run_query("select count(*) as n from " ~ ref('events')) -%}
{%- if not execute and result is not none -%}
  {{ exceptions.raise_compiler_error("run_query returned a result while parsing") }}
{%- endif -%}
{%- set n = result.columns[0].values()[0] if execute else 0 -%}
{#- an empty result keeps its columns, as an agate table does -#}
{%- set empty = run_query("select id, kind from " ~ ref('events') ~ " where id < 0") -%}
{%- set empty_columns = empty.column_names | join(',') if execute else '' -%}
{%- set empty_rows = empty.columns[0].values() | length if execute else -1 -%}
select {{ n }} as event_count, {{ 'true' if execute else 'false' }} as executed,
  '{{ empty_columns }}' as empty_columns, {{ empty_rows }} as empty_rows
