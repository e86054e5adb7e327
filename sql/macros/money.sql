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

{#- A quantity as text without trailing zeros up to 4 decimals (1150.5, 1000; longer fractions
    in full), exact and portable (Snowflake has no TRIM(TRAILING ...)). -#}
{% macro quantity_text_trimmed(expr) -%}
  case when {{ expr }} = floor({{ expr }}) then cast(cast({{ expr }} as decimal(38, 0)) as varchar)
       when {{ expr }} * 10 = floor({{ expr }} * 10) then cast(cast({{ expr }} as decimal(38, 1)) as varchar)
       when {{ expr }} * 100 = floor({{ expr }} * 100) then cast(cast({{ expr }} as decimal(38, 2)) as varchar)
       when {{ expr }} * 1000 = floor({{ expr }} * 1000) then cast(cast({{ expr }} as decimal(38, 3)) as varchar)
       when {{ expr }} * 10000 = floor({{ expr }} * 10000) then cast(cast({{ expr }} as decimal(38, 4)) as varchar)
       else cast({{ expr }} as varchar) end
{%- endmacro %}
