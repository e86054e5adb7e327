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

{#- The finding types that are an error on an invoice (invoice_error_rate): a missing invoice, a
    missing or short line (seats, overage, seat true-up), a wrong rate, a discount that should not
    be there or is too large, money billed above the contract. As a quoted list for an in (...). -#}
{% macro billing_error_types() -%}
  'missing_invoice', 'seat_count_mismatch', 'unbilled_overage', 'seat_true_up', 'rate_mismatch',
  'renewal_uplift_missed', 'expired_discount_applied', 'discount_overapplied', 'overbilled'
{%- endmacro %}
