-- Renewals staged in the CRM at T-90 (sync salesforce_renewals): one Renewal Opportunity per
-- unsigned renewal within 90 days, with next year's amount (the contracted uplift applied), so
-- the renewal is worked at the new price. From T-30 an unsigned renewal's status is At Risk.
with

pipeline as (
    select * from {{ ref('renewal_pipeline') }}
),

final as (
    select
        'RN-' || pipeline.contract_id || '-' || {{ month_label('pipeline.renewal_date') }} as opportunity_key,
        pipeline.account_id,
        pipeline.contract_id,
        substring('Renewal: ' || pipeline.account_name || ' ' || {{ month_label('pipeline.renewal_date') }}
            from 1 for 120) as opportunity_name,
        'Prospecting' as stage_name,
        pipeline.end_date as close_date,
        pipeline.renewal_amount as amount,
        'Renewal' as opportunity_type,
        case when pipeline.lane = 'T-30' then 'At Risk' else 'On Track' end as renewal_status,
        pipeline.lane,
        'Renews ' || cast(pipeline.renewal_date as varchar) || ': ' || cast(pipeline.seats_licensed as varchar)
            || ' seats at ' || {{ money_text('pipeline.renewal_seat_price') }} || ' ' || pipeline.currency
            || ' a seat-month (' || {{ money_text('pipeline.current_seat_price') }} || ' this year, uplift '
            || {{ money_text('pipeline.uplift_amount') }} || ' a year) = '
            || {{ money_text('pipeline.renewal_amount') }} || ' ' || pipeline.currency
            || case when pipeline.at_risk then '. At risk: ' || pipeline.risk_reasons else '' end as description
    from pipeline
    where pipeline.lane in ('T-90', 'T-60', 'T-30')
)

select * from final
