{{ config(alias='revenue_by_method', tags=['finance']) }}
select method, sum(amount) as revenue, count(*) as payments
from {{ ref('stg_payments') }}
group by method
