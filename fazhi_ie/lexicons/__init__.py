"""Lexicons shared by components and builders, each loaded once from
``fazhi_ie/data/``: the organization name grammar (:mod:`.orgs`), the
gazetteer of places (:mod:`.gazetteer`), person rules and surnames
(:mod:`.person_rules`), law titles and names (:mod:`.laws`), metric units and
quantity rules (:mod:`.metric_units`), event triggers (:mod:`.triggers`)."""
