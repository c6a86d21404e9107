"""Time lint_text on each known worst-case input at size n and 2n (run by bench/linear_time.py and, for a
hang at the size limit, by tests/robustness/test_linear_time.py)."""
from __future__ import annotations

import json
import sys
import time

from emaillint.api import lint_text
from emaillint.run.config import Config

# name -> (file name, text of about n characters); each once hung or grew quadratically or worse
WORST = {
    "braces-then-spaces": ("x.txt", lambda n: "Hi {{" + " " * n + "x\n"),
    "braces-then-spaces-template": ("x.txt.j2", lambda n: "Hi {{" + " " * n + "x\n"),
    "braces-then-newlines": ("x.txt", lambda n: "Hi {{" + " \n" * (n // 2) + "x\n"),
    "run-of-braces-template": ("x.txt.j2", lambda n: "Hi " + "{" * n + "\n"),
    "run-of-open-tags-template": ("x.txt.j2", lambda n: "Hi " + "{{ a " * (n // 5) + "\n"),
    "run-of-bangs": ("x.txt", lambda n: "Hi Sam,\n\nGreat " + "!" * n + " x\n"),
    "run-of-questions": ("x.txt", lambda n: "Hi Sam,\n\nGreat " + "?" * n + " x\n"),
    "run-of-dots": ("x.txt", lambda n: "Hi Sam,\n\nok" + "." * n + "x\n"),
    "one-sentence-of-cliches": ("x.txt", lambda n: "Hi Sam,\n\n" + "just following up checking in circling back " * (n // 44) + "\n"),
    "long-lowercase-sentence": ("x.txt", lambda n: "Hi Sam,\n\n" + "we help teams do things with our platform and " * (n // 46) + "\n"),
    "long-last-word": ("x.txt", lambda n: "Hi Sam,\n\nHow are you handling " + "a" * n + "?\n"),
    "spaces-in-a-sign-off": ("x.txt", lambda n: "Hi\n\nx\n\nBest" + " " * n + "x\n"),
    "long-signature-word": ("x.txt", lambda n: "Hi\n\nHow do you plan it?\n\nBest,\n" + "a" * n + "\n"),
    "deep-if-nesting-template": ("x.txt.j2", lambda n: "{% if a %}" * (n // 10) + "x\n"),
    "placeholder-brackets": ("x.txt", lambda n: "Hi [" + "A " * (n // 2) + "\n"),
    "front-matter-plain-pairs": ("x.md", lambda n: "---\nsubject: Re: a" + " " * n + "x\n---\nHi Sam,\n"),
    "placeholder-brackets-wrapped": ("x.txt", lambda n: "Hi Sam,\n\n" + "[Company\nName " * (n // 14) + "\n"),
    "double-braces-wrapped": ("x.txt", lambda n: "Hi Sam,\n\n" + "{{key\ndiff " * (n // 11) + "\n"),
    "eml-content-type-parameters": ("x.eml", lambda n: "Subject: x\nContent-Type: text/plain" + "; a=b" * (n // 5) + "\n\nHi\n"),
    "eml-encoded-words": ("x.eml", lambda n: "Subject: " + "=?utf-8?q?a?= " * (n // 14) + "\n\nHi\n"),
    "quoted-lines": ("x.txt", lambda n: "Hi Sam,\n\n" + "> " * (n // 2) + "\n"),
    "references-in-plain-text": ("x.txt", lambda n: "Hi Sam,\n\nTom &amp; " + "Jerry&rsquo;s\u00a0" * (n // 19)),
    "mojibake-runs": ("x.txt", lambda n: "Hi Sam,\n\n" + "Iâ€™m cafÃ© â€" * (n // 13)),
    "paragraphs-then-footer": ("x.txt", lambda n: "Hi Sam,\n\n" + "ok.\n\n" * (n // 5) + "Unsubscribe here\n"),
    "emphasis-marks": ("x.txt", lambda n: "Hi Sam,\n\n" + "a* *b **c** " * (n // 12)),
    "indented-lines": ("x.txt", lambda n: "Hi Sam,\n\n" + "\t a\n" * (n // 4)),
    "quoted-and-not-paragraphs": ("x.txt", lambda n: "Hi Sam,\n\n" + "> a\n\nb.\n\n" * (n // 10)),
    "quoted-and-not-lines": ("x.txt", lambda n: "Hi Sam,\n" + "> a\nb.\nP.S. c\n" * (n // 14)),
    "footer-phrase-lines": ("x.txt", lambda n: "Hi Sam,\nok.\n" + "a unsubscribe\n" * (n // 14)),
    "initials-at-line-ends": ("x.txt", lambda n: "Hi Sam,\n\n" + "See lot C.\nworth it.\n" * (n // 20)),
    "many-lines": ("x.txt", lambda n: "Hi Sam,\n\n" + "a\n" * (n // 2)),
    "run-of-open-spintax": ("x.txt", lambda n: "Hi Sam,\n\n" + "{a|" * (n // 3) + "\n"),
    "run-of-control-tags": ("x.txt", lambda n: "Hi Sam,\n\n" + "{% if a %}x{{#if b}}" * (n // 20) + "\n"),
    "spintax-variants-unclosed": ("x.txt", lambda n: "Hi Sam,\n\n" + ("{" + "|".join(["word"] * 19) + " ") * (n // 100) + "\n"),
    "run-of-html-blocks": ("x.html", lambda n: "<p>Hi Sam,</p>" + "<div>Could we talk?<br></div>" * (n // 29) + "\n"),
    "run-of-unclosed-head": ("x.txt", lambda n: "Hi Sam,<br>\n" + "<head>" * (n // 6) + "\n"),
    "html-entities-and-links": ("x.md", lambda n: "<p>Hi Sam,</p>" + '<a href="https://x.io/a">b&amp;c</a> ' * (n // 36) + "\n"),
}


def best_of(text: str, path: str, tries: int = 2) -> float:
    times = []
    for _ in range(tries):
        began = time.perf_counter()
        report = lint_text(text, path=path, config=Config())
        times.append(time.perf_counter() - began)
        assert "EL000" not in {p.code for p in report.problems}, (path, report.problems[:1])
    return min(times)


def main() -> None:
    n = int(sys.argv[1])
    names = sys.argv[2:] or list(WORST)
    lint_text("Hi Sam, how do you plan it?\n", path="warm.txt", config=Config())  # compile patterns first
    out = {}
    for name in names:
        path, make = WORST[name]
        out[name] = (best_of(make(n), path), best_of(make(2 * n), path))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
