select paid_on, sum(amount) as revenue
from {{ ref('stg_payments') }}
group by paid_on
