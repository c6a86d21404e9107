"""Read: bytes, paths and .eml in, a Source out (decoded text, front matter, directives, Jinja tags and rendered templates)."""
