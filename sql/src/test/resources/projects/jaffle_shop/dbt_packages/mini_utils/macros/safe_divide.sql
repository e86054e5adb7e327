{#- A package macro in dbt_utils' style: dispatched, with a default implementation. -#}
{% macro safe_divide(numerator, denominator) -%}
  {{ return(adapter.dispatch('safe_divide', 'mini_utils')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__safe_divide(numerator, denominator) -%}
  case when {{ denominator }} = 0 then null else {{ numerator }} / {{ denominator }} end
{%- endmacro %}
