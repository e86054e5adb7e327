{#- More of dbt's global macros that packages call as dbt.<name> or unqualified: test helpers,
    string and array helpers, and the date spine dbt-core ships since 1.8. Written for
    Leakproof from dbt's documented behaviour; each dispatches as dbt's do. -#}

{% macro should_store_failures() -%}
  {%- set config_store_failures = config.get('store_failures') -%}
  {%- if config_store_failures is none -%}
    {%- set config_store_failures = flags.STORE_FAILURES -%}
  {%- endif -%}
  {{ return(config_store_failures) }}
{%- endmacro %}

{% macro should_revoke(existing_relation, full_refresh_mode=True) -%}
  {{ return(False) }}
{%- endmacro %}

{% macro split_part(string_text, delimiter_text, part_number) -%}
  {{ return(adapter.dispatch('split_part', 'dbt')(string_text, delimiter_text, part_number)) }}
{%- endmacro %}
{% macro default__split_part(string_text, delimiter_text, part_number) -%}
  split_part({{ string_text }}, {{ delimiter_text }}, {{ part_number }})
{%- endmacro %}

{% macro right(string_text, length_expression) -%}
  {{ return(adapter.dispatch('right', 'dbt')(string_text, length_expression)) }}
{%- endmacro %}
{% macro default__right(string_text, length_expression) -%}
  right({{ string_text }}, {{ length_expression }})
{%- endmacro %}

{% macro cast(field, type) -%}
  {{ return(adapter.dispatch('cast', 'dbt')(field, type)) }}
{%- endmacro %}
{% macro default__cast(field, type) -%}
  cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro bool_or(expression) -%}
  {{ return(adapter.dispatch('bool_or', 'dbt')(expression)) }}
{%- endmacro %}
{% macro default__bool_or(expression) -%}
  bool_or({{ expression }})
{%- endmacro %}

{% macro date(year, month, day) -%}
  {{ return(adapter.dispatch('date', 'dbt')(year, month, day)) }}
{%- endmacro %}
{% macro default__date(year, month, day) -%}
  {%- set dt = modules.datetime.date(year, month, day) -%}
  {%- set iso_8601_formatted_date = dt.strftime('%Y-%m-%d') -%}
  to_date('{{ iso_8601_formatted_date }}', 'YYYY-MM-DD')
{%- endmacro %}
{% macro duckdb__date(year, month, day) -%}
  {%- set dt = modules.datetime.date(year, month, day) -%}
  cast('{{ dt.strftime('%Y-%m-%d') }}' as date)
{%- endmacro %}

{% macro get_powers_of_two(upper_bound) -%}
  {{ return(adapter.dispatch('get_powers_of_two', 'dbt')(upper_bound)) }}
{%- endmacro %}
{% macro default__get_powers_of_two(upper_bound) -%}
  {%- if upper_bound <= 0 -%}
    {{ exceptions.raise_compiler_error("upper bound must be positive") }}
  {%- endif -%}
  {%- for _ in range(1, 100) -%}
    {%- if upper_bound <= 2 ** loop.index -%}{{ return(loop.index) }}{%- endif -%}
  {%- endfor -%}
{%- endmacro %}

{% macro generate_series(upper_bound) -%}
  {{ return(adapter.dispatch('generate_series', 'dbt')(upper_bound)) }}
{%- endmacro %}
{% macro default__generate_series(upper_bound) -%}
  {%- set n = dbt.get_powers_of_two(upper_bound) -%}
  with p as (
    select 0 as generated_number union all select 1
  ), unioned as (
    select
    {% for i in range(n) -%}
      p{{ i }}.generated_number * power(2, {{ i }}){{ " + " if not loop.last }}
    {%- endfor %}
    + 1 as generated_number
    from
    {% for i in range(n) -%}
      p as p{{ i }}{{ " cross join " if not loop.last }}
    {%- endfor %}
  )
  select * from unioned
  where generated_number <= {{ upper_bound }}
  order by generated_number
{%- endmacro %}

{% macro get_intervals_between(start_date, end_date, datepart) -%}
  {{ return(adapter.dispatch('get_intervals_between', 'dbt')(start_date, end_date, datepart)) }}
{%- endmacro %}
{% macro default__get_intervals_between(start_date, end_date, datepart) -%}
  {%- call statement('get_intervals_between', fetch_result=True) %}
    select {{ dbt.datediff(start_date, end_date, datepart) }}
  {%- endcall -%}
  {%- set value_list = load_result('get_intervals_between') -%}
  {%- if value_list and value_list['data'] -%}
    {%- set values = value_list['data'] | map(attribute=0) | list %}
    {{ return(values[0]) }}
  {%- else -%}
    {{ return(1) }}
  {%- endif -%}
{%- endmacro %}

{% macro date_spine(datepart, start_date, end_date) -%}
  {{ return(adapter.dispatch('date_spine', 'dbt')(datepart, start_date, end_date)) }}
{%- endmacro %}
{% macro default__date_spine(datepart, start_date, end_date) -%}
  with rawdata as (
    {{ dbt.generate_series(dbt.get_intervals_between(start_date, end_date, datepart)) }}
  ), all_periods as (
    select (
      {{ dbt.dateadd(datepart, "row_number() over (order by 1) - 1", start_date) }}
    ) as date_{{ datepart }}
    from rawdata
  ), filtered as (
    select * from all_periods
    where date_{{ datepart }} <= {{ end_date }}
  )
  select * from filtered
{%- endmacro %}
