-- Correction records for usage that arrived after its month closed (int_usage_late_lines): one
-- row per account, metric, usage month and UTC day the late lines were received, with the delta
-- they add, the events behind it, and what they bill. A closed month's invoice is not changed:
-- the record bills the overage the invoice would have carried had the lines come on time, at the
-- included units and overage price of the contract in force in the month (its own price book
-- version, as usage_vs_plan). Records are taken in the order they were received, after the
-- month's on-time usage: each bills floor(max(0, usage through it - included)) less
-- floor(max(0, usage before it - included)) whole units, so a month's records together bill
-- exactly the whole overage units the late usage adds. A late correction that lowers usage
-- gives negative units (a credit).
with

late_lines as (
    select * from {{ ref('int_usage_late_lines') }}
),

usage_monthly as (
    select * from {{ ref('int_usage_monthly') }}
),

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

price_book as (
    select * from {{ ref('stg_billing__price_book') }}
),

numbered_lines as (
    select
        late_lines.*,
        row_number() over (
            partition by account_id, metric, usage_month, received_date order by arrival_seq
        ) as line_rank
    from late_lines
),

records as (
    select
        account_id,
        metric,
        usage_month,
        received_date,
        min(closes_at) as closes_at,
        sum(delta) as delta_quantity,
        count(*) as late_line_count,
        listagg(line_event_id, ', ') within group (order by arrival_seq) as event_ids,
        listagg(case when line_rank <= 5 then line_event_id end, ', ') within group (order by arrival_seq)
            as event_ids_head
    from numbered_lines
    group by account_id, metric, usage_month, received_date
),

in_order as (
    select
        records.*,
        usage_monthly.quantity - sum(records.delta_quantity) over (
            partition by records.account_id, records.metric, records.usage_month
        ) as on_time_quantity,
        sum(records.delta_quantity) over (
            partition by records.account_id, records.metric, records.usage_month
            order by records.received_date rows between unbounded preceding and current row
        ) as late_through
    from records
    inner join usage_monthly
        on usage_monthly.account_id = records.account_id
        and usage_monthly.metric = records.metric
        and usage_monthly.month_start = records.usage_month
),

-- the contract in force in the month (at most one: contracts start on a month's first day)
month_contracts as (
    select
        in_order.account_id,
        in_order.metric,
        in_order.usage_month,
        in_order.received_date,
        contracts.contract_id,
        contracts.currency,
        price_book.included_units,
        price_book.overage_unit_price,
        row_number() over (
            partition by in_order.account_id, in_order.metric, in_order.usage_month, in_order.received_date
            order by contracts.start_date desc, contracts.contract_id
        ) as contract_rank
    from in_order
    inner join contracts
        on contracts.account_id = in_order.account_id
        and in_order.usage_month between contracts.start_date and contracts.end_date
    left join price_book
        on price_book.plan_id = contracts.plan_id
        and price_book.price_version = contracts.price_version
        and price_book.metric = in_order.metric
),

priced as (
    select
        in_order.*,
        in_order.on_time_quantity + in_order.late_through - in_order.delta_quantity as usage_before,
        in_order.on_time_quantity + in_order.late_through as usage_after,
        month_contracts.contract_id,
        month_contracts.currency,
        month_contracts.included_units,
        month_contracts.overage_unit_price
    from in_order
    left join month_contracts
        on month_contracts.account_id = in_order.account_id
        and month_contracts.metric = in_order.metric
        and month_contracts.usage_month = in_order.usage_month
        and month_contracts.received_date = in_order.received_date
        and month_contracts.contract_rank = 1
),

billed as (
    select
        priced.*,
        case when priced.overage_unit_price is not null then cast(
            floor(case when usage_after > included_units then usage_after - included_units else 0 end)
            - floor(case when usage_before > included_units then usage_before - included_units else 0 end)
            as bigint) end as billable_units
    from priced
),

final as (
    select
        account_id || '|' || metric || '|late:' || {{ month_label('usage_month') }} || '|'
            || cast(received_date as varchar) as correction_key,
        account_id,
        contract_id,
        metric,
        usage_month,
        {{ month_label('usage_month') }} as usage_month_label,
        closes_at,
        received_date,
        late_line_count,
        delta_quantity,
        event_ids,
        on_time_quantity,
        usage_before,
        usage_after,
        included_units,
        overage_unit_price,
        billable_units,
        {{ cents('billable_units * overage_unit_price') }} as late_amount,
        currency,
        'Late usage of ' || metric || ' for ' || {{ month_label('usage_month') }} || ', received '
            || cast(received_date as varchar) || ' after the month closed on ' || cast(cast(closes_at as date) as varchar)
            || ': ' || case when delta_quantity >= 0 then '+' else '' end || {{ quantity_text_trimmed('delta_quantity') }}
            || ' units in ' || cast(late_line_count as varchar)
            || case when late_line_count = 1 then ' event (' else ' events (' end || event_ids_head
            || case when late_line_count > 5 then ' and ' || cast(late_line_count - 5 as varchar) || ' more' else '' end
            || '); month usage ' || {{ quantity_text_trimmed('usage_before') }} || ' -> ' || {{ quantity_text_trimmed('usage_after') }}
            || coalesce(' of ' || {{ quantity_text_trimmed('included_units') }} || ' included', '')
            as evidence
    from billed
)

select * from final
