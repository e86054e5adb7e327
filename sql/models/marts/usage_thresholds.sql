-- Usage signals: each time an account's committed usage of a metric in a billing month first
-- reached a level of its plan limit (50%, 90%, 100% and every further 100% by default;
-- thresholds.yml), with the usage, the limit, the plan and the overage it already implies, the
-- event that crossed it and when: received, seen by the job, committed to the lake. Months up to
-- the as-of month.
with

thresholds as (
    select * from {{ ref('stg_product__usage_thresholds') }}
),

accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

final as (
    select
        thresholds.account_id || '|' || thresholds.metric || '|' || {{ month_label('thresholds.usage_month') }}
            || '|' || cast(thresholds.level_pct as varchar) as threshold_key,
        thresholds.account_id,
        coalesce(accounts.account_name, thresholds.account_name) as account_name,
        coalesce(accounts.csm_email, thresholds.csm_email) as csm_email,
        thresholds.metric,
        thresholds.usage_month,
        {{ month_label('thresholds.usage_month') }} as month_label,
        thresholds.level_pct,
        thresholds.usage_quantity,
        thresholds.included_units,
        cast(round(thresholds.usage_quantity * 100 / thresholds.included_units, 2) as decimal(12, 2))
            as utilisation_pct,
        thresholds.contract_id,
        thresholds.plan_id,
        thresholds.overage_unit_price,
        thresholds.currency,
        case when thresholds.usage_quantity > thresholds.included_units
             then thresholds.usage_quantity - thresholds.included_units else 0 end as overage_units,
        {{ cents('case when thresholds.usage_quantity > thresholds.included_units then (thresholds.usage_quantity - thresholds.included_units) * coalesce(thresholds.overage_unit_price, 0) else 0 end') }}
            as overage_amount,
        thresholds.event_id as crossing_event_id,
        thresholds.received_at as crossed_at,
        thresholds.detected_at,
        thresholds._lake_committed_at as committed_at
    from thresholds
    left join accounts on accounts.account_id = thresholds.account_id
    where thresholds.usage_month <= {{ month_start(as_of()) }}
)

select * from final
