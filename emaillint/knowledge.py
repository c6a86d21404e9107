"""Word classes the judgement reads, kept as data in ``rules/knowledge/*.yaml``.

The analysers hold the logic (who is the subject of a sentence, which
sentences form the close); the words they recognise live in these files so a
maintainer can read and extend them without touching Python. Each file has a
schema here: the lists it must hold and what each list means. A file that
does not match its schema fails on load with the file and the key named.
"""
from __future__ import annotations

from functools import cache
from typing import Any

from emaillint.resources import rules_dir


class KnowledgeError(ValueError):
    """A knowledge file that does not match its schema."""


# file -> {key: what the list holds}. Every key is required; no other key is allowed.
SCHEMAS: dict[str, dict[str, str]] = {
    "slots": {
        "types": "slot types, each {type, words, reading}: a tag is read as the type whose word occurs first in its name",
    },
    "scoring": {
        "costs": "category -> points (a number from 0 to 100) that one fault of that category costs, once per email",
        "kind_weights": "list of {kind, category, weight}: a category weighs more or less in one kind of email",
        "info_share": "the share (0 to 1) of its category's cost that an info-level finding costs",
    },
    "orientation": {
        "lead_ins": "words or phrases that open a sentence without being its subject (so, also, honestly, p.s.)",
        "seller_subjects": "subjects that are the sender or the sender's side (i, we, my team, our company)",
        "prospect_subjects": "subjects that are the reader or the reader's side (you, your team)",
        "third_party_seller": "subjects that are the seller's customers or users (our clients, one of our customers)",
        "product_nouns": "nouns that name what the seller sells, after the/this/our (platform, tool, service)",
        "process_verbs": "verbs after I/we that talk about the conversation itself, not the offer (reach out, follow up, write)",
        "observation_verbs": "verbs after I/we that report something noticed about the prospect (noticed, saw, read)",
        "stance_verbs": "verbs after I/we that introduce an opinion whose content is the real subject (think, believe, wonder)",
        "feeling_phrases": "openings that are courtesy, not content (i hope, i trust, thanks for)",
        "offer_verbs": "verbs after 'I can / I'd love to / happy to' that offer a next step rather than a claim (send, show, walk)",
        "delivery_starts": "openings that hand over something the prospect asked for (attached is, here's the, as promised)",
        "resume_verbs": "past-tense verbs that open a subjectless claim about the seller's record (helped, built, worked with)",
        "pitch_at_you": "phrases that make the reader the subject of a pitch (you'll love, you get, your team will save)",
        "process_markers": "phrases anywhere in a seller sentence that make it a note about the conversation (my last email, went quiet)",
        "responsive_markers": "phrases anywhere in a seller sentence that tie it to what the prospect said or asked (you mentioned, your question)",
        "about_us": "phrases anywhere in a sentence that make the seller its topic (sets us apart, why us, what we do)",
    },
}


@cache
def load(name: str) -> dict[str, Any]:
    """The knowledge file ``rules/knowledge/<name>.yaml``, checked against its schema."""
    from emaillint.frontmatter import load_yaml

    path = rules_dir() / "knowledge" / f"{name}.yaml"
    data = load_yaml(path.read_text(encoding="utf-8"))
    schema = SCHEMAS[name]
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path.name}: must be a mapping of the lists {', '.join(schema)}")
    for key in data:
        if key not in schema:
            raise KnowledgeError(f"{path.name}: key '{key}': unknown (allowed: {', '.join(schema)})")
    for key in schema:
        if key not in data:
            raise KnowledgeError(f"{path.name}: key '{key}': missing ({schema[key]})")
    for key, value in data.items():
        if name == "slots":
            _check_slot_types(path.name, value)
        elif name == "scoring":
            _check_scoring(path.name, key, value)
        elif not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise KnowledgeError(f"{path.name}: key '{key}': must be a list of non-empty strings")
    return data


def _check_slot_types(file: str, types: Any) -> None:
    if not isinstance(types, list):
        raise KnowledgeError(f"{file}: key 'types': must be a list")
    for i, entry in enumerate(types):
        where = f"{file}: key 'types[{i}]'"
        if not isinstance(entry, dict) or set(entry) != {"type", "words", "reading"}:
            raise KnowledgeError(f"{where}: must have exactly type, words and reading")
        if not isinstance(entry["type"], str) or not isinstance(entry["reading"], str):
            raise KnowledgeError(f"{where}: type and reading must be strings")
        if not isinstance(entry["words"], list) or not all(isinstance(w, str) and w.strip() for w in entry["words"]):
            raise KnowledgeError(f"{where}: words must be a list of non-empty strings")


def _check_scoring(file: str, key: str, value: Any) -> None:
    def number(v, high):
        return isinstance(v, (int, float)) and not isinstance(v, bool) and 0 <= v <= high
    if key == "costs" and not (isinstance(value, dict) and all(isinstance(k, str) and number(v, 100) for k, v in value.items())):
        raise KnowledgeError(f"{file}: key 'costs': must map category names to numbers from 0 to 100")
    if key == "info_share" and not number(value, 1):
        raise KnowledgeError(f"{file}: key 'info_share': must be a number from 0 to 1")
    if key == "kind_weights" and not (isinstance(value, list) and all(
            isinstance(w, dict) and set(w) == {"kind", "category", "weight"} and number(w["weight"], 10) for w in value)):
        raise KnowledgeError(f"{file}: key 'kind_weights': must be a list of {{kind, category, weight}}")


def words(name: str, key: str) -> tuple[str, ...]:
    """One list of a knowledge file, lower-cased."""
    return tuple(w.lower() for w in load(name)[key])
