-- What Stripe bills (sync stripe_usage): one row per account, metric and UTC day from
-- var('stripe_usage_start') to the day before as_of, with its Stripe customer and the whole
-- units of the day's on-time usage (Stripe meters take whole numbers: the units are the floor of
-- the running total less the floor of the running total the day before, so fractions carry over
-- and nothing is lost or billed twice), and the contract's overage price for usage billed as an
-- invoice item (days past Stripe's 35-day window). Usage received after its month closed
-- (int_usage_late_lines) is left out of the day rows, so a closed month's meter never grows:
-- each correction record of late_usage_corrections received in the same window is a row of its
-- own (usage_key ACC|metric|late:YYYY-MM|received day) that bill_as 'invoice_item' makes Stripe
-- bill as an invoice item of its overage units, with its evidence as the item's description.
with

daily_usage as (
    select * from {{ ref('daily_usage') }}
),

late_lines as (
    select * from {{ ref('int_usage_late_lines') }}
),

late_corrections as (
    select * from {{ ref('late_usage_corrections') }}
),

customers as (
    select * from {{ ref('stg_stripe__customers') }}
),

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

price_book as (
    select * from {{ ref('stg_billing__price_book') }}
),

late_days as (
    select account_id, metric, occurred_date as usage_date, sum(delta) as late_quantity
    from late_lines
    group by account_id, metric, occurred_date
),

on_time as (
    select
        daily_usage.account_id,
        daily_usage.metric,
        daily_usage.usage_date,
        daily_usage.quantity - coalesce(late_days.late_quantity, 0) as quantity
    from daily_usage
    left join late_days
        on late_days.account_id = daily_usage.account_id
        and late_days.metric = daily_usage.metric
        and late_days.usage_date = daily_usage.usage_date
),

running as (
    select
        account_id,
        metric,
        usage_date,
        quantity as raw_quantity,
        floor(sum(quantity) over (
            partition by account_id, metric order by usage_date rows between unbounded preceding and current row
        )) as running_units
    from on_time
),

units as (
    select
        running.*,
        running_units - coalesce(lag(running_units) over (partition by account_id, metric order by usage_date), 0)
            as day_units
    from running
),

day_contracts as (
    select
        units.account_id,
        units.usage_date,
        units.metric,
        contracts.currency,
        price_book.overage_unit_price,
        row_number() over (
            partition by units.account_id, units.metric, units.usage_date
            order by contracts.start_date desc, contracts.contract_id
        ) as contract_rank
    from units
    inner join contracts
        on contracts.account_id = units.account_id
        and units.usage_date between contracts.start_date and contracts.end_date
    left join price_book
        on price_book.plan_id = contracts.plan_id
        and price_book.price_version = contracts.price_version
        and price_book.metric = units.metric
),

day_rows as (
    select
        units.account_id || '|' || units.metric || '|' || cast(units.usage_date as varchar) as usage_key,
        units.account_id,
        customers.stripe_customer_id,
        units.metric,
        units.usage_date,
        cast(units.day_units as bigint) as quantity,
        units.raw_quantity,
        day_contracts.overage_unit_price as unit_amount,
        day_contracts.currency,
        'meter' as bill_as,
        {{ month_start('units.usage_date') }} as usage_month,
        cast(null as varchar) as description
    from units
    left join customers on customers.account_id = units.account_id
    left join day_contracts
        on day_contracts.account_id = units.account_id
        and day_contracts.metric = units.metric
        and day_contracts.usage_date = units.usage_date
        and day_contracts.contract_rank = 1
    where units.usage_date < {{ as_of() }}
        and units.usage_date >= {{ stripe_usage_start() }}
),

-- corrections received in the window, billed as invoice items of their overage units
late_rows as (
    select
        late_corrections.correction_key as usage_key,
        late_corrections.account_id,
        customers.stripe_customer_id,
        late_corrections.metric,
        late_corrections.received_date as usage_date,
        late_corrections.billable_units as quantity,
        late_corrections.delta_quantity as raw_quantity,
        late_corrections.overage_unit_price as unit_amount,
        late_corrections.currency,
        'invoice_item' as bill_as,
        late_corrections.usage_month,
        late_corrections.evidence as description
    from late_corrections
    left join customers on customers.account_id = late_corrections.account_id
    where late_corrections.billable_units is not null
        and late_corrections.received_date < {{ as_of() }}
        and late_corrections.received_date >= {{ stripe_usage_start() }}
),

final as (
    select * from day_rows
    union all
    select * from late_rows
)

select * from final
