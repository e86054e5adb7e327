with

source as (
    select * from {{ source('product', 'workspaces') }}
),

final as (
    select
        workspace_id,
        account_id
    from source
)

select * from final
