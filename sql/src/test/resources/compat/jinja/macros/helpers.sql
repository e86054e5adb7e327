{#- a default that is SQL text, with a comma and parentheses inside the string -#}
{% macro ranked(relation, column, order_by='count(*) desc, coalesce(kind, \'\')', limit=none) -%}
select {{ column }}, count(*) as n
from {{ relation }}
group by {{ column }}
order by {{ order_by }}
{%- if limit is not none %} limit {{ limit }}{% endif %}
{%- endmacro %}

{#- *varargs -#}
{% macro sum_of(first) -%}
  ({{ first }}{% for c in varargs %} + {{ c }}{% endfor %})
{%- endmacro %}

{#- **kwargs -#}
{% macro select_as(relation) -%}
select
{%- for alias, expression in kwargs.items() %}
  {{ expression }} as {{ alias }}{{ "," if not loop.last }}
{%- endfor %}
from {{ relation }}
{%- endmacro %}

{#- return() ends the macro at once: the text after it is never printed -#}
{% macro first_positive(values) -%}
  {%- for v in values -%}
    {%- if v > 0 -%}{{ return(v) }}{%- endif -%}
  {%- endfor -%}
  {{ return(none) }}
  this text is never rendered
{%- endmacro %}

{#- Python % formatting, str methods and a dict with a trailing comma -#}
{% macro rounded(column, places=2) -%}
  {%- set spec = {'column': column, 'places': places,} -%}
  {{ "round(%s, %d)" % (spec['column'], spec['places']) }}
{%- endmacro %}
