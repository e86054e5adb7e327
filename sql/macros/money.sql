{#- Money and numbers in SQL: exact decimals, rounded half away from zero to cents (the same in
    DuckDB and Snowflake), and printed without exponent for evidence text. -#}

{% macro cents(expr) -%}
  cast(round({{ expr }}, 2) as decimal(38, 2))
{%- endmacro %}

{#- Money as text: 1162.20 -#}
{% macro money_text(expr) -%}
  cast(cast(round({{ expr }}, 2) as decimal(38, 2)) as varchar)
{%- endmacro %}

{#- A quantity as text: integral quantities without decimals. -#}
{% macro quantity_text(expr) -%}
  case when {{ expr }} = floor({{ expr }})
       then cast(cast({{ expr }} as decimal(38, 0)) as varchar)
       else cast({{ expr }} as varchar) end
{%- endmacro %}

{#- A percentage from a fraction with one decimal: 12.5 -#}
{% macro pct_text(expr) -%}
  cast(cast(round({{ expr }}, 1) as decimal(38, 1)) as varchar)
{%- endmacro %}
