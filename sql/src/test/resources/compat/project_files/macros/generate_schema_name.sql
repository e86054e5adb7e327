{#- the project's own schema naming: a custom schema is used as it is, without the target's prefix -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
  {%- if custom_schema_name is none -%}
    {{ target.schema }}
  {%- else -%}
    {{ custom_schema_name | trim }}
  {%- endif -%}
{%- endmacro %}

{#- and its own aliases: marts get a fct_ prefix unless they set an alias -#}
{% macro generate_alias_name(custom_alias_name=none, node=none) -%}
  {%- if custom_alias_name -%}
    {{ custom_alias_name | trim }}
  {%- elif 'marts' in node.fqn -%}
    fct_{{ node.name }}
  {%- else -%}
    {{ node.name }}
  {%- endif -%}
{%- endmacro %}
