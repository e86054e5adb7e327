-- What Stripe bills through meter events (sync stripe_usage): one row per account, metric and
-- UTC day from var('stripe_usage_start') to the day before as_of, with its Stripe customer and
-- the whole units of the day (Stripe meters take whole numbers: the units are the floor of the
-- running total less the floor of the running total the day before, so fractions carry over
-- and nothing is lost or billed twice), and the contract's overage price for usage billed as an
-- invoice item (days past Stripe's 35-day window).
with

daily_usage as (
    select * from {{ ref('daily_usage') }}
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

running as (
    select
        account_id,
        metric,
        usage_date,
        quantity as raw_quantity,
        floor(sum(quantity) over (
            partition by account_id, metric order by usage_date rows between unbounded preceding and current row
        )) as running_units
    from daily_usage
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

final as (
    select
        units.account_id || '|' || units.metric || '|' || cast(units.usage_date as varchar) as usage_key,
        units.account_id,
        customers.stripe_customer_id,
        units.metric,
        units.usage_date,
        cast(units.day_units as bigint) as quantity,
        units.raw_quantity,
        day_contracts.overage_unit_price as unit_amount,
        day_contracts.currency
    from units
    left join customers on customers.account_id = units.account_id
    left join day_contracts
        on day_contracts.account_id = units.account_id
        and day_contracts.metric = units.metric
        and day_contracts.usage_date = units.usage_date
        and day_contracts.contract_rank = 1
    where units.usage_date < {{ as_of() }}
        and units.usage_date >= {% if var('stripe_usage_start', none) %}date '{{ var("stripe_usage_start") }}'{% else %}{{ add_days(as_of(), -30) }}{% endif %}
)

select * from final
