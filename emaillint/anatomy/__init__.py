"""Anatomy: a Source in, a Document out (subject, greeting, paragraphs, sentences, quote, signature, and the kind of email)."""
