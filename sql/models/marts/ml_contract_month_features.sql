-- Features per contract and closed month of its term for the contract-month anomaly score (an
-- isolation forest in Java reads this mart as a matrix): the month's billing against the
-- contract (seats, seat price, discount, true-up), overage billed against metered usage and the
-- contract's own price book row, usage and seat levels and their growth, seat activity, how the
-- account's usage spreads over its workspaces, and where the month sits in the term and the
-- discount. Only closed months before the as-of month are read (and the CRM contract as it is),
-- so a build with an earlier as_of gives the features as they were then. Every feature is a
-- double and never null: the default of each is in _marts.yml. Key: contract_id, month_start.
with

contract_months as (
    select * from {{ ref('int_contract_months') }}
    where is_closed
),

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

price_book as (
    select * from {{ ref('stg_billing__price_book') }}
),

invoice_months as (
    select * from {{ ref('int_invoice_months') }}
),

overage_months as (
    select * from {{ ref('int_invoice_overage_months') }}
),

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
    where not is_void
),

overage_lines as (
    select * from {{ ref('stg_billing__invoice_lines') }}
    where line_type = 'overage'
),

plan_usage as (
    select * from {{ ref('usage_vs_plan') }}
    where is_closed
),

seats_monthly as (
    select * from {{ ref('int_account_seats_monthly') }}
),

seat_timeline as (
    select * from {{ ref('int_seat_timeline') }}
),

workspace_usage as (
    select * from {{ ref('int_workspace_usage_monthly') }}
    where month_start < {{ month_start(as_of()) }}
),

-- the closed months of each contract's term with the contract's own columns
months as (
    select
        contract_months.contract_id,
        contract_months.account_id,
        contract_months.month_start,
        contract_months.month_index,
        contract_months.month_label,
        contract_months.contract_year,
        contract_months.seats_licensed,
        contract_months.seat_price,
        contract_months.discount_pct,
        contract_months.discount_end_date,
        {{ month_index('contract_months.discount_end_date') }} as discount_end_month_index,
        contract_months.discount_in_force,
        contract_months.auto_bill_overages,
        contracts.plan_id,
        contracts.start_month_index,
        contracts.end_month_index
    from contract_months
    inner join contracts on contracts.contract_id = contract_months.contract_id
),

-- per contract, month and metric of the plan: the overage billed (amount and units) against the
-- metered excess and the overage the unbilled_overage rule expects
plan_metrics as (
    select
        plan_usage.contract_id,
        plan_usage.month_start,
        plan_usage.metric,
        plan_usage.overage_units,
        plan_usage.expected_overage_amount,
        plan_usage.billed_overage_amount,
        coalesce(overage_months.billed_units, 0) as billed_overage_units,
        plan_usage.utilisation
    from plan_usage
    left join overage_months
        on overage_months.contract_id = plan_usage.contract_id
        and overage_months.month_start = plan_usage.month_start
        and overage_months.metric = plan_usage.metric
),

plan_month_totals as (
    select
        contract_id,
        month_start,
        sum(cast(billed_overage_amount - expected_overage_amount as double)
            / case when expected_overage_amount > 1 then cast(expected_overage_amount as double) else 1 end)
            as overage_billed_vs_expected,
        max(abs(cast(billed_overage_units - overage_units as double))
            / case when overage_units > 1 then cast(overage_units as double) else 1 end) as overage_qty_vs_metered,
        max(cast(utilisation as double)) as usage_vs_included,
        sum(cast(utilisation as double)) as usage_index
    from plan_metrics
    group by contract_id, month_start
),

-- each overage line's unit price against the contract's price book row for its metric
overage_list_prices as (
    select
        invoices.contract_id,
        invoices.period_month as month_start,
        max(abs(cast(overage_lines.unit_price as double) / cast(price_book.overage_unit_price as double) - 1))
            as overage_price_vs_list
    from overage_lines
    inner join invoices on invoices.invoice_id = overage_lines.invoice_id
    inner join contracts on contracts.contract_id = invoices.contract_id
    inner join price_book
        on price_book.plan_id = contracts.plan_id
        and price_book.price_version = contracts.price_version
        and price_book.metric = overage_lines.metric
    where price_book.overage_unit_price > 0
    group by invoices.contract_id, invoices.period_month
),

