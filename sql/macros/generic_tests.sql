{#- The project's own generic tests, beside dbt's four. Each selects the failing rows. -#}

{#- Values outside [min_value, max_value] (dbt_utils.accepted_range's name and arguments, both
    bounds inclusive and required). -#}
{% test accepted_range(model, column_name, min_value, max_value) %}
select {{ column_name }} as value_field
from {{ model }}
where {{ column_name }} < {{ min_value }}
   or {{ column_name }} > {{ max_value }}
{% endtest %}
