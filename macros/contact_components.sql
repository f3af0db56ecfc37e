{% macro contact_components() -%}
    {#- The additive KPI components carried by int_contact_components_attributed and summed by the
        day and interval facts. One list, so the facts cannot disagree on what they sum. -#}
    {%- set queue_access = [
        'offered', 'answered', 'abandoned', 'abandoned_short',
        'answered_within_t', 'abandoned_within_t',
    ] -%}
    {%- for t in var('sl_reported_thresholds') -%}
        {%- do queue_access.extend(['answered_within_' ~ t ~ 's', 'abandoned_within_' ~ t ~ 's']) -%}
    {%- endfor -%}
    {%- do queue_access.extend(['wait_seconds_answered', 'wait_seconds_abandoned', 'callbacks_requested', 'flowed_out', 'abandoned_timed']) -%}
    {%- set handling = [
        'handled', 'handled_inbound', 'handled_outbound', 'talk_seconds', 'hold_seconds', 'acw_seconds',
        'held', 'transferred_out', 'transferred_in', 'handled_hold_known', 'handled_acw_known',
    ] -%}
    {#- Customer outcomes, also counted on the handling day: disposition and sales of the leg, orders
        attributed to it, and the FCR components of the customer contact it was the final leg of. -#}
    {%- do handling.extend([
        'resolved', 'sales', 'orders_attributed', 'revenue_amount',
        'fcr_eligible', 'fcr_resolved', 'repeat_within_n',
        'fcr_disposition_contacts', 'fcr_disposition_resolved', 'fcr_survey_contacts', 'fcr_survey_resolved',
        'handled_disposition_known', 'fcr_eligible_dispositioned',
    ]) -%}
    {#- Components whose input a source may not deliver at all: NULL (not 0) on the queue-days where
        int_queue_days_covered says the data cannot support them, so their sums and the KPIs over
        them are NULL there. Component -> coverage flag. -#}
    {%- set covered_by = {
        'resolved': 'has_disposition_data',
        'handled_disposition_known': 'has_disposition_data',
        'fcr_resolved': 'has_disposition_data',
        'fcr_eligible_dispositioned': 'has_disposition_data',
        'fcr_disposition_contacts': 'has_disposition_data',
        'fcr_disposition_resolved': 'has_disposition_data',
        'transferred_out': 'has_transfer_data',
        'transferred_in': 'has_transfer_data',
        'orders_attributed': 'has_order_data',
        'revenue_amount': 'has_order_data',
    } -%}
    {%- set measures = [] -%}
    {%- for c in queue_access + handling if 'seconds' in c or c == 'revenue_amount' -%}
        {%- do measures.append(c) -%}
    {%- endfor -%}
    {{ return({
        'queue_access': queue_access, 'handling': handling, 'all': queue_access + handling, 'double': measures,
        'covered_by': covered_by,
    }) }}
{%- endmacro %}
