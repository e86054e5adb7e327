{#- What each finding type is, per spec section 4. -#}
{% macro leak_kind(leak_type) -%}
  case {{ leak_type }}
    when 'overbilled' then 'dispute_risk'
    when 'expansion_opportunity' then 'opportunity'
    when 'renewal_at_risk' then 'risk'
    when 'usage_decline' then 'risk'
    when 'handoff_incomplete' then 'process'
    else 'leakage'
  end
{%- endmacro %}
