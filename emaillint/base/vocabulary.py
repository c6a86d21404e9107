"""The closed sets every stage shares, each declared once here: kinds of email, categories, exit codes.

They sit at the bottom of the package so that reading, anatomy, judgement, reporting and the
command line can all name them without importing one another.
"""
from __future__ import annotations

#: The release; ``emaillint.__version__`` and the reports name it (pyproject.toml carries the same number).
VERSION = "0.1.0"

EMAIL_KINDS = ("cold", "follow-up", "reply", "re-engagement")
#: Exit statuses: clean, problems found (or below --fail-under), error (usage, input, output, internal).
EXIT_CLEAN, EXIT_PROBLEMS, EXIT_ERROR = 0, 1, 2
MISSION_CATEGORIES = ("self-centric", "no-problem-question", "follow-up-cliche", "no-next-step")
CATEGORIES = MISSION_CATEGORIES + (
    "hype", "self-praise", "apologetic", "multiple-asks", "vague-next-step", "not-listening",
    "opener", "favour", "deceptive",
    "placeholder", "length", "readability", "subject", "template", "suppression", "grammar", "spelling", "internal",
)
