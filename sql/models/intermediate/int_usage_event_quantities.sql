-- Accepted original usage events with their effective quantity: the quantity of the last
-- accepted correction in arrival order, else their own. Corrections add no quantity of their
-- own: they only replace.
--
-- Incremental, merged on event_id: a run recomputes only the events that lake commits no build
-- has read touch (new originals, and the originals new corrections name). A raw table reloaded
-- from a recreated lake brings only unread commits, so every event is recomputed; when the lake
-- is read as of an earlier state than the last build saw (var lake_as_of) every event is
-- recomputed too. The post-hook deletes the rows of commits the lake no longer holds (their
-- events, if still in the lake, came again with unread commits and were merged). The account is
-- joined later (int_usage_events_effective), so a workspace moving to another account needs no
-- rebuild here. --full-refresh rebuilds it from scratch.
{{ config(
    materialized='incremental',
    unique_key='event_id',
    post_hook="{% if is_incremental() %}delete from {{ this }} where _lake_snapshot_id not in (select distinct "
        ~ "_lake_snapshot_id from {{ ref('stg_product__usage_events') }} where _lake_snapshot_id is not null)"
        ~ "{% endif %}"
) }}

with

events as (
    select * from {{ ref('stg_product__usage_events') }}
),

{% if is_incremental() %}

built as (
    select _lake_snapshot_id, _source_committed_at from {{ this }}
),

-- the lake is read as of an earlier state than the last build saw: recompute every event
rebuild_all as (
    select
        coalesce((select max(_lake_committed_at) from events) < (select max(_source_committed_at) from built), false)
        as flag
),

-- the rows of lake commits no build has read: the table keeps each original's commit (a commit
-- of corrections alone is read again at every build, which costs the few events it names)
new_events as (
    select event_id, corrects_event_id, is_correction
    from events
    where _lake_snapshot_id not in (
        select distinct _lake_snapshot_id from built where _lake_snapshot_id is not null
    )
),

touched as (
    select event_id from new_events where not is_correction
    union
    select corrects_event_id as event_id from new_events where is_correction
    union
    select event_id from events where not is_correction and (select flag from rebuild_all)
),

{% endif %}

originals as (
    select * from events
    where not is_correction
    {% if is_incremental() %}
        and event_id in (select event_id from touched)
    {% endif %}
),

corrections as (
    select * from events
    where is_correction
    {% if is_incremental() %}
        and corrects_event_id in (select event_id from touched)
    {% endif %}
),

ranked_corrections as (
    select
        corrects_event_id,
        event_id as correction_event_id,
        quantity,
        row_number() over (partition by corrects_event_id order by arrival_seq desc) as rank_from_last,
        max(_lake_committed_at) over (partition by corrects_event_id) as last_committed_at
    from corrections
),

last_corrections as (
    select * from ranked_corrections where rank_from_last = 1
),

final as (
    select
        originals.event_id,
        originals.workspace_id,
        originals.metric,
        originals.occurred_at,
        originals.occurred_date,
        {{ month_start('originals.occurred_date') }} as usage_month,
        originals.quantity as original_quantity,
        coalesce(last_corrections.quantity, originals.quantity) as quantity,
        last_corrections.correction_event_id,
        originals._lake_snapshot_id,
        -- the last commit this row reads: the build's watermark
        case
            when last_corrections.last_committed_at > originals._lake_committed_at
                then last_corrections.last_committed_at
            else originals._lake_committed_at
        end as _source_committed_at
    from originals
    left join last_corrections on last_corrections.corrects_event_id = originals.event_id
)

select * from final
