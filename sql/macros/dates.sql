{#- Portable date arithmetic. Calcite validates these standard forms and prints each in the
    target's dialect (DuckDB: date + n, date_diff; Snowflake: DATEADD, DATEDIFF). -#}

{% macro as_of() -%}
  date '{{ var("as_of") }}'
{%- endmacro %}

{% macro add_days(date_expr, days) -%}
  timestampadd(day, {{ days }}, {{ date_expr }})
{%- endmacro %}

{% macro add_months(date_expr, months) -%}
  timestampadd(month, {{ months }}, {{ date_expr }})
{%- endmacro %}

{#- The first day of the month of a DATE. -#}
{% macro month_start(date_expr) -%}
  timestampadd(day, 1 - extract(day from {{ date_expr }}), {{ date_expr }})
{%- endmacro %}

{#- The last day of the month of a first-of-month DATE. -#}
{% macro month_end(month_start_expr) -%}
  timestampadd(day, -1, timestampadd(month, 1, {{ month_start_expr }}))
{%- endmacro %}

{#- The instant (UTC) a first-of-month DATE's usage month closes for billing: the first day of
    the next month, 00:00, plus var('billing_close_days'). -#}
{% macro month_close(month_start_expr) -%}
  cast(timestampadd(day, {{ var('billing_close_days') }}, timestampadd(month, 1, {{ month_start_expr }})) as timestamp)
{%- endmacro %}

{#- Months since year 0: month arithmetic without dialect-specific date functions. -#}
{% macro month_index(date_expr) -%}
  cast(extract(year from {{ date_expr }}) * 12 + extract(month from {{ date_expr }}) - 1 as integer)
{%- endmacro %}

{#- 'YYYY-MM' of a DATE. -#}
{% macro month_label(date_expr) -%}
  (cast(extract(year from {{ date_expr }}) as varchar) || '-'
    || case when extract(month from {{ date_expr }}) < 10 then '0' else '' end
    || cast(extract(month from {{ date_expr }}) as varchar))
{%- endmacro %}

{#- Whole contract years between two month indexes: floor(months / 12). -#}
{% macro whole_years(from_index, to_index) -%}
  cast(floor(({{ to_index }} - {{ from_index }}) / 12.0) as integer)
{%- endmacro %}

{#- The lake as it was at var('lake_as_of') (UTC: 'YYYY-MM-DD HH:MM:SS[.ffffff]' or ISO-8601 with Z or
    +00:00): rows the lake committed later are left out, so a re-run of an earlier day sees what
    that day saw. -#}
{% macro lake_as_of_filter() -%}
  {%- if var('lake_as_of', none) -%}
  where _lake_committed_at <= timestamp '{{ var("lake_as_of") | string | replace("T", " ") | replace("Z", "") | replace("+00:00", "") }}'
  {%- endif -%}
{%- endmacro %}

{#- The first usage day Stripe bills (billing_usage): var('stripe_usage_start'), else 30 days before as_of. -#}
{% macro stripe_usage_start() -%}
  {% if var('stripe_usage_start', none) %}date '{{ var("stripe_usage_start") }}'{% else %}{{ add_days(as_of(), -30) }}{% endif %}
{%- endmacro %}
