-- What sales and CS see on the Salesforce Account (sync salesforce_accounts): seats against the
-- licence, usage of the account's main metric and its 28-day trend, the expansion signal, open
-- leakage, ARR at risk, the renewal with next year's uplift, and a behavioural health score.
-- Renewal risk is high for a renewal_at_risk finding, a term that ended with no new contract, a
-- usage decline within 180 days of the renewal, or a red CRM health within 90 days of it.
-- The as-of month's usage against the plan limit (the metric closest to or furthest past it) and
-- the last usage threshold crossed (usage_thresholds). The learned leakage risk (the probability
-- of a confirmed finding next quarter, as a percentage, null when no model scored the account)
-- and its drivers. One row per account, as of var('as_of').
with

accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

price_schedule as (
    select * from {{ ref('int_contract_price_schedule') }}
),

seats as (
    select * from {{ ref('seats_vs_license') }}
),

trends as (
    select * from {{ ref('consumption_trends') }}
),

findings as (
    select * from {{ ref('leak_findings') }}
),

plan_usage as (
    select * from {{ ref('usage_vs_plan') }}
),

thresholds as (
    select * from {{ ref('usage_thresholds') }}
),

leakage_risk as (
    select * from {{ ref('stg_ml__leakage_risk') }}
),

-- the as-of month's usage against the plan: the metric closest to (or furthest past) its limit
current_utilisation as (
    select account_id, metric, utilisation
    from (
        select
            account_id,
            metric,
            utilisation,
            row_number() over (partition by account_id order by utilisation desc, metric) as metric_rank
        from plan_usage
        where month_start = {{ month_start(as_of()) }} and utilisation is not null
    ) as by_metric
    where metric_rank = 1
),

-- the last threshold the account's usage crossed
last_threshold as (
    select account_id, metric, month_label, level_pct, included_units, detected_at
    from (
        select
            thresholds.*,
            row_number() over (
                partition by account_id order by usage_month desc, detected_at desc, level_pct desc, metric
            ) as threshold_rank
        from thresholds
    ) as by_time
    where threshold_rank = 1
),

-- the account's current contract: the one in force at as_of, else the latest started, else the
-- first to start
ranked_contracts as (
    select
        contracts.*,
        row_number() over (
            partition by account_id
            order by
                case when start_date <= {{ as_of() }} and end_date >= {{ as_of() }} then 0
                     when start_date <= {{ as_of() }} then 1
                     else 2 end,
                case when start_date <= {{ as_of() }} then start_date end desc,
                start_date,
                contract_id
        ) as contract_rank
    from contracts
),

current_contract as (
    select
        ranked_contracts.*,
        {{ whole_years('ranked_contracts.start_month_index', 'ranked_contracts.end_month_index + 1') }}
            as renewal_year
    from ranked_contracts
    where contract_rank = 1
),

renewal as (
    select
        current_contract.account_id,
        current_contract.contract_id,
        current_contract.seats_licensed,
        current_contract.end_date,
        {{ add_days('current_contract.end_date', 1) }} as renewal_date,
        {{ cents('current_contract.seats_licensed * price_schedule.seat_price * 12') }} as renewal_amount
    from current_contract
    left join price_schedule
        on price_schedule.contract_id = current_contract.contract_id
        and price_schedule.contract_year = current_contract.renewal_year
),

latest_seats as (
    select account_id, seats_active
    from (
        select
            account_id,
            seats_active,
            row_number() over (partition by account_id order by day desc) as day_rank
        from seats
    ) as by_day
    where day_rank = 1
),

-- the account's main metric: the one with the most usage in the last 28 days
main_usage as (
    select account_id, metric, sum_28d, prev_28d, change_28d
    from (
        select
            account_id,
            metric,
            sum_28d,
            prev_28d,
            change_28d,
            row_number() over (partition by account_id order by sum_28d desc, metric) as metric_rank
        from trends
        where day = {{ as_of() }}
    ) as by_metric
    where metric_rank = 1
),

finding_totals as (
    select
        account_id,
        sum(case when kind = 'leakage' then amount else 0 end) as open_leakage,
        sum(case when leak_type = 'expansion_opportunity' then amount else 0 end) as expansion_arr,
        sum(case when leak_type = 'renewal_at_risk' then amount else 0 end) as renewal_at_risk_arr,
        sum(case when leak_type = 'usage_decline' then amount else 0 end) as usage_decline_arr,
        max(case when leak_type in ('expansion_opportunity', 'seat_true_up') then 1 else 0 end) as has_expansion,
        max(case when leak_type = 'renewal_at_risk' then 1 else 0 end) as has_renewal_risk,
        max(case when leak_type = 'usage_decline' then 1 else 0 end) as has_usage_decline
    from findings
    group by account_id
),

