"""Sentence-level judgement shared by the coaching rules.

Each module answers one question a sales coach asks of a sentence: who is it
about (orientation), what kind of question is it (questions), is it an ask
and how concrete (asks). Rules combine these answers; they never duplicate
the phrase knowledge kept here.
"""
