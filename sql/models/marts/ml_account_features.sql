-- Features per account for the leakage-risk forecast (gradient-boosted trees in Java, trained on
-- a build with as_of three months earlier and labelled with the quarter that followed): the
-- leakage found so far, CRM health and contact, the contract's renewal, uplift and discount
-- calendar, seats and usage against the licence and plan in the last closed month and their
-- growth, overage months, void and open invoices, the handoff, and the worst of the contract-month
-- features (ml_contract_month_features) over the last quarter. "Last quarter" is the 3 closed
-- months before the as-of month, "last closed month" the month before it. Only those closed
-- months (and earlier ones) are read, with the CRM columns as they are. One row per account with a
-- contract in force on the as-of date or a closed month of a term in the last quarter. Every
-- feature is a double and never null: the default of each is in _marts.yml.
with

accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

contract_months as (
    select * from {{ ref('int_contract_months') }}
    where is_closed
),

leak_months as (
    select * from {{ ref('int_leak_months') }}
),

plan_usage as (
    select * from {{ ref('usage_vs_plan') }}
    where is_closed
),

invoices as (
    select * from {{ ref('stg_billing__invoices') }}
),

month_features as (
    select * from {{ ref('ml_contract_month_features') }}
),

-- the contracts an account is scored on: in force on the as-of date, or with a closed month in
-- the last quarter
candidate_contracts as (
    select
        contracts.*,
        contracts.start_date <= {{ as_of() }} and contracts.end_date >= {{ as_of() }} as is_in_force
    from contracts
    where contracts.start_date <= {{ as_of() }}
        and contracts.contract_id in (
            select contract_id from contracts
            where start_date <= {{ as_of() }} and end_date >= {{ as_of() }}
            union
            select contract_id from contract_months
            where month_index >= {{ month_index(as_of()) }} - 3
        )
),

-- the account's contract: the one in force, else the one that ended last; with its calendar
current_contract as (
    select
        ranked.*,
        -- months to the next contract-year start after the as-of month: 12 in an anniversary month
        12 - (ranked.months_since_start - 12 * {{ whole_years('0', 'ranked.months_since_start') }})
            as months_to_anniversary,
        ranked.discount_pct > 0
            and (ranked.discount_end_date is null or ranked.discount_end_date > {{ as_of() }}) as is_discount_active,
        ranked.discount_pct > 0
            and ranked.discount_end_date > {{ as_of() }}
            and ranked.discount_end_date <= {{ add_days(as_of(), 92) }} as discount_ends_next_quarter
    from (
        select
            candidate_contracts.*,
            {{ month_index(as_of()) }} - candidate_contracts.start_month_index as months_since_start,
            row_number() over (
                partition by account_id
                order by case when is_in_force then 0 else 1 end, end_date desc, start_date desc, contract_id
            ) as contract_rank
        from candidate_contracts
    ) as ranked
    where ranked.contract_rank = 1
),

-- findings' months that lose or may cost money (kinds leakage and dispute_risk)
leak_totals as (
    select
        account_id,
        count(case when month_index >= {{ month_index(as_of()) }} - 3 then 1 end) as leak_months_last_quarter,
        sum(case when month_index >= {{ month_index(as_of()) }} - 3 then amount else 0 end) as leak_amount_last_quarter,
        count(distinct case when month_index >= {{ month_index(as_of()) }} - 3 then leak_type end)
            as leak_types_last_quarter,
        count(case when month_index < {{ month_index(as_of()) }} - 3 then 1 end) as leak_months_before,
        count(case when month_index = {{ month_index(as_of()) }} - 1 then 1 end) as leak_months_last_month,
        {{ month_index(as_of()) }} - max(month_index) as months_since_last_leak
    from (
        select
            account_id,
            leak_type,
            amount,
            {{ month_index('month_start') }} as month_index
        from leak_months
        where {{ leak_kind('leak_type') }} in ('leakage', 'dispute_risk')
    ) as leaks
    where month_index < {{ month_index(as_of()) }}
    group by account_id
),

-- months of the last quarter with any metric's usage over its included units
overage_months as (
    select account_id, count(distinct month_start) as overage_months_last_quarter
    from plan_usage
    where overage_units > 0
        and {{ month_index('month_start') }} >= {{ month_index(as_of()) }} - 3
    group by account_id
),

invoice_counts as (
    select
        account_id,
        count(case when is_void and {{ month_index('period_month') }} >= {{ month_index(as_of()) }} - 12 then 1 end)
            as invoices_void_last_year,
        count(case when status = 'open' then 1 end) as invoices_open
    from invoices
    where {{ month_index('period_month') }} < {{ month_index(as_of()) }}
    group by account_id
),

