"""The fogwatch_factuality component on the seed article and on written sentences."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from fogwatch.analyze.factuality import Factuality, factuality_of
from fogwatch.analyze.pipeline import load_pipeline


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_pipeline(("fogwatch_factuality",)).nlp


def label(doc: Doc, word: str, nth: int = 0) -> Factuality:
    hits = [t for t in doc if t.text == word]
    assert len(hits) > nth, f"no {word!r} in {doc.text!r}"
    return factuality_of(hits[nth])


def in_seed(nlp: Language, seed_path: Path, start: str, end: str) -> Doc:
    """The seed's passage from ``start`` to ``end``, analysed alone."""
    text = seed_path.read_text(encoding="utf-8")
    i = text.index(start)
    return nlp(text[i:text.index(end, i) + len(end)])


# --- the seed ------------------------------------------------------------------------


def test_seed_summit_averted_is_not_happened(nlp: Language, seed_path: Path) -> None:
    doc = in_seed(nlp, seed_path, "Then came another phone chat", "Sergei Lavrov")
    assert label(doc, "summit").label == "negated"


def test_seed_tomahawk_delivery_if_on_the_table_is_unrealised(
    nlp: Language, seed_path: Path,
) -> None:
    doc = in_seed(nlp, seed_path, "While the Trump/Putin bromance", "on the table).")
    f = label(doc, "delivery")
    assert (f.label, f.reason) == ("unrealised", "possible")


def test_seed_soldiers_supposedly_trapped_not_happened(nlp: Language, seed_path: Path) -> None:
    doc = in_seed(nlp, seed_path, "(Maybe they", "Kursk province")
    assert label(doc, "trapped").label in ("claimed", "unrealised")


def test_seed_danger_of_encirclement_is_unrealised(nlp: Language, seed_path: Path) -> None:
    doc = in_seed(nlp, seed_path, "The danger of encirclement", "is real;")
    f = label(doc, "encirclement")
    assert (f.label, f.reason) == ("unrealised", "possible")


def test_seed_russia_could_take_donbas_is_unrealised(nlp: Language, seed_path: Path) -> None:
    doc = in_seed(nlp, seed_path, "Maybe, as open-source", "current pace.")
    assert label(doc, "take").label == "unrealised"
    assert label(doc, "says").label == "happened"  # the analyst's saying is a fact


def test_seed_long_promised_deal_is_not_happened(nlp: Language, seed_path: Path) -> None:
    doc = in_seed(nlp, seed_path, "THREE MONTHS AFTER", "so far away.")
    assert label(doc, "deal").label == "unrealised"


def test_component_fills_the_doc_extension(nlp: Language, seed_path: Path) -> None:
    doc = nlp(seed_path.read_text(encoding="utf-8")[:20_000])
    found = doc._.fw_factuality
    assert found and all(isinstance(f, Factuality) for f in found.values())
    labels = {f.label for f in found.values()}
    assert {"happened", "unrealised", "claimed"} <= labels


# --- written sentences ---------------------------------------------------------------

