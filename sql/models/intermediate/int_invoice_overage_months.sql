-- Overage billed per contract, month and metric, over all non-void invoices of the month.
with

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
    where not is_void
),

lines as (
    select * from {{ ref('stg_billing__invoice_lines') }}
    where line_type = 'overage'
),

final as (
    select
        invoices.contract_id,
        invoices.period_month as month_start,
        lines.metric,
        sum(lines.quantity) as billed_units,
        sum(lines.amount) as billed_amount
    from lines
    inner join invoices on invoices.invoice_id = lines.invoice_id
    group by invoices.contract_id, invoices.period_month, lines.metric
)

select * from final