-- the contract-month features of the last closed month: the account's contract's, else (when it
-- started in the as-of month) the previous contract's
last_month as (
    select *
    from (
        select
            month_features.*,
            row_number() over (
                partition by month_features.account_id
                order by case when month_features.contract_id = current_contract.contract_id then 0 else 1 end,
                    month_features.contract_id
            ) as contract_rank
        from month_features
        inner join current_contract on current_contract.account_id = month_features.account_id
        where {{ month_index('month_features.month_start') }} = {{ month_index(as_of()) }} - 1
    ) as ranked
    where ranked.contract_rank = 1
),

quarter as (
    select
        account_id,
        max(abs(seat_price_vs_contract)) as max_abs_seat_price_vs_contract,
        max(overage_price_vs_list) as max_overage_price_vs_list,
        max(overage_qty_vs_metered) as max_overage_qty_vs_metered,
        min(workspace_share_shift) as min_workspace_share_shift,
        max(months_without_seat_events) as max_months_without_seat_events,
        max(usage_per_seat_growth_3m) as max_usage_per_seat_growth_3m
    from month_features
    where {{ month_index('month_start') }} >= {{ month_index(as_of()) }} - 3
    group by account_id
),

final as (
    select
        current_contract.account_id,
        accounts.segment,
        {{ feature('leak_totals.leak_months_last_quarter', 0) }} as leak_months_last_quarter,
        {{ feature('leak_totals.leak_amount_last_quarter', 0) }} as leak_amount_last_quarter,
        {{ feature('leak_totals.leak_types_last_quarter', 0) }} as leak_types_last_quarter,
        {{ feature('leak_totals.leak_months_before', 0) }} as leak_months_before,
        {{ feature('leak_totals.leak_months_last_month', 0) }} as leak_months_last_month,
        cast({{ clamp('coalesce(leak_totals.months_since_last_leak, 99)', 1, 99) }} as double) as months_since_last_leak,
        cast(case accounts.crm_health when 'red' then 2 when 'yellow' then 1 else 0 end as double) as crm_health_code,
        cast(case when accounts.last_csm_contact_date is null or accounts.last_csm_contact_date > {{ as_of() }}
                  then 999
                  else {{ dbt.datediff('accounts.last_csm_contact_date', as_of(), 'day') }} end as double)
            as days_since_csm_contact,
        cast(case when current_contract.is_in_force
                  then current_contract.end_month_index - {{ month_index(as_of()) }}
                  else 99 end as double) as months_to_renewal,
        {{ flag('current_contract.auto_renew') }} as auto_renew,
        cast(current_contract.annual_uplift_pct as double) as annual_uplift_pct,
        cast(current_contract.months_to_anniversary as double) as months_to_anniversary,
        {{ flag('current_contract.months_to_anniversary <= 3 and current_contract.annual_uplift_pct > 0') }}
            as uplift_next_quarter,
        {{ flag('current_contract.is_discount_active') }} as discount_active,
        cast(current_contract.discount_pct as double) as discount_pct,
        {{ flag('current_contract.discount_ends_next_quarter') }} as discount_ends_next_quarter,
        {{ flag('current_contract.auto_bill_overages') }} as auto_bill_overages,
        cast(current_contract.seats_licensed as double) as seats_licensed,
        {{ feature('last_month.seats_used_vs_licensed', 0) }} as seats_used_vs_licensed,
        {{ feature('last_month.seats_growth_3m', 1) }} as seats_growth_3m,
        {{ feature('last_month.usage_vs_included', 0) }} as usage_vs_included,
        {{ feature('last_month.usage_growth_3m', 1) }} as usage_growth_3m,
        {{ feature('overage_months.overage_months_last_quarter', 0) }} as overage_months_last_quarter,
        {{ feature('invoice_counts.invoices_void_last_year', 0) }} as invoices_void_last_year,
        {{ feature('invoice_counts.invoices_open', 0) }} as invoices_open,
        {{ flag('not current_contract.handoff_complete') }} as handoff_incomplete,
        cast(current_contract.months_since_start as double) as contract_age_months,
        {{ feature('quarter.max_abs_seat_price_vs_contract', 0) }} as max_abs_seat_price_vs_contract,
        {{ feature('quarter.max_overage_price_vs_list', 0) }} as max_overage_price_vs_list,
        {{ feature('quarter.max_overage_qty_vs_metered', 0) }} as max_overage_qty_vs_metered,
        {{ feature('quarter.min_workspace_share_shift', 1) }} as min_workspace_share_shift,
        {{ feature('quarter.max_months_without_seat_events', 0) }} as max_months_without_seat_events,
        {{ feature('quarter.max_usage_per_seat_growth_3m', 1) }} as max_usage_per_seat_growth_3m
    from current_contract
    left join accounts on accounts.account_id = current_contract.account_id
    left join leak_totals on leak_totals.account_id = current_contract.account_id
    left join overage_months on overage_months.account_id = current_contract.account_id
    left join invoice_counts on invoice_counts.account_id = current_contract.account_id
    left join last_month on last_month.account_id = current_contract.account_id
    left join quarter on quarter.account_id = current_contract.account_id
)

select * from final
