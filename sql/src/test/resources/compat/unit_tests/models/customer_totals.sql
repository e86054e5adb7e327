select c.customer_id, c.name,
  coalesce(sum(o.amount), 0) as total,
  count(o.order_id) as orders
from {{ ref('customers') }} as c
left join {{ ref('orders') }} as o on o.customer_id = c.customer_id
where c.region = '{{ var("region") }}'
group by c.customer_id, c.name
