-- One finding per leak type, contract (or account) and metric, summed over its months, with
-- evidence a CSM or a finance analyst can act on and the recommended action with its numbers.
-- findings.csv is this table.
with

leak_months as (
    select * from {{ ref('int_leak_months') }}
),

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

numbered as (
    select
        leak_months.*,
        row_number() over (
            partition by leak_type, account_id, contract_id, metric order by month_start
        ) as month_rank
    from leak_months
),

aggregated as (
    select
        leak_type,
        account_id,
        contract_id,
        metric,
        min(month_start) as period_start,
        max(month_start) as period_end,
        sum(amount) as amount,
        sum(units) as units,
        count(*) as months,
        max(currency) as currency,
        listagg(case when month_rank <= {{ var('evidence_months') }} then detail end, '; ')
            within group (order by month_start) as evidence_head
    from numbered
    group by leak_type, account_id, contract_id, metric
),

labelled as (
    select
        aggregated.*,
        {{ month_label('aggregated.period_start') }} as period_start_label,
        {{ month_label('aggregated.period_end') }} as period_end_label,
        {{ money_text('aggregated.amount') }} || ' ' || aggregated.currency as amount_text,
        case when aggregated.months = 1 then '1 month' else cast(aggregated.months as varchar) || ' months' end
            as months_text,
        contracts.annual_uplift_pct,
        contracts.discount_pct,
        contracts.discount_end_date,
        contracts.end_date
    from aggregated
    left join contracts on contracts.contract_id = aggregated.contract_id
),

final as (
    select
        leak_type,
        {{ leak_kind('leak_type') }} as kind,
        account_id,
        contract_id,
        metric,
        period_start,
        period_end,
        period_start_label,
        period_end_label,
        amount,
        currency,
        months,
        units,
        evidence_head
            || case when months > {{ var('evidence_months') }}
                    then '; and ' || cast(months - {{ var('evidence_months') }} as varchar) || ' more month'
                         || case when months - {{ var('evidence_months') }} > 1 then 's' else '' end
                    else '' end as evidence,
        case leak_type
            when 'missing_invoice' then
                'Issue the missing invoice' || case when months > 1 then 's' else '' end || ' for '
                || period_start_label || case when months > 1 then '..' || period_end_label else '' end
                || ' (' || months_text || '): ' || amount_text || '.'
            when 'seat_count_mismatch' then
                'Bill the ' || {{ quantity_text('units') }} || ' seat-months missing from the seats lines ('
                || amount_text || ') and invoice the licensed seat count from now on.'
            when 'renewal_uplift_missed' then
                'Apply the contracted ' || {{ quantity_text('annual_uplift_pct') }}
                || '% annual uplift to the seat price and invoice the shortfall over ' || months_text
                || ': ' || amount_text || '.'
            when 'rate_mismatch' then
                'Bill the contracted seat price; recover ' || amount_text || ' billed below contract over '
                || months_text || '.'
            when 'overbilled' then
                'Credit ' || amount_text || ' billed above the contracted seat price over ' || months_text
                || ' and correct the price before the customer disputes it.'
            when 'expired_discount_applied' then
                'Stop the discount that ended on ' || cast(discount_end_date as varchar) || ' and recover '
                || amount_text || ' discounted after it ended (' || months_text || ').'
            when 'discount_overapplied' then
                'Limit the discount to the contracted ' || {{ quantity_text('discount_pct') }}
                || '% and recover ' || amount_text || ' over ' || months_text || '.'
            when 'seat_true_up' then
                'Issue a true-up invoice for ' || {{ quantity_text('units') }} || ' seat-months over '
                || months_text || ' = ' || amount_text || '.'
            when 'unbilled_overage' then
                'Invoice the ' || metric || ' overage of ' || months_text || ': ' || amount_text || '.'
            when 'expansion_opportunity' then
                'Open an expansion opportunity: ' || {{ quantity_text('units') }} || ' seats above the licence, '
                || amount_text || ' ARR.'
            when 'renewal_at_risk' then
                'CSM to contact the customer before the renewal on ' || cast(end_date as varchar) || ': '
                || amount_text || ' ARR at stake, no contact in the last {{ var("csm_contact_window_days") }} days.'
            when 'usage_decline' then
                'CSM to review the usage decline with the customer: ' || amount_text || ' ARR in force.'
            when 'handoff_incomplete' then
                'Sales to complete the contract handoff fields for CS.'
        end as recommended_action
    from labelled
)

select * from final
