{%- set picked = first_positive([-3, 0, 7, 9]) -%}
{%- set none_picked = first_positive([-1, -2]) -%}
select {{ picked }} as picked, {{ 'null' if none_picked is none else none_picked }} as none_picked,
  '{{ "a,b,,c".split(",") | reject("equalto", "") | join("|") }}' as parts,
  '{{ "%-6s|%05.1f" % ("ab", 3.14159) }}' as formatted,
  {{ [1, 2, 3,] | sum }} as listed
