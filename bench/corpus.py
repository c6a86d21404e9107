"""Generate a varied corpus of sales email drafts for benchmarks (deterministic).

Sentences are drawn from banks covering every kind of email emaillint judges
(cold pitches, problem-first notes, chasers, replies with quotes), and names,
companies, numbers and days vary per email, so no two drafts are the same and
caches cannot flatter the timings.
"""
from __future__ import annotations

import random
from pathlib import Path

NAMES = ["Dana", "Marcus", "Lena", "Sam", "Priya", "Owen", "Grace", "Chris", "Jess", "Morgan", "Pat", "Alicia", "Ana", "Dev"]
SELLERS = ["Kevin", "Tom", "Mia", "Omar", "Sue", "Raj", "Nina", "Jordan", "Elena", "Lou"]
COMPANIES = ["Harbor Foods", "Northwind", "Coastal Produce", "Bluefin Labs", "Corvex", "Stackwise", "Ledgerly", "Acme Freight"]
TOPICS = ["month-end close", "invoice approvals", "rep onboarding", "carrier costs", "ticket backlog", "warehouse transfers",
          "renewal forecasting", "shift planning", "quote approvals", "patient no-shows"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
OPENERS = [
    "My name is {seller} and I'm an account executive at {vendor}.",
    "We are the leading platform for {topic} and we have helped {n} companies.",
    "I noticed that {company} is hiring {k} people for its {topic} team.",
    "Congratulations on the new office; teams that grow that fast usually feel it first in {topic}.",
    "Just following up on my last email about {topic}.",
    "I'm just checking in to see if you had any updates on {topic}.",
    "You mentioned that {topic} takes your team about {k} days every month.",
    "Since we spoke, I found a short study on how two teams your size cut {topic} time by a third.",
]
MIDDLES = [
    "Our platform offers automated approvals, real-time dashboards and {n}+ integrations.",
    "Controllers at companies like {company} tell me the last days go to chasing approvals.",
    "It's truly amazing and it will transform your business overnight!!",
    "Things usually break when one spreadsheet feeds another.",
    "I've put the two-page summary here: https://example.com/{topic_slug}",
    "Sorry to bother you, I know you're busy.",
    "We were recently named a leader in our category by an industry-leading analyst.",
    "Most teams we talk to lose about {k} hours a week there.",
]
QUESTIONS = [
    "How have you handled {topic} at {company} so far?",
    "What happens today when {topic} slips by a day?",
    "Are you free for a quick call on {day} at {hour}pm?",
    "Would you be interested in a demo?",
    "Curious how your team is approaching {topic} this quarter.",
    "Did you get a chance to look at the deck I sent over?",
    "",
]
CLOSES = [
    "I suggest a 20-minute call on {day} at {hour}am to walk through what worked for a team your size.",
    "Let me know if you're interested.",
    "Here's what I'd suggest as a next step: send me one week's export and on {day} I'll show you what could be automated.",
    "Feel free to reach out. Looking forward to hearing from you!",
    "Want me to send the benchmark?",
]
QUOTE = "\n\nOn Mon, Mar 2, 2026 at 9:12 AM {name} <{lower}@example.com> wrote:\n> We spend every Monday on {topic} and it never matches finance.\n> Can you help?\n"


def make_email(rng: random.Random) -> str:
    fields = {
        "seller": rng.choice(SELLERS), "vendor": rng.choice(COMPANIES), "company": rng.choice(COMPANIES),
        "topic": rng.choice(TOPICS), "n": rng.randint(20, 900), "k": rng.randint(2, 12), "day": rng.choice(DAYS),
        "hour": rng.randint(1, 11), "name": rng.choice(NAMES),
    }
    fields["topic_slug"] = fields["topic"].replace(" ", "-")
    fields["lower"] = fields["name"].lower()
    body = [rng.choice(OPENERS)] + rng.sample(MIDDLES, rng.randint(1, 3)) + [rng.choice(QUESTIONS)]
    paragraphs = [" ".join(s for s in body if s), rng.choice(CLOSES)]
    text = f"Subject: {fields['topic']} at {fields['company']}\n\nHi {fields['name']},\n\n" + "\n\n".join(paragraphs)
    text += f"\n\nBest,\n{fields['seller']}\n"
    if rng.random() < 0.2:
        text += QUOTE
    return text.format(**fields)


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"draft-{i:05d}.txt"
        path.write_text(make_email(rng), encoding="utf-8")
        paths.append(path)
    return paths
