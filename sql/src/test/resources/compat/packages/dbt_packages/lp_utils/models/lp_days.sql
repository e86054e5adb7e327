{#- a package's own model: its vars (the root's scoped ones win), built in the root's +schema for it -#}
{%- for i in lp_utils.day_list(var('spine_days')) %}
select {{ i }} as day_offset, '{{ lp_utils.currency() }}' as currency
{%- if not loop.last %} union all{% endif %}
{%- endfor %}
