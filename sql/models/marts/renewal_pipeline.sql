-- The renewals of the next var('renewal_pipeline_days') days, one row per contract whose term
-- ends in that window and that no later contract of the account has replaced (unsigned), with
-- its T-90 / T-60 / T-30 lane, next year's price (the uplift applied at the anniversary), the
-- renewal amount, and why it is at risk: a renewal_at_risk finding (no CSM contact), a usage
-- decline on the account, or a red CRM health. Read by the leakage report and the renewal DAG.
-- The account's learned leakage risk (percentage and band) rides along for the renewal owner:
-- it informs, it does not change at_risk (null when no model scored the account).
with

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

price_schedule as (
    select * from {{ ref('int_contract_price_schedule') }}
),

findings as (
    select * from {{ ref('leak_findings') }}
),

leakage_risk as (
    select * from {{ ref('stg_ml__leakage_risk') }}
),

ending as (
    select
        contracts.*,
        {{ add_days('contracts.end_date', 1) }} as renewal_date,
        {{ dbt.datediff(as_of(), add_days('contracts.end_date', 1), 'day') }} as days_to_renewal,
        {{ whole_years('contracts.start_month_index', 'contracts.end_month_index') }} as last_year,
        {{ whole_years('contracts.start_month_index', 'contracts.end_month_index + 1') }} as renewal_year
    from contracts
    where contracts.end_date >= {{ as_of() }}
        and contracts.end_date < {{ add_days(as_of(), var('renewal_pipeline_days')) }}
        and not exists (
            select 1
            from contracts as later
            where later.account_id = contracts.account_id
                and later.contract_id <> contracts.contract_id
                and later.start_date > contracts.end_date
        )
),

contract_risk as (
    select contract_id, max(amount) as renewal_at_risk_amount
    from findings
    where leak_type = 'renewal_at_risk'
    group by contract_id
),

account_decline as (
    select account_id, max(amount) as usage_decline_arr
    from findings
    where leak_type = 'usage_decline'
    group by account_id
),

priced as (
    select
        ending.contract_id,
        ending.account_id,
        accounts.account_name,
        accounts.csm_email,
        accounts.crm_health,
        accounts.last_csm_contact_date,
        ending.currency,
        ending.auto_renew,
        ending.end_date,
        ending.renewal_date,
        ending.days_to_renewal,
        ending.seats_licensed,
        ending.annual_uplift_pct,
        current_price.seat_price as current_seat_price,
        next_price.seat_price as renewal_seat_price,
        {{ cents('ending.seats_licensed * current_price.seat_price * 12') }} as current_arr,
        {{ cents('ending.seats_licensed * next_price.seat_price * 12') }} as renewal_amount,
        contract_risk.renewal_at_risk_amount is not null as no_csm_contact,
        account_decline.usage_decline_arr is not null as usage_declining,
        coalesce(accounts.crm_health = 'red', false) as health_red,
        leakage_risk.probability as leakage_probability,
        leakage_risk.risk_band as leakage_risk_band
    from ending
    inner join accounts on accounts.account_id = ending.account_id
    left join price_schedule as current_price
        on current_price.contract_id = ending.contract_id
        and current_price.contract_year = ending.last_year
    left join price_schedule as next_price
        on next_price.contract_id = ending.contract_id
        and next_price.contract_year = ending.renewal_year
    left join contract_risk on contract_risk.contract_id = ending.contract_id
    left join account_decline on account_decline.account_id = ending.account_id
    left join leakage_risk on leakage_risk.account_id = ending.account_id
),

final as (
    select
        contract_id,
        account_id,
        account_name,
        csm_email,
        currency,
        auto_renew,
        end_date,
        renewal_date,
        days_to_renewal,
        case when days_to_renewal <= 30 then 'T-30'
             when days_to_renewal <= 60 then 'T-60'
             when days_to_renewal <= 90 then 'T-90'
             else 'later' end as lane,
        seats_licensed,
        annual_uplift_pct,
        current_seat_price,
        renewal_seat_price,
        current_arr,
        renewal_amount,
        renewal_amount - current_arr as uplift_amount,
        last_csm_contact_date,
        no_csm_contact or usage_declining or health_red as at_risk,
        case when no_csm_contact or usage_declining or health_red then renewal_amount
             else cast(0 as decimal(38, 2)) end as at_risk_amount,
        substring(
            case when no_csm_contact then '; no CSM contact in ' || cast({{ var('csm_contact_window_days') }} as varchar)
                || ' days' else '' end
            || case when usage_declining then '; usage declining' else '' end
            || case when health_red then '; CRM health red' else '' end
        from 3) as risk_reasons,
        cast(round(leakage_probability * 100, 1) as decimal(4, 1)) as leakage_risk_pct,
        leakage_risk_band
    from priced
)

select * from final
