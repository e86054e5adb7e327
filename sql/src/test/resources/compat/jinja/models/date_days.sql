{#- dbt's date_spine: get_intervals_between runs a statement (only when execute is true) -#}
{{ dbt.date_spine('day', "cast('2024-01-01' as date)", "cast('2024-01-08' as date)") }}
