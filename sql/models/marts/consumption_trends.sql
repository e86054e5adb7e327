-- Daily consumption per account and metric with its 7- and 28-day sums and the change of the
-- last 28 days against the 28 before (days without usage count as zero).
with

daily_usage as (
    select * from {{ ref('daily_usage') }}
),

days as (
    select * from {{ ref('int_day_spine') }}
),

series as (
    select account_id, metric, min(usage_date) as first_date
    from daily_usage
    group by account_id, metric
),

dense as (
    select
        series.account_id,
        series.metric,
        days.day,
        coalesce(daily_usage.quantity, 0) as quantity
    from series
    inner join days on days.day >= series.first_date
    left join daily_usage
        on daily_usage.account_id = series.account_id
        and daily_usage.metric = series.metric
        and daily_usage.usage_date = days.day
),

windows as (
    select
        dense.*,
        sum(quantity) over (partition by account_id, metric order by day
            rows between 6 preceding and current row) as sum_7d,
        sum(quantity) over (partition by account_id, metric order by day
            rows between 27 preceding and current row) as sum_28d,
        sum(quantity) over (partition by account_id, metric order by day
            rows between 55 preceding and 28 preceding) as prev_28d
    from dense
),

final as (
    select
        windows.*,
        case when prev_28d > 0 then (sum_28d - prev_28d) / prev_28d end as change_28d
    from windows
)

select * from final