measured as (
    select
        accounts.account_id,
        accounts.account_name,
        accounts.crm_health,
        accounts.last_csm_contact_date,
        coalesce(latest_seats.seats_active, 0) as seats_active,
        coalesce(renewal.seats_licensed, 0) as seats_licensed,
        case when renewal.seats_licensed > 0
             then cast(coalesce(latest_seats.seats_active, 0) as decimal(38, 10)) / renewal.seats_licensed
        end as utilisation,
        coalesce(main_usage.sum_28d, 0) as usage_28d,
        main_usage.change_28d,
        renewal.renewal_date,
        renewal.renewal_amount,
        coalesce(finding_totals.open_leakage, 0) as open_leakage,
        coalesce(finding_totals.expansion_arr, 0) as expansion_arr,
        case when coalesce(finding_totals.usage_decline_arr, 0) > coalesce(finding_totals.renewal_at_risk_arr, 0)
             then coalesce(finding_totals.usage_decline_arr, 0)
             else coalesce(finding_totals.renewal_at_risk_arr, 0) end as at_risk_arr,
        coalesce(finding_totals.has_expansion, 0) as has_expansion,
        coalesce(finding_totals.has_renewal_risk, 0) as has_renewal_risk,
        coalesce(finding_totals.has_usage_decline, 0) as has_usage_decline,
        case when renewal.renewal_date is not null
             then {{ dbt.datediff(as_of(), 'renewal.renewal_date', 'day') }} end as days_to_renewal,
        current_utilisation.utilisation as plan_utilisation,
        current_utilisation.metric as plan_utilisation_metric,
        last_threshold.metric || ' ' || cast(last_threshold.level_pct as varchar) || '% of '
            || {{ quantity_text('last_threshold.included_units') }} || ' (' || last_threshold.month_label || ')'
            as last_threshold,
        last_threshold.detected_at as last_threshold_at,
        leakage_risk.probability as leakage_probability,
        leakage_risk.drivers as leakage_risk_drivers
    from accounts
    left join renewal on renewal.account_id = accounts.account_id
    left join latest_seats on latest_seats.account_id = accounts.account_id
    left join main_usage on main_usage.account_id = accounts.account_id
    left join finding_totals on finding_totals.account_id = accounts.account_id
    left join current_utilisation on current_utilisation.account_id = accounts.account_id
    left join last_threshold on last_threshold.account_id = accounts.account_id
    left join leakage_risk on leakage_risk.account_id = accounts.account_id
),

scored as (
    select
        measured.*,
        -- seats (40): utilisation up to 100%; usage (40): flat or growing is full, -50% is half,
        -- no history is neutral; engagement (20): CSM contact within 30 days, 90 days, or not
        (case when utilisation is null then 20
              when utilisation >= 1 then 40
              else 40 * utilisation end)
        + (case when change_28d is null then 20
                when change_28d >= 0 then 40
                when change_28d <= -1 then 0
                else 40 * (1 + change_28d) end)
        + (case when last_csm_contact_date >= {{ add_days(as_of(), -30) }} then 20
                when last_csm_contact_date >= {{ add_days(as_of(), -90) }} then 10
                else 0 end) as health_points
    from measured
),

final as (
    select
        account_id,
        account_name,
        seats_active,
        seats_licensed,
        cast(round(utilisation * 100, 2) as decimal(8, 2)) as seat_utilisation_pct,
        {{ cents('usage_28d') }} as usage_28d,
        cast(round(change_28d * 100, 2) as decimal(12, 2)) as usage_trend_pct,
        case when has_expansion = 1 or seats_active > seats_licensed then 'expand'
             when utilisation >= 0.9 or change_28d >= 0.2 then 'watch'
             else 'none' end as expansion_signal,
        {{ cents('expansion_arr') }} as expansion_arr,
        {{ cents('open_leakage') }} as open_leakage,
        {{ cents('at_risk_arr') }} as at_risk_arr,
        renewal_date,
        renewal_amount,
        case when has_renewal_risk = 1
                  or days_to_renewal <= 0
                  or (has_usage_decline = 1 and days_to_renewal <= 180)
                  or (crm_health = 'red' and days_to_renewal <= 90) then 'high'
             when has_usage_decline = 1 or crm_health in ('yellow', 'red')
                  or utilisation < 0.5 then 'medium'
             else 'low' end as renewal_risk,
        cast(round(health_points, 0) as integer) as health_score,
        cast(round(plan_utilisation * 100, 2) as decimal(12, 2)) as usage_utilisation_pct,
        plan_utilisation_metric as usage_utilisation_metric,
        last_threshold,
        last_threshold_at,
        cast(round(leakage_probability * 100, 1) as decimal(4, 1)) as leakage_risk,
        leakage_risk_drivers,
        cast({{ as_of() }} as timestamp) as data_as_of
    from scored
)

select * from final
