{#- run_query while parsing returns nothing (execute is false), as in dbt -#}
{%- set result = run_query("select count(*) as n from " ~ ref('events')) -%}
{%- if not execute and result is not none -%}
  {{ exceptions.raise_compiler_error("run_query returned a result while parsing") }}
{%- endif -%}
{%- set n = result.columns[0].values()[0] if execute else 0 -%}
select {{ n }} as event_count, {{ 'true' if execute else 'false' }} as executed
