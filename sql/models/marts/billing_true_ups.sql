-- Seat true-ups Stripe invoices (sync stripe_true_ups), for contracts that allow auto-billing
-- (auto_bill_overages): one invoice item per contract and closed month recovering the seats used
-- above the licence and not trued up (the seat_true_up findings), and one prorated item for the
-- extra seats from the as-of date to the end of the current term. Amounts in exact cents.
with

leak_months as (
    select * from {{ ref('int_leak_months') }}
),

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

prices as (
    select * from {{ ref('int_contract_price_schedule') }}
),

seats_monthly as (
    select * from {{ ref('int_account_seats_monthly') }}
),

customers as (
    select * from {{ ref('stg_stripe__customers') }}
),

numbers as (
    select * from {{ ref('int_numbers') }}
),

recovered as (
    select
        'TU-' || leak_months.contract_id || '-' || {{ month_label('leak_months.month_start') }} as item_key,
        leak_months.account_id,
        leak_months.contract_id,
        'recovery' as item_type,
        leak_months.amount,
        leak_months.units as extra_seats,
        leak_months.month_start as period_start,
        {{ month_end('leak_months.month_start') }} as period_end,
        cast(null as decimal(38, 2)) as annual_value,
        'Seat true-up ' || {{ month_label('leak_months.month_start') }} || ': ' || leak_months.detail
            || '; ' || {{ quantity_text('leak_months.units') }} || ' seats not billed' as description
    from leak_months
    where leak_months.leak_type = 'seat_true_up'
),

-- the seats above the licence in the latest closed month, for contracts still in their term
latest as (
    select
        contracts.contract_id,
        contracts.account_id,
        contracts.start_month_index,
        contracts.end_month_index,
        contracts.end_date,
        seats_monthly.seats_used - contracts.seats_licensed as extra_seats,
        seats_monthly.seats_used,
        contracts.seats_licensed
    from contracts
    inner join seats_monthly
        on seats_monthly.account_id = contracts.account_id
        and seats_monthly.month_start = {{ add_months(month_start(as_of()), -1) }}
    where contracts.auto_bill_overages
        and seats_monthly.seats_used > contracts.seats_licensed
        and contracts.start_date <= {{ add_months(month_start(as_of()), -1) }}
        and contracts.end_date >= {{ as_of() }}
),

-- the rest of the term, month by month: the as-of month prorated by the days left in it
remaining_months as (
    select
        latest.*,
        {{ add_months(month_start(as_of()), 'numbers.n') }} as month_start,
        {{ month_index(as_of()) }} + numbers.n as month_index,
        case when numbers.n = 0
             then cast({{ dbt.datediff(as_of(), month_end(month_start(as_of())), 'day') }} + 1 as decimal(38, 10))
                  / extract(day from {{ month_end(month_start(as_of())) }})
             else cast(1 as decimal(38, 10)) end as month_fraction
    from latest
    cross join numbers
    where {{ month_index(as_of()) }} + numbers.n <= latest.end_month_index
),

priced_months as (
    select
        remaining_months.*,
        prices.seat_price,
        {{ cents('remaining_months.extra_seats * prices.seat_price * remaining_months.month_fraction') }}
            as month_amount
    from remaining_months
    inner join prices
        on prices.contract_id = remaining_months.contract_id
        and prices.contract_year = {{ whole_years('remaining_months.start_month_index', 'remaining_months.month_index') }}
),

prorated as (
    select
        'TU-' || contract_id || '-FWD-' || {{ month_label(as_of()) }} as item_key,
        account_id,
        contract_id,
        'prorated' as item_type,
        sum(month_amount) as amount,
        cast(max(extra_seats) as decimal(38, 10)) as extra_seats,
        {{ as_of() }} as period_start,
        max(end_date) as period_end,
        {{ cents('max(extra_seats) * max(case when month_index = ' ~ month_index(as_of()) ~ ' then seat_price end) * 12') }}
            as annual_value,
        'Prorated true-up: ' || cast(max(seats_used) as varchar) || ' seats used, '
            || cast(max(seats_licensed) as varchar) || ' licensed; ' || cast(max(extra_seats) as varchar)
            || ' extra seats from ' || cast({{ as_of() }} as varchar) || ' to the end of the term on '
            || cast(max(end_date) as varchar) || ' (' || cast(count(*) as varchar) || ' months, the first prorated)'
            as description
    from priced_months
    group by contract_id, account_id
),

items as (
    select * from recovered
    union all
    select * from prorated
),

final as (
    select
        items.item_key,
        items.account_id,
        items.contract_id,
        customers.stripe_customer_id,
        items.item_type,
        items.amount,
        contracts.currency,
        items.extra_seats,
        items.period_start,
        items.period_end,
        items.annual_value,
        items.description
    from items
    inner join contracts on contracts.contract_id = items.contract_id
    left join customers on customers.account_id = items.account_id
    where items.amount > 0
)

select * from final
