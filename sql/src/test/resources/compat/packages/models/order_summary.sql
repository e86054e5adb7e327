{#- package macros, dispatched with the root project first in the search order -#}
select
  {{ lp_utils.safe_divide('sum(amount)', 'count(*)') }} as avg_amount,
  {{ lp_utils.money('sum(amount)') }} as total,
  count(*) as n_orders,
  '{{ var("report_currency") }}' as currency
from {{ ref('orders') }}
