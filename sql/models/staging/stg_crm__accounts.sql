with

source as (
    select * from {{ source('crm', 'accounts') }}
),

final as (
    select
        account_id,
        account_name,
        segment,
        csm_email,
        crm_health,
        last_csm_contact_date
    from source
)

select * from final
