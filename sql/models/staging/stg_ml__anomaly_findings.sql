-- The anomaly findings of `leakproof ml score`: one row per contract with flagged months that no
-- rule finding covers, shaped like leak_findings (amount 0: an anomaly is a lead for a reviewer,
-- not a computed amount) plus the highest score and the model. Empty until a model has scored.
with

source as (
    select * from {{ source('ml', 'anomaly_findings') }}
),

final as (
    select
        leak_type,
        kind,
        account_id,
        contract_id,
        metric,
        period_start_label,
        period_end_label,
        amount,
        currency,
        evidence,
        recommended_action,
        max_score,
        model_id
    from source
    where contract_id is not null
)

select * from final
