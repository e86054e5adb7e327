{{ config(materialized='ephemeral') }}

with payments as (
    select * from {{ ref('stg_payments') }}
),

orders as (
    select * from {{ ref('stg_orders') }}
)

select
    orders.customer_id,
    sum(payments.amount) as total_amount
from payments
left join orders on payments.order_id = orders.order_id
group by orders.customer_id