-- the billed overage unit price per contract, month and metric: the lines' unit price, weighted
-- by quantity over the month's lines when they differ (amount / quantity would carry the cents'
-- rounding, and a month billed at last month's price compares exactly)
overage_unit_prices as (
    select
        invoices.contract_id,
        overage_lines.metric,
        {{ month_index('invoices.period_month') }} as month_index,
        case when min(overage_lines.unit_price) = max(overage_lines.unit_price)
             then cast(max(overage_lines.unit_price) as double)
             else sum(cast(overage_lines.quantity * overage_lines.unit_price as double))
                 / sum(cast(overage_lines.quantity as double)) end as unit_price
    from overage_lines
    inner join invoices on invoices.invoice_id = overage_lines.invoice_id
    where overage_lines.quantity > 0
    group by invoices.contract_id, overage_lines.metric, invoices.period_month
),

-- a metric billed in this month and the month before at another unit price
overage_price_changes as (
    select
        this_month.contract_id,
        this_month.month_index,
        max(abs(this_month.unit_price / last_month.unit_price - 1)) as overage_price_vs_last_month
    from overage_unit_prices as this_month
    inner join overage_unit_prices as last_month
        on last_month.contract_id = this_month.contract_id
        and last_month.metric = this_month.metric
        and last_month.month_index = this_month.month_index - 1
    where last_month.unit_price > 0
    group by this_month.contract_id, this_month.month_index
),

account_seats as (
    select
        account_id,
        {{ month_index('month_start') }} as month_index,
        seats_used
    from seats_monthly
),

-- accepted seat events per account and month (occurred_at, UTC)
seat_event_months as (
    select account_id, month_index, count(*) as seat_events
    from (
        select account_id, {{ month_index('occurred_date') }} as month_index
        from seat_timeline
    ) as events
    group by account_id, month_index
),

-- the last month up to m with a seat event
last_seat_events as (
    select
        months.contract_id,
        months.month_index,
        max(seat_event_months.month_index) as last_event_month_index
    from months
    inner join seat_event_months
        on seat_event_months.account_id = months.account_id
        and seat_event_months.month_index <= months.month_index
    group by months.contract_id, months.month_index
),

-- the unit-free usage level of each of the account's workspaces per closed month: usage /
-- included units summed over the contract's plan metrics
workspace_index as (
    select
        contracts.contract_id,
        workspace_usage.workspace_id,
        workspace_usage.month_start,
        sum(cast(workspace_usage.quantity as double) / cast(price_book.included_units as double)) as usage_index
    from contracts
    inner join price_book
        on price_book.plan_id = contracts.plan_id
        and price_book.price_version = contracts.price_version
    inner join workspace_usage
        on workspace_usage.account_id = contracts.account_id
        and workspace_usage.metric = price_book.metric
    where price_book.included_units > 0
    group by contracts.contract_id, workspace_usage.workspace_id, workspace_usage.month_start
),

account_index as (
    select contract_id, month_start, sum(usage_index) as usage_index
    from workspace_index
    group by contract_id, month_start
),

-- the baseline: the account's first 3 closed months with usage in the data
baseline_months as (
    select contract_id, month_start
    from (
        select
            account_index.*,
            row_number() over (partition by contract_id order by month_start) as usage_month_rank
        from account_index
        where usage_index > 0
    ) as ranked
    where usage_month_rank <= 3
),

-- the baseline months up to m, so a month's features never read a later month (its first month
-- is its own baseline) and an earlier as_of gives them unchanged
baseline_windows as (
    select
        months.contract_id,
        months.month_start,
        baseline_months.month_start as baseline_month
    from months
    inner join baseline_months
        on baseline_months.contract_id = months.contract_id
        and baseline_months.month_start <= months.month_start
),

baseline_totals as (
    select baseline_windows.contract_id, baseline_windows.month_start, sum(account_index.usage_index) as usage_index
    from baseline_windows
    inner join account_index
        on account_index.contract_id = baseline_windows.contract_id
        and account_index.month_start = baseline_windows.baseline_month
    group by baseline_windows.contract_id, baseline_windows.month_start
),

