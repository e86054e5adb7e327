-- The audit's verdict per contract, for the report and the quarterly compliance review:
-- clean (no finding), flag (findings to act on in the normal course) or escalate (leakage of at
-- least var('escalate_leakage_amount') in the contract's currency, money billed above the
-- contract, or a renewal at risk), with the owner the review is routed to (the account's CSM).
-- Account-level findings (usage_decline) count against the account's contracts in force at as_of.
-- A contract with an anomaly finding of the learned model (months no rule covers) is flagged at
-- least, its reason naming the months, the highest score and the drivers of the top month, so a
-- reviewer confirms or dismisses it; the period is the span of all its findings' months.
with

contracts as (
    select * from {{ ref('stg_crm__contracts') }}
),

accounts as (
    select * from {{ ref('stg_crm__accounts') }}
),

findings as (
    select * from {{ ref('leak_findings') }}
),

anomaly_findings as (
    select * from {{ ref('stg_ml__anomaly_findings') }}
),

anomaly_scores as (
    select * from {{ ref('stg_ml__anomaly_scores') }}
),

attributed as (
    select findings.*, findings.contract_id as attributed_contract_id
    from findings
    where findings.contract_id is not null
    union all
    select findings.*, contracts.contract_id as attributed_contract_id
    from findings
    inner join contracts
        on contracts.account_id = findings.account_id
        and contracts.start_date <= {{ as_of() }}
        and contracts.end_date >= {{ as_of() }}
    where findings.contract_id is null
),

totals as (
    select
        attributed_contract_id as contract_id,
        count(*) as findings,
        sum(case when kind = 'leakage' then amount else 0 end) as leakage_amount,
        sum(case when kind = 'dispute_risk' then amount else 0 end) as dispute_amount,
        sum(case when kind = 'risk' then amount else 0 end) as risk_amount,
        sum(case when kind = 'opportunity' then amount else 0 end) as opportunity_amount,
        max(case when leak_type = 'renewal_at_risk' then 1 else 0 end) as renewal_at_risk
    from attributed
    group by attributed_contract_id
),

-- the drivers of each contract's highest-scored flagged month that no rule covers
top_anomaly_month as (
    select contract_id, drivers
    from (
        select
            contract_id,
            drivers,
            row_number() over (partition by contract_id order by score desc, month_start) as score_rank
        from anomaly_scores
        where is_anomaly and not rule_finding
    ) as ranked
    where score_rank = 1
),

anomalies as (
    select
        anomaly_findings.contract_id,
        anomaly_findings.period_start_label,
        anomaly_findings.period_end_label,
        cast(round(anomaly_findings.max_score, 1) as decimal(5, 1)) as anomaly_score,
        coalesce(top_anomaly_month.drivers, anomaly_findings.evidence) as anomaly_drivers
    from anomaly_findings
    left join top_anomaly_month on top_anomaly_month.contract_id = anomaly_findings.contract_id
),

periods as (
    select
        contract_id,
        min(period_start_label) as period_start_label,
        max(period_end_label) as period_end_label
    from (
        select attributed_contract_id as contract_id, period_start_label, period_end_label from attributed
        union all
        select contract_id, period_start_label, period_end_label from anomalies
    ) as finding_periods
    group by contract_id
),

type_lists as (
    select
        contract_id,
        listagg(leak_type, ', ') within group (order by leak_type) as leak_types
    from (
        select distinct attributed_contract_id as contract_id, leak_type from attributed
        union
        select contract_id, 'anomaly' as leak_type from anomalies
    ) as types
    group by contract_id
),

final as (
    select
        contracts.contract_id,
        contracts.account_id,
        accounts.account_name,
        accounts.csm_email as owner,
        contracts.currency,
        contracts.start_date,
        contracts.end_date,
        coalesce(totals.findings, 0) as findings,
        cast(coalesce(totals.leakage_amount, 0) as decimal(38, 2)) as leakage_amount,
        cast(coalesce(totals.dispute_amount, 0) as decimal(38, 2)) as dispute_amount,
        cast(coalesce(totals.risk_amount, 0) as decimal(38, 2)) as risk_amount,
        cast(coalesce(totals.opportunity_amount, 0) as decimal(38, 2)) as opportunity_amount,
        case when totals.contract_id is null and anomalies.contract_id is null then 'clean'
             when totals.leakage_amount >= {{ var('escalate_leakage_amount') }}
                  or totals.dispute_amount > 0
                  or totals.renewal_at_risk = 1 then 'escalate'
             else 'flag' end as status,
        case when totals.contract_id is null and anomalies.contract_id is null then 'no findings'
             else substring(
                 case when totals.leakage_amount >= {{ var('escalate_leakage_amount') }}
                      then '; leakage of at least ' || cast({{ var('escalate_leakage_amount') }} as varchar)
                          || ' ' || contracts.currency else '' end
                 || case when totals.dispute_amount > 0 then '; billed above the contract' else '' end
                 || case when totals.renewal_at_risk = 1 then '; renewal at risk' else '' end
                 || '; findings: ' || type_lists.leak_types
                 || case when anomalies.contract_id is not null
                         then '; anomaly in ' || anomalies.period_start_label
                             || case when anomalies.period_end_label <> anomalies.period_start_label
                                     then '..' || anomalies.period_end_label else '' end
                             || ' (score ' || cast(anomalies.anomaly_score as varchar) || ')'
                             || coalesce(': ' || anomalies.anomaly_drivers, '')
                         else '' end
             from 3)
        end as status_reason,
        type_lists.leak_types,
        periods.period_start_label,
        periods.period_end_label,
        anomalies.anomaly_score
    from contracts
    inner join accounts on accounts.account_id = contracts.account_id
    left join totals on totals.contract_id = contracts.contract_id
    left join type_lists on type_lists.contract_id = contracts.contract_id
    left join periods on periods.contract_id = contracts.contract_id
    left join anomalies on anomalies.contract_id = contracts.contract_id
)

select * from final
