with

source as (
    select * from {{ source('billing', 'invoice_lines') }}
),

final as (
    select
        invoice_id,
        line_no,
        line_type,
        metric,
        quantity,
        unit_price,
        amount
    from source
)

select * from final
