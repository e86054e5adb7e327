with

source as (
    select * from {{ source('crm', 'contracts') }}
),

final as (
    select
        contract_id,
        account_id,
        plan_id,
        price_version,
        start_date,
        end_date,
        seats_licensed,
        seat_unit_price,
        currency,
        annual_uplift_pct,
        discount_pct,
        discount_end_date,
        auto_bill_overages,
        auto_renew,
        champion_name,
        technical_scope,
        closed_rate_note,
        {{ month_start('start_date') }} as start_month,
        {{ month_start('end_date') }} as end_month,
        {{ month_index('start_date') }} as start_month_index,
        {{ month_index('end_date') }} as end_month_index,
        champion_name is not null and technical_scope is not null and closed_rate_note is not null
            as handoff_complete
    from source
)

select * from final
