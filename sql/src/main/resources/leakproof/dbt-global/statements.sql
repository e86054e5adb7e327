{#- Running SQL while a template renders: dbt's statement block, run_query and friends. -#}

{%- macro statement(name=None, fetch_result=False, auto_begin=True, language='sql') -%}
  {%- if execute -%}
    {%- set compiled_code = caller() -%}
    {%- set res, table = adapter.execute(compiled_code, auto_begin=auto_begin, fetch=fetch_result) -%}
    {%- if name is not none -%}
      {{ store_result(name, response=res, agate_table=table) }}
    {%- endif -%}
  {%- endif -%}
{%- endmacro %}

{%- macro noop_statement(name=None, message=None, code=None, rows_affected=None, res=None) -%}
  {%- if name is not none -%}
    {{ store_raw_result(name, message=message, code=code, rows_affected=rows_affected, agate_table=res) }}
  {%- endif -%}
{%- endmacro %}

{#- While parsing (execute false) nothing runs and run_query returns none; dbt's returns an
    undefined value there, which templates test the same way (falsy, guarded by execute). -#}
{%- macro run_query(sql) -%}
  {%- if not execute -%}{{ return(none) }}{%- endif -%}
  {%- call statement("run_query_statement", fetch_result=True, auto_begin=False) -%}
    {{ sql }}
  {%- endcall -%}
  {%- do return(load_result("run_query_statement").table) -%}
{%- endmacro %}
