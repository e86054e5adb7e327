{#- the root project's version wins: dispatch's search_order puts compat_packages first -#}
{% macro default__money(expression) -%}
  cast({{ expression }} as decimal(18, 2))
{%- endmacro %}
