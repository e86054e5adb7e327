{#- The four generic tests every dbt project has; each selects the failing rows. A project or a
    package may override them by defining its own test of the same name. -#}

{%- macro get_where_subquery(relation) -%}
  {%- set where = config.get('where') -%}
  {%- if where -%}
    {%- if "__dbt__cte__" in (relation | string) -%}
      (select * from {{ relation }} where {{ where }}) dbt_subquery
    {%- else -%}
      (select * from {{ relation }} where {{ where }}) dbt_subquery
    {%- endif -%}
  {%- else -%}
    {{ relation }}
  {%- endif -%}
{%- endmacro %}

{% test unique(model, column_name) %}
  {{ adapter.dispatch('test_unique', 'dbt')(model, column_name) }}
{% endtest %}
{% macro default__test_unique(model, column_name) %}
select {{ column_name }} as unique_field, count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
group by {{ column_name }}
having count(*) > 1
{% endmacro %}

{% test not_null(model, column_name) %}
  {{ adapter.dispatch('test_not_null', 'dbt')(model, column_name) }}
{% endtest %}
{% macro default__test_not_null(model, column_name) %}
select {{ column_name }}
from {{ model }}
where {{ column_name }} is null
{% endmacro %}

{% test accepted_values(model, column_name, values, quote=True) %}
  {{ adapter.dispatch('test_accepted_values', 'dbt')(model, column_name, values, quote) }}
{% endtest %}
{% macro default__test_accepted_values(model, column_name, values, quote=True) %}
{%- if not values -%}
  {{ exceptions.raise_compiler_error("accepted_values on " ~ column_name ~ " needs values") }}
{%- endif -%}
select {{ column_name }} as value_field, count(*) as n_records
from {{ model }}
where {{ column_name }} is not null
  and {% if quote %}cast({{ column_name }} as varchar){% else %}{{ column_name }}{% endif %} not in (
  {%- for value in values -%}
    {% if quote %}'{{ value | string | replace("'", "''") }}'{% else %}{{ value }}{% endif %}{{ ", " if not loop.last }}
  {%- endfor -%})
group by {{ column_name }}
{% endmacro %}

{% test relationships(model, column_name, to, field) %}
  {{ adapter.dispatch('test_relationships', 'dbt')(model, column_name, to, field) }}
{% endtest %}
{% macro default__test_relationships(model, column_name, to, field) %}
select child.{{ column_name }} as from_field
from {{ model }} as child
left join {{ to }} as parent
  on child.{{ column_name }} = parent.{{ field }}
where child.{{ column_name }} is not null
  and parent.{{ field }} is null
{% endmacro %}
