with

source as (
    select * from {{ source('billing', 'price_book') }}
),

final as (
    select
        plan_id,
        price_version,
        metric,
        included_units,
        overage_unit_price,
        effective_from
    from source
)

select * from final
