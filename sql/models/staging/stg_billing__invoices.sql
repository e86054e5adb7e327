with

source as (
    select * from {{ source('billing', 'invoices') }}
),

final as (
    select
        invoice_id,
        contract_id,
        account_id,
        period_start,
        period_end,
        issued_date,
        status,
        {{ month_start('period_start') }} as period_month,
        status = 'void' as is_void
    from source
)

select * from final
