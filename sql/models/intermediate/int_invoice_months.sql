-- What was billed per contract and month, over all non-void invoices of that month: seats
-- (quantity and amount), discounts, true-ups. A month with an invoice but no seats line billed
-- zero seats.
with

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
    where not is_void
),

lines as (
    select * from {{ ref('stg_billing__invoice_lines') }}
),

line_totals as (
    select
        invoice_id,
        sum(case when line_type = 'seats' then quantity else 0 end) as seats_quantity,
        sum(case when line_type = 'seats' then amount else 0 end) as seats_amount,
        count(case when line_type = 'discount' then 1 end) as discount_lines,
        sum(case when line_type = 'discount' then amount else 0 end) as discount_amount,
        sum(case when line_type = 'true_up' then quantity else 0 end) as true_up_quantity,
        sum(case when line_type = 'true_up' then amount else 0 end) as true_up_amount
    from lines
    group by invoice_id
),

final as (
    select
        invoices.contract_id,
        invoices.period_month as month_start,
        count(*) as invoice_count,
        coalesce(sum(line_totals.seats_quantity), 0) as seats_quantity,
        coalesce(sum(line_totals.seats_amount), 0) as seats_amount,
        coalesce(sum(line_totals.discount_lines), 0) as discount_lines,
        coalesce(sum(line_totals.discount_amount), 0) as discount_amount,
        coalesce(sum(line_totals.true_up_quantity), 0) as true_up_quantity,
        coalesce(sum(line_totals.true_up_amount), 0) as true_up_amount
    from invoices
    left join line_totals on line_totals.invoice_id = invoices.invoice_id
    group by invoices.contract_id, invoices.period_month
)

select * from final