baseline_shares as (
    select
        baseline_windows.contract_id,
        baseline_windows.month_start,
        workspace_index.workspace_id,
        sum(workspace_index.usage_index) / max(baseline_totals.usage_index) as baseline_share
    from baseline_windows
    inner join workspace_index
        on workspace_index.contract_id = baseline_windows.contract_id
        and workspace_index.month_start = baseline_windows.baseline_month
    inner join baseline_totals
        on baseline_totals.contract_id = baseline_windows.contract_id
        and baseline_totals.month_start = baseline_windows.month_start
    group by baseline_windows.contract_id, baseline_windows.month_start, workspace_index.workspace_id
),

-- each baseline workspace's share of the month's usage over its baseline share; the lowest (a
-- single workspace with usage has 1)
share_shifts as (
    select
        months.contract_id,
        months.month_start,
        min(coalesce(workspace_index.usage_index, 0) / account_index.usage_index / baseline_shares.baseline_share)
            as workspace_share_shift
    from months
    inner join account_index
        on account_index.contract_id = months.contract_id
        and account_index.month_start = months.month_start
    inner join baseline_shares
        on baseline_shares.contract_id = months.contract_id
        and baseline_shares.month_start = months.month_start
    left join workspace_index
        on workspace_index.contract_id = months.contract_id
        and workspace_index.workspace_id = baseline_shares.workspace_id
        and workspace_index.month_start = months.month_start
    where account_index.usage_index > 0
        and baseline_shares.baseline_share > 0
    group by months.contract_id, months.month_start
),

-- the month's usage and seat levels, which growth compares with earlier months
levels as (
    select
        months.*,
        coalesce(plan_month_totals.usage_index, 0) as usage_index,
        coalesce(account_seats.seats_used, 0) as seats_used
    from months
    left join plan_month_totals
        on plan_month_totals.contract_id = months.contract_id
        and plan_month_totals.month_start = months.month_start
    left join account_seats
        on account_seats.account_id = months.account_id
        and account_seats.month_index = months.month_index
),

growth as (
    select
        levels.contract_id,
        levels.month_index,
        {{ ratio_or('levels.usage_index', 'month_1.usage_index', 1) }} as usage_growth_1m,
        {{ ratio_or('levels.usage_index', 'month_3.usage_index', 1) }} as usage_growth_3m,
        {{ ratio_or('levels.seats_used', 'seats_3.seats_used', 1) }} as seats_growth_3m
    from levels
    left join levels as month_1
        on month_1.contract_id = levels.contract_id
        and month_1.month_index = levels.month_index - 1
    left join levels as month_3
        on month_3.contract_id = levels.contract_id
        and month_3.month_index = levels.month_index - 3
    left join account_seats as seats_3
        on seats_3.account_id = levels.account_id
        and seats_3.month_index = levels.month_index - 3
),

-- usage now against usage in the last month with a seat event: activity that grows while the seat
-- count stays frozen (1 in a month with seat events, or with none in the term so far)
since_seat_change as (
    select
        levels.contract_id,
        levels.month_index,
        {{ ratio_or('levels.usage_index', 'event_month.usage_index', 1) }} as usage_growth_since_seat_change
    from levels
    inner join last_seat_events
        on last_seat_events.contract_id = levels.contract_id
        and last_seat_events.month_index = levels.month_index
    inner join levels as event_month
        on event_month.contract_id = levels.contract_id
        and event_month.month_index = last_seat_events.last_event_month_index
),

