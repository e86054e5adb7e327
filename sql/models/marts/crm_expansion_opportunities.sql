-- Expansion findings as Salesforce Opportunities (sync salesforce_opportunities), so the AE or
-- CSM who works one gets the credit. One opportunity per contract and contract year: while the
-- account stays above its licence the same opportunity is updated, never duplicated.
with

findings as (
    select * from {{ ref('leak_findings') }}
),

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

true_ups as (
    select * from {{ ref('billing_true_ups') }}
),

expansions as (
    select
        findings.*,
        {{ whole_years('contracts.start_month_index', month_index('findings.period_end')) }} as contract_year
    from findings
    inner join contracts on contracts.contract_id = findings.contract_id
    where findings.leak_type = 'expansion_opportunity'
),

expansion_opportunities as (
    select
        'EXP-' || expansions.contract_id || '-Y' || cast(expansions.contract_year + 1 as varchar)
            as opportunity_key,
        expansions.account_id,
        expansions.contract_id,
        substring('Expansion: ' || accounts.account_name || ' +' || {{ quantity_text('expansions.units') }}
            || ' seats' from 1 for 120) as opportunity_name,
        'Prospecting' as stage_name,
        {{ add_days(as_of(), 30) }} as close_date,
        expansions.amount,
        'Expansion' as opportunity_type,
        substring(expansions.evidence || '. ' || expansions.recommended_action from 1 for 32000) as description
    from expansions
    inner join accounts on accounts.account_id = expansions.account_id
),

-- contracts that auto-bill seats above the licence: the true-up Stripe invoices is an expansion
-- the AE or CSM gets credit for, one per contract and contract year
true_up_opportunities as (
    select
        'TU-' || true_ups.contract_id || '-Y'
            || cast({{ whole_years('contracts.start_month_index', month_index('true_ups.period_start')) }} + 1 as varchar)
            as opportunity_key,
        true_ups.account_id,
        true_ups.contract_id,
        substring('True-up: ' || accounts.account_name || ' +' || {{ quantity_text('true_ups.extra_seats') }}
            || ' seats' from 1 for 120) as opportunity_name,
        'Prospecting' as stage_name,
        {{ add_days(as_of(), 30) }} as close_date,
        true_ups.annual_value as amount,
        'True-up' as opportunity_type,
        substring(true_ups.description || '. Billed in Stripe as a prorated true-up of '
            || {{ money_text('true_ups.amount') }} || ' ' || true_ups.currency || '.' from 1 for 32000) as description
    from true_ups
    inner join contracts on contracts.contract_id = true_ups.contract_id
    inner join accounts on accounts.account_id = true_ups.account_id
    where true_ups.item_type = 'prorated'
),

final as (
    select * from expansion_opportunities
    union all
    select * from true_up_opportunities
)

select * from final
