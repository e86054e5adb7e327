with

source as (
    select * from {{ source('stripe', 'customers') }}
),

final as (
    select
        account_id,
        stripe_customer_id
    from source
    where stripe_customer_id is not null
)

select * from final
