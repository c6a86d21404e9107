"""Base: no other stage in; the vocabulary every stage shares out (problems, closed sets, phrase lists, data folders, safe writes)."""
