{#- dbt's cross-database macros, as dbt-core defines them: each dispatches to {adapter}__name,
    else default__name. The defaults print standard SQL that Calcite validates and each
    Leakproof dialect prints in its own words, so most need no adapter-specific version. -#}

{% macro dateadd(datepart, interval, from_date_or_timestamp) -%}
  {{ return(adapter.dispatch('dateadd', 'dbt')(datepart, interval, from_date_or_timestamp)) }}
{%- endmacro %}
{% macro default__dateadd(datepart, interval, from_date_or_timestamp) -%}
  timestampadd({{ datepart }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}

{% macro datediff(first_date, second_date, datepart) -%}
  {{ return(adapter.dispatch('datediff', 'dbt')(first_date, second_date, datepart)) }}
{%- endmacro %}
{% macro default__datediff(first_date, second_date, datepart) -%}
  timestampdiff({{ datepart }}, {{ first_date }}, {{ second_date }})
{%- endmacro %}

{% macro date_trunc(datepart, date) -%}
  {{ return(adapter.dispatch('date_trunc', 'dbt')(datepart, date)) }}
{%- endmacro %}
{% macro default__date_trunc(datepart, date) -%}
  date_trunc('{{ datepart }}', {{ date }})
{%- endmacro %}

{% macro last_day(date, datepart) -%}
  {{ return(adapter.dispatch('last_day', 'dbt')(date, datepart)) }}
{%- endmacro %}
{% macro default__last_day(date, datepart) -%}
  cast(timestampadd(day, -1, timestampadd({{ datepart }}, 1, date_trunc('{{ datepart }}', {{ date }}))) as date)
{%- endmacro %}

{% macro safe_cast(field, type) -%}
  {{ return(adapter.dispatch('safe_cast', 'dbt')(field, type)) }}
{%- endmacro %}
{% macro default__safe_cast(field, type) -%}
  cast({{ field }} as {{ type }})
{%- endmacro %}

{% macro concat(fields) -%}
  {{ return(adapter.dispatch('concat', 'dbt')(fields)) }}
{%- endmacro %}
{% macro default__concat(fields) -%}
  {{ fields | join(' || ') }}
{%- endmacro %}

{% macro hash(field) -%}
  {{ return(adapter.dispatch('hash', 'dbt')(field)) }}
{%- endmacro %}
{% macro default__hash(field) -%}
  md5(cast({{ field }} as varchar))
{%- endmacro %}

{% macro listagg(measure, delimiter_text=none, order_by_clause=none, limit_num=none) -%}
  {{ return(adapter.dispatch('listagg', 'dbt')(measure, delimiter_text, order_by_clause, limit_num)) }}
{%- endmacro %}
{% macro default__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
  listagg({{ measure }}, {% if delimiter_text %}{{ delimiter_text }}{% else %}','{% endif %}){% if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
{%- endmacro %}

{% macro any_value(expression) -%}
  {{ return(adapter.dispatch('any_value', 'dbt')(expression)) }}
{%- endmacro %}
{% macro default__any_value(expression) -%}
  any_value({{ expression }})
{%- endmacro %}

{% macro length(expression) -%}
  {{ return(adapter.dispatch('length', 'dbt')(expression)) }}
{%- endmacro %}
{% macro default__length(expression) -%}
  char_length({{ expression }})
{%- endmacro %}

{% macro replace(field, old_chars, new_chars) -%}
  {{ return(adapter.dispatch('replace', 'dbt')(field, old_chars, new_chars)) }}
{%- endmacro %}
{% macro default__replace(field, old_chars, new_chars) -%}
  replace({{ field }}, {{ old_chars }}, {{ new_chars }})
{%- endmacro %}

{% macro position(substring_text, string_text) -%}
  {{ return(adapter.dispatch('position', 'dbt')(substring_text, string_text)) }}
{%- endmacro %}
{% macro default__position(substring_text, string_text) -%}
  position({{ substring_text }} in {{ string_text }})
{%- endmacro %}

{% macro current_timestamp() -%}
  {{ return(adapter.dispatch('current_timestamp', 'dbt')()) }}
{%- endmacro %}
{% macro default__current_timestamp() -%}
  current_timestamp
{%- endmacro %}

{% macro string_literal(value) -%}
  '{{ value | string | replace("'", "''") }}'
{%- endmacro %}

{% macro escape_single_quotes(expression) -%}
  {{ expression | string | replace("'", "''") }}
{%- endmacro %}

{% macro cast_bool_to_text(field) -%}
  case when {{ field }} then 'true' when not {{ field }} then 'false' end
{%- endmacro %}

{% macro except() %}except{% endmacro %}
{% macro intersect() %}intersect{% endmacro %}

{% macro type_string() %}varchar{% endmacro %}
{% macro type_int() %}integer{% endmacro %}
{% macro type_bigint() %}bigint{% endmacro %}
{% macro type_float() %}double{% endmacro %}
{% macro type_numeric() %}decimal(28, 6){% endmacro %}
{% macro type_boolean() %}boolean{% endmacro %}
{% macro type_timestamp() %}timestamp{% endmacro %}
