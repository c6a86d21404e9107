"""Rules that need logic rather than a phrase list, one module per rule.

Each module's docstring is the rule's documentation (summary line, then the
sections "## Why is this bad?", "## Example", "## Use instead"); ``SPEC``
declares identity and defaults; ``check(ctx)`` yields Findings. The list below
is the registry: a test checks it is complete and that codes are unique.
"""
MODULES = (
    "el001_template_syntax",
    "el002_template_variables",
    "el003_unused_suppression",
    "el004_template_edge_values",
    "el101_self_centric",
    "el201_no_problem_question",
    "el401_no_next_step",
    "el402_vague_next_step",
    "el403_multiple_asks",
    "el503_exclamations",
    "el504_shouting",
    "el701_not_listening",
    "el801_placeholder",
    "el802_length",
    "el803_readability",
    "el804_subject",
    "el805_subject_about_seller",
    "el806_fake_reply",
    "el901_grammar",
    "el902_spelling",
)
