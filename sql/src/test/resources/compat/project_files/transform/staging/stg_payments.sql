select payment_id, method, amount, paid_on
from {{ ref('payments') }}
where amount >= {{ var('min_amount') }}
