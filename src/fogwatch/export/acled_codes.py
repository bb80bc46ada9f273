"""ACLED's vocabulary as fogwatch uses it: event types by PLOVER category and mode,
disorder types, and the columns of ``events.acled.csv`` (``docs/exports.md``)."""

from __future__ import annotations

import re

from fogwatch.export.columns import Column

# --- ACLED vocabulary -----------------------------------------------------------

VIOLENCE = "Political violence"
DEMONSTRATIONS = "Demonstrations"
STRATEGIC = "Strategic developments"
BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
CIVILIANS = "Violence against civilians"

# PLOVER category -> (ACLED event_type, sub_event_type); None: not an ACLED event.
ACLED_TYPES: dict[str, tuple[str, str] | None] = {
    "ASSAULT": (BATTLES, "Armed clash"),
    "COERCE": (STRATEGIC, "Other"),
    "PROTEST": ("Protests", "Peaceful protest"),
    "MOBILIZE": (STRATEGIC, "Other"),
    "SANCTION": (STRATEGIC, "Other"),
    "RETREAT": (STRATEGIC, "Other"),
    "AGREE": (STRATEGIC, "Agreement"),
    "CONCEDE": (STRATEGIC, "Other"),
    "COOPERATE": (STRATEGIC, "Other"),
    "AID": (STRATEGIC, "Other"),
    "CONSULT": None, "SUPPORT": None, "REQUEST": None, "ACCUSE": None, "REJECT": None,
    "THREATEN": None,
}
# (PLOVER category, mode) -> (event_type, sub_event_type), before the category default.
ACLED_MODE_TYPES: dict[tuple[str, str], tuple[str, str]] = {
    ("ASSAULT", "aerial"): (REMOTE, "Air/drone strike"),
    ("ASSAULT", "drone"): (REMOTE, "Air/drone strike"),
    ("ASSAULT", "heavy-weapons"): (REMOTE, "Shelling/artillery/missile attack"),
    ("ASSAULT", "explosives"): (REMOTE, "Remote explosive/landmine/IED"),
    ("ASSAULT", "suicide-attack"): (REMOTE, "Suicide bomb"),
    ("ASSAULT", "unconventional"): (REMOTE, "Chemical weapon"),
    ("ASSAULT", "abduct"): (CIVILIANS, "Abduction/forced disappearance"),
    ("ASSAULT", "sexual"): (CIVILIANS, "Sexual violence"),
    ("ASSAULT", "torture"): (CIVILIANS, "Attack"),
    ("ASSAULT", "beat"): (CIVILIANS, "Attack"),
    ("ASSAULT", "massacre"): (CIVILIANS, "Attack"),
    ("ASSAULT", "targeted"): (CIVILIANS, "Attack"),
    ("ASSAULT", "assassinate"): (CIVILIANS, "Attack"),
    ("ASSAULT", "destroy"): (STRATEGIC, "Looting/property destruction"),
    ("COERCE", "arrest"): (STRATEGIC, "Arrests"),
    ("COERCE", "seize"): (STRATEGIC, "Non-violent transfer of territory"),
    ("PROTEST", "riot"): ("Riots", "Violent demonstration"),
    ("RETREAT", "withdraw"): (STRATEGIC, "Non-violent transfer of territory"),
    ("RETREAT", "ceasefire"): (STRATEGIC, "Agreement"),
    ("RETREAT", "release"): (STRATEGIC, "Agreement"),
}
# ASSAULT without a telling mode: the trigger word names the weapon.
ACLED_TRIGGER_TYPES: tuple[tuple[re.Pattern[str], tuple[str, str]], ...] = (
    (re.compile(r"shell|artiller|missile|rocket|mortar|barrage", re.I),
     (REMOTE, "Shelling/artillery/missile attack")),
    (re.compile(r"drone|air ?strike|airstrike|air raid|bomb", re.I),
     (REMOTE, "Air/drone strike")),
    (re.compile(r"\bmine|landmine|\bied\b|explosive", re.I),
     (REMOTE, "Remote explosive/landmine/IED")),
    (re.compile(r"grenade", re.I), (REMOTE, "Grenade")),
    # a bare "strike" in war reporting is a remote attack; missiles are the commonest
    (re.compile(r"\bstrik|\bstruck\b", re.I), (REMOTE, "Shelling/artillery/missile attack")),
)
DISORDER_TYPES: dict[str, str] = {
    BATTLES: VIOLENCE, REMOTE: VIOLENCE, CIVILIANS: VIOLENCE, "Riots": DEMONSTRATIONS,
    "Protests": DEMONSTRATIONS, STRATEGIC: STRATEGIC,
}
ACLED_MODALITIES = frozenset({"happened", "claimed"})


_a = Column  # short, for the column table below


ACLED_COLUMNS: tuple[Column, ...] = (
    _a("event_id_cnty", "string", "ISO 3166-1 alpha-3 code of the event's country (XXX when "
       "unknown), a dash, and fogwatch's merged event id"),
    _a("event_date", "string", "first day of the event (YYYY-MM-DD)"),
    _a("year", "int", "year of event_date"),
    _a("time_precision", "int", "1: the text dates it to the day; 2: within a week (or dated "
       "only by the report); 3: a longer span"),
    _a("disorder_type", "string", "Political violence, Demonstrations or Strategic developments"),
    _a("event_type", "string", "ACLED event type, from the PLOVER category (see the mapping)"),
    _a("sub_event_type", "string", "ACLED sub-event type"),
    _a("actor1", "string", "the party that acted: the actor most reports name (never a "
       "target of the event, never an outlet)"),
    _a("assoc_actor_1", "string", "other actors acting with it, separated by '; '"),
    _a("inter1", "string", "ACLED actor-type code: not coded by fogwatch (empty)"),
    _a("actor2", "string", "name of the first target"),
    _a("assoc_actor_2", "string", "other targets, separated by '; '"),
    _a("inter2", "string", "not coded (empty)"),
    _a("interaction", "string", "not coded (empty)"),
    _a("civilian_targeting", "string", "'Civilian targeting' for violence against civilians"),
    _a("iso", "int", "ISO 3166-1 numeric code of the country"),
    _a("region", "string", "not coded (empty)"),
    _a("country", "string", "country name"),
    _a("admin1", "string", "first-level region, when known"),
    _a("admin2", "string", "not coded (empty)"),
    _a("admin3", "string", "not coded (empty)"),
    _a("location", "string", "resolved place name"),
    _a("latitude", "float", "latitude of the place"),
    _a("longitude", "float", "longitude of the place"),
    _a("geo_precision", "int", "1: a town or city; 2: a region; 3: a country"),
    _a("source", "string", "outlets of the reports, separated by '; '"),
    _a("source_scale", "string", "not coded (empty)"),
    _a("notes", "string", "the sentence of the first report that states it (else the "
       "first report), in the outlet's words"),
    _a("fatalities", "int", "deaths reported for the event: per source, the highest death "
       "figure it gives; across sources, the lowest; 0 when none is given"),
    _a("tags", "string", "'claimed' for events only claimed by a source"),
    _a("timestamp", "int", "Unix time of the last report's date"),
    _a("fogwatch_event_id", "string", "merged event ids (merged_events.event_id), the "
       "earliest-dated first, separated by '; ' when several records are one event"),
    _a("fogwatch_plover", "string", "PLOVER category"),
    _a("fogwatch_modality", "string", "happened or claimed"),
    _a("fogwatch_n_reports", "int", "reports of the event, over all its records"),
)