WRITTEN = [
    ("Trump did not rule out providing the long-range Tomahawk missiles.", "providing",
     "unrealised"),
    ("The United States has never officially conducted a nuclear weapons test.", "conducted",
     "negated"),
    ("The United States has never officially conducted a nuclear weapons test.", "test",
     "negated"),
    ("Russia could take all of Donbas.", "take", "unrealised"),
    ("Neither side has publicly abandoned plans for a new offensive.", "abandoned", "negated"),
    ("Any decision to restart testing would be a grave mistake.", "restart", "unrealised"),
    ("Russian forces captured the village on Monday, the ministry said.", "captured", "claimed"),
    ("According to the ministry, Russian forces captured the village.", "captured", "claimed"),
    ("Russian forces captured the village on Monday.", "captured", "happened"),
    ("The Kremlin denied that its troops had attacked the convoy.", "attacked", "denied"),
    ("Ukraine refused to withdraw from Pokrovsk.", "withdraw", "negated"),
    ("The counterattack failed to break the encirclement.", "break", "negated"),
    ("Officials confirmed that the strike killed three people.", "killed", "happened"),
    ("Russia plans to launch a new offensive.", "launch", "unrealised"),
    ("Russia threatened to strike Kyiv.", "strike", "unrealised"),
    ("The talks will resume next week.", "resume", "unrealised"),
    ("Kyiv is going to send more troops.", "send", "unrealised"),
    ("Moscow wants to end the war on its terms.", "end", "unrealised"),
    ("Russia is expected to announce the capture of the town.", "announce", "unrealised"),
    ("If the front collapsed, the city would fall within days.", "fall", "unrealised"),
    ("The threat of a new offensive worries Kyiv.", "offensive", "unrealised"),
    ("Rescuers said no one was killed in the attack.", "killed", "negated"),
    ("The missiles could not be independently verified to have hit the plant.", "hit",
     "claimed"),
    # an event noun asserted by its clause: the subject of an asserted verb of occurring,
    # the object of one, the setting of an asserted clause
    ("The bombardment of the port killed two sailors.", "bombardment", "happened"),
    ("The governor gave the visitors a warm welcome.", "welcome", "happened"),
    ("The commandos pulled off a night raid on the airfield.", "raid", "happened"),
    ("At a briefing on Monday, the general announced new conscription rules.", "briefing",
     "happened"),
    ("During the assault, two bridges collapsed.", "assault", "happened"),
    # ... but not where nothing asserts it
    ("The bombardment of the port worried shipping firms.", "bombardment", "unknown"),
    ("At a briefing on Monday, the general could announce new rules.", "briefing", "unrealised"),
    ("The bombardment of the port would kill many sailors.", "bombardment", "unrealised"),
    # a participle after its noun is a relative clause cut short: the verb above does
    # not negate it (a bare participle asserts nothing either way), and it stays inside
    # a report
    ("Soldiers trapped in Kursk were never found.", "trapped", "unknown"),
    ("Thousands of soldiers supposedly trapped in Kursk were never found.", "trapped",
     "claimed"),
    ("The ministry said soldiers trapped in Kursk had surrendered.", "trapped", "claimed"),
    ("A decision to send troops trained in Poland would anger Moscow.", "send", "unrealised"),
    # a yes/no question asks whether it happened; a question word takes it as given
    ("Did Russia attack the convoy on Tuesday?", "attack", "unrealised"),
    ("Has Ukraine withdrawn from Pokrovsk?", "withdrawn", "unrealised"),
    ("Why did Russia attack the convoy?", "attack", "happened"),
    ("Who shelled the hospital in Kherson?", "shelled", "happened"),
    # what the text says it cannot vouch for, and what that event did
    ("The attack, which could not be independently verified, killed three people.",
     "attack", "claimed"),
    ("The attack, which could not be independently verified, killed three people.",
     "killed", "claimed"),
    ("An unconfirmed raid on the airfield destroyed two jets.", "raid", "claimed"),
    ("The attack, which officials confirmed, killed three people.", "killed", "happened"),
    # what a report says, even where the parse takes "that" for a relative pronoun
    ("But the new reports that ISIS leaders were killed by airstrikes in Mosul came only a "
     "day after a Pentagon denial.", "killed", "claimed"),
    # ... but a report's own relative clause is no content of it (not claimed)
    ("The report that the ministry published on Monday was criticized.", "published",
     "unknown"),
    # a possibility named as such ("a third option is that ..."), and a clause after
    # "no sign that", which is no participle asserting on its own
    ("A third option is that the United States is now flying drones from Kurdistan.",
     "flying", "unrealised"),
    ("One possibility is that the army withdrew overnight.", "withdrew", "unrealised"),
    ("The fact is that Russia shelled the town.", "shelled", "happened"),
    ("There was no indication that the soldiers were captured.", "captured", "negated"),
    # a claim the text calls false is denied; a suggestion put forward is claimed
    ("The suggestion that ISIS fighters have been captured at the border is categorically "
     "false.", "captured", "denied"),
    ("The claim that Russian troops shelled the village is untrue.", "shelled", "denied"),
    ("Reports that the army withdrew from the town are false, the ministry said.", "withdrew",
     "denied"),
    ("Reports that the army withdrew from the town are spreading.", "withdrew", "claimed"),
    ("The suggestion that the army withdrew was made by the mayor.", "withdrew", "claimed"),
    # a present told under "if" is a rule, not an event; a past after "after" happened
    ("Most state parties release those delegates if their candidate is no longer running.",
     "release", "unrealised"),
    ("The army shelled the town after the rebels had left it.", "shelled", "happened"),
    # a complement the parse hangs on the noun before it keeps its verb of denial
    ("YPG sources have strongly denied to the Journal and other outlets that Rosenberg was "
     "captured.", "captured", "denied"),
    # the verb of a sentence the parse hangs on its subject as a participle is told
    ("The Saudi-led coalition bombed Sanaa on Sunday.", "bombed", "happened"),
    # a relative clause the parse makes a complement still asserts on its own
    ("Godane is believed to have ordered the Westgate Mall massacre in Kenya in September "
     "2013 that killed 67 people.", "killed", "happened"),
    # words inside single quotation marks, as British papers quote, are someone's words;
    # an apostrophe (a possessive, "the '90s") opens no quotation
    ("'The rebels shelled the depot at dawn. Then they withdrew,' a local official said.",
     "shelled", "claimed"),
    ("The rebels' commander shelled the depot at dawn, in a war that began in the '90s.",
     "shelled", "happened"),
    # a report whose verb the parse hangs on what it reports: as the last conjunct after
    # a comma, or with the report as an adverbial clause before it
    ("At least 30 suspected militants were killed in clashes between troops and the rebels "
     "in the east of the country and four farmers were killed in shelling elsewhere in the "
     "province, an army source and villagers said on Tuesday.", "killed", "claimed"),
    ("The rebels had seized the bridge by noon - and the permit, the mayor said, had been "
     "hard to get.", "seized", "happened"),
    ("Earlier, a group of rebels attacked the Kivu town of Bunia Sud, said one military "
     "officer, who spoke on condition of anonymity because he was not authorised to speak "
     "to the media.", "attacked", "claimed"),
    ("When the mayor pressed him for details, the general replied: \"We have asked the "
     "ministry.\"", "pressed", "happened"),
    # an interview's "Q:" is no subject: the question still asks
    ("Q: Have you met the governor since the ceasefire?", "met", "unrealised"),
    ("Q: You spoke to the governor about the ceasefire.", "spoke", "happened"),
    # a subject denied by "not" before it; "not only", "not all" leave the act standing
    ("Not one of his three remaining opponents hit him on the issue.", "hit", "negated"),
    ("Not a single shot was fired at the convoy.", "fired", "negated"),
    ("Not only the army attacked the town.", "attacked", "happened"),
    ("The army did not just shell the town but stormed it.", "shell", "happened"),
    ("Not all of the soldiers attacked the town.", "attacked", "happened"),
    # what a relative clause tells of a thing whose being there is denied
    ("There never has been a case when party-appointed delegates overruled the popular "
     "vote.", "overruled", "negated"),
    ("There was a day when the rebels shelled the city.", "shelled", "happened"),
    ("There will be no confrontation whereby you will receive coffins.", "receive",
     "unrealised"),
    # a root tagged a participle, with its subject and object: the sentence's past verb
    ("In June, the group annexed Mosul.", "annexed", "happened"),
    # an act "almost" or "nearly" done was not done; a number "nearly" reached stands
    ("A schoolboy who was almost killed by the shock claims new powers.", "killed", "negated"),
    ("The missile nearly hit the hospital.", "hit", "negated"),
    ("Nearly 300 people were killed.", "killed", "happened"),
]


@pytest.mark.parametrize(("sentence", "word", "expected"), WRITTEN)
def test_written(nlp: Language, sentence: str, word: str, expected: str) -> None:
    assert label(nlp(sentence), word).label == expected


def test_reasons(nlp: Language) -> None:
    doc = nlp("Russia threatened to strike Kyiv, and Kyiv will answer; talks may follow.")
    assert label(doc, "strike").reason == "threatened"
    assert label(doc, "answer").reason == "future"
    assert label(doc, "follow").reason == "possible"
    assert label(nlp("Russia plans to launch an offensive."), "launch").reason == "planned"


def test_unsure_is_unknown_not_happened(nlp: Language) -> None:
    doc = nlp("The army began to fall back, having lost the bridge.")
    assert label(doc, "fall").label == "unknown"  # an infinitive: no finite clause of its own
    assert label(doc, "began").label == "happened"
