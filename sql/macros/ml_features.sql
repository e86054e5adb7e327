{#- Numbers for the ML feature marts: every feature is a DOUBLE and never null, so Java reads a
    mart as a matrix. -#}

{#- numerator / denominator as a double, or the default when the denominator is not positive
    (missing, zero or negative). -#}
{% macro ratio_or(numerator, denominator, default) -%}
  case when {{ denominator }} > 0
       then cast({{ numerator }} as double) / cast({{ denominator }} as double)
       else cast({{ default }} as double) end
{%- endmacro %}

{#- A number as a double, the default when null. -#}
{% macro feature(expr, default) -%}
  cast(coalesce({{ expr }}, {{ default }}) as double)
{%- endmacro %}

{#- 1 when the condition holds, else 0 (also when it is null), as a double. -#}
{% macro flag(condition) -%}
  cast(case when {{ condition }} then 1 else 0 end as double)
{%- endmacro %}

{#- A whole number clamped to [low, high]. -#}
{% macro clamp(expr, low, high) -%}
  case when {{ expr }} < {{ low }} then {{ low }} when {{ expr }} > {{ high }} then {{ high }} else {{ expr }} end
{%- endmacro %}
