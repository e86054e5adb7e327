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

{#- The share part / whole of two whole counts (0 <= part, whole > 0), exactly rounded half up
    to 4 decimals: floor((20000 part + whole) / 2 whole) is the share in basis points, exact
    because a quotient of integers is either whole or at least 1 / (2 whole) away from the next
    one (a double's error is far smaller), so DuckDB's double division rounds nothing wrong;
    Snowflake keeps 6 decimals of the quotient, exact while whole < 500,000. -#}
{% macro share(part, whole) -%}
  cast(cast(floor((20000 * ({{ part }}) + ({{ whole }})) / (2.0 * ({{ whole }}))) as decimal(38, 0)) * 0.0001
    as decimal(10, 4))
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