final as (
    select
        levels.contract_id || '|' || levels.month_label as contract_month_key,
        levels.contract_id,
        levels.account_id,
        levels.month_start,
        levels.plan_id,
        {{ flag('invoice_months.contract_id is not null') }} as has_invoice,
        case when invoice_months.contract_id is null then cast(1 as double)
             else {{ ratio_or('invoice_months.seats_quantity', 'levels.seats_licensed', 1) }} end
            as seats_billed_vs_licensed,
        case when invoice_months.seats_quantity > 0 and levels.seat_price > 0
             then cast(invoice_months.seats_amount as double) / cast(invoice_months.seats_quantity as double)
                 / cast(levels.seat_price as double) - 1
             else cast(0 as double) end as seat_price_vs_contract,
        {{ ratio_or('abs(coalesce(invoice_months.discount_amount, 0)) - levels.discount_in_force',
                    'levels.seats_licensed * levels.seat_price', 0) }} as discount_vs_in_force,
        case when levels.auto_bill_overages
                and levels.seats_licensed > 0
                and levels.seats_used > levels.seats_licensed + coalesce(invoice_months.true_up_quantity, 0)
             then cast(levels.seats_used - levels.seats_licensed - coalesce(invoice_months.true_up_quantity, 0) as double)
                 / cast(levels.seats_licensed as double)
             else cast(0 as double) end as true_up_gap,
        {{ feature('plan_month_totals.overage_billed_vs_expected', 0) }} as overage_billed_vs_expected,
        {{ feature('plan_month_totals.overage_qty_vs_metered', 0) }} as overage_qty_vs_metered,
        {{ feature('overage_list_prices.overage_price_vs_list', 0) }} as overage_price_vs_list,
        {{ feature('overage_price_changes.overage_price_vs_last_month', 0) }} as overage_price_vs_last_month,
        {{ feature('plan_month_totals.usage_vs_included', 0) }} as usage_vs_included,
        cast(levels.usage_index as double) as usage_index,
        growth.usage_growth_1m,
        growth.usage_growth_3m,
        cast(levels.seats_used as double) as seats_used,
        {{ ratio_or('levels.seats_used', 'levels.seats_licensed', 0) }} as seats_used_vs_licensed,
        growth.seats_growth_3m,
        {{ feature('seat_event_months.seat_events', 0) }} as seat_events,
        cast(levels.month_index - coalesce(last_seat_events.last_event_month_index, levels.start_month_index - 1)
            as double) as months_without_seat_events,
        {{ ratio_or('growth.usage_growth_3m', 'growth.seats_growth_3m', 'growth.usage_growth_3m') }}
            as usage_per_seat_growth_3m,
        {{ feature('since_seat_change.usage_growth_since_seat_change', 1) }} as usage_growth_since_seat_change,
        {{ feature('share_shifts.workspace_share_shift', 1) }} as workspace_share_shift,
        {{ flag('levels.discount_pct > 0 and (levels.discount_end_date is null or levels.month_start < levels.discount_end_date)') }}
            as discount_active,
        cast(case when levels.discount_pct > 0 and levels.discount_end_date is not null
                  then {{ clamp('levels.discount_end_month_index - levels.month_index', 0, 36) }}
                  else 36 end as double) as months_to_discount_end,
        cast({{ clamp('levels.end_month_index - levels.month_index', 0, 36) }} as double) as months_to_term_end,
        cast(levels.contract_year as double) as contract_year,
        cast(levels.month_index - levels.start_month_index as double) as months_since_start
    from levels
    inner join growth
        on growth.contract_id = levels.contract_id
        and growth.month_index = levels.month_index
    left join invoice_months
        on invoice_months.contract_id = levels.contract_id
        and invoice_months.month_start = levels.month_start
    left join plan_month_totals
        on plan_month_totals.contract_id = levels.contract_id
        and plan_month_totals.month_start = levels.month_start
    left join overage_list_prices
        on overage_list_prices.contract_id = levels.contract_id
        and overage_list_prices.month_start = levels.month_start
    left join overage_price_changes
        on overage_price_changes.contract_id = levels.contract_id
        and overage_price_changes.month_index = levels.month_index
    left join seat_event_months
        on seat_event_months.account_id = levels.account_id
        and seat_event_months.month_index = levels.month_index
    left join last_seat_events
        on last_seat_events.contract_id = levels.contract_id
        and last_seat_events.month_index = levels.month_index
    left join share_shifts
        on share_shifts.contract_id = levels.contract_id
        and share_shifts.month_start = levels.month_start
    left join since_seat_change
        on since_seat_change.contract_id = levels.contract_id
        and since_seat_change.month_index = levels.month_index
)

select * from final
