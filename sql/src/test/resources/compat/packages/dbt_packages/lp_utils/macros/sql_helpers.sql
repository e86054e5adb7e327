{% macro safe_divide(numerator, denominator) -%}
  {{ return(adapter.dispatch('safe_divide', 'lp_utils')(numerator, denominator)) }}
{%- endmacro %}

{% macro default__safe_divide(numerator, denominator) %}
  ( {{ numerator }} ) / nullif( ( {{ denominator }} ), 0)
{% endmacro %}

{% macro money(expression) -%}
  {{ return(adapter.dispatch('money', 'lp_utils')(expression)) }}
{%- endmacro %}

{% macro default__money(expression) -%}
  {{ expression }}
{%- endmacro %}

{% macro currency() -%}
  {{ return(var('currency')) }}
{%- endmacro %}

{% macro top_values(relation, column, order_by='count(*) desc', limit=none) -%}
select {{ column }}, count(*) as n
from {{ relation }}
group by {{ column }}
order by {{ order_by }}, {{ column }}
{% if limit is not none %}limit {{ limit }}{% endif %}
{%- endmacro %}

{% macro day_list(n) -%}
  {%- set days = [] -%}
  {%- for i in range(n) -%}
    {%- do days.append(i) -%}
  {%- endfor -%}
  {{ return(days) }}
{%- endmacro %}
