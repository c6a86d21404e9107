"""Streaming batch mode: JSON Lines in, one result line per record out, bad lines as error lines."""
from __future__ import annotations

import io
import json
import subprocess
import sys

import emaillint
from emaillint.api import lint_jsonl, lint_record, lint_text
from emaillint.run.config import Config
from emaillint.run.stream import line_limit, read_lines, run

CHASER = "Hi Sam,\n\nJust checking in on my last email. Let me know!\n\nJo\n"
GOOD = "Hi Sam,\n\nHow do you plan shifts today? Could we talk on Tuesday at 10am?\n\nJo\n"


def _lines(*records):
    return [r if isinstance(r, str) else json.dumps(r) for r in records]


def test_one_result_per_record_in_order_with_bad_lines_as_errors():
    lines = _lines({"id": 1, "text": CHASER}, "not json", "", {"id": "b", "text": GOOD}, {"id": 3},
                   {"id": 4, "text": "x", "kind": "spam"}, "[1]", {"id": 5, "text": 7})
    out = list(lint_jsonl(lines, Config()))
    assert [r["id"] for r in out] == [1, None, "b", 3, 4, None, 5]  # the blank line is no record
    assert [("error" in r) for r in out] == [False, True, False, True, True, True, True]
    assert out[1] == {"id": None, "line": 2, "error": "line 2: not JSON (Expecting value)"}
    assert out[3]["error"] == 'line 5: missing "text"' and out[3]["line"] == 5
    assert "is not one of cold" in out[4]["error"] and "JSON object" in out[5]["error"]
    assert out[6]["error"] == 'line 8: "text" must be a string'


def test_result_is_the_file_contract_with_id_in_place_of_path():
    result = lint_record({"id": "x-1", "text": CHASER}, Config())
    report = lint_text(CHASER, config=Config()).to_dict()
    assert result["id"] == "x-1" and "path" not in result
    for key in ("kind", "score", "subscores", "stats", "suppressed"):
        assert result[key] == report[key]
    assert [dict(p, field="text") for p in report["problems"]] == result["problems"]
    json.dumps(result)


def test_kind_and_subject_fields():
    cold = lint_record({"id": 1, "text": GOOD, "kind": "reply"}, Config())
    assert cold["kind"] == "reply"
    with_subject = lint_record({"id": 2, "text": CHASER, "subject": "QUICK QUESTION!!!"}, Config())
    same = lint_text("Subject: QUICK QUESTION!!!\n\n" + CHASER, config=Config()).to_dict()
    assert with_subject["score"] == same["score"] and with_subject["kind"] == same["kind"]
    on_subject = [p for p in with_subject["problems"] if p["field"] == "subject"]
    on_text = [p for p in with_subject["problems"] if p["field"] == "text"]
    assert on_subject and on_text
    assert all(p["line"] == 1 and p["column"] >= 1 for p in on_subject)
    shouting = sorted((p["column"], p["end_column"]) for p in on_subject if p["code"] == "EL504")
    assert [ "QUICK QUESTION!!!"[a - 1:b - 1] for a, b in shouting] == ["QUICK", "QUESTION"]  # counted in the subject
    cliche = next(p for p in on_text if p["code"] == "EL301")
    assert (cliche["line"], cliche["column"]) == (3, 1)  # counted in "text", as if there were no subject
    assert CHASER.split("\n")[cliche["line"] - 1][cliche["column"] - 1:cliche["end_column"] - 1] == "Just checking in"


def test_too_long_text_is_an_error_line_not_the_end():
    out = list(lint_jsonl(_lines({"id": 1, "text": "word " * 200}, {"id": 2, "text": GOOD}), Config(max_size=100)))
    assert "over the size limit" in out[0]["error"] and out[1]["score"] >= 0 and "error" not in out[1]


def test_oversized_line_is_skipped_in_bounded_pieces():
    data = b'{"id": 1, "text": "' + b"a" * 5000 + b'"}\n{"id": 2, "text": "hi"}\n\n'
    pairs = list(read_lines(io.BytesIO(data), 1000))
    assert [n for n, _ in pairs] == [1, 2] and len(pairs[0][1]) == 1001
    config = Config(max_size=10)
    huge = b'{"id": 1, "text": "' + b"a" * (line_limit(config) + 10) + b'"}\n{"id": 2, "text": "hi"}\n'
    out = io.StringIO()
    assert run(io.BytesIO(huge), out, config, jobs=1) == 1
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert results[0]["line"] == 1 and "longer than" in results[0]["error"] and results[1]["id"] == 2


def test_bytes_lines_and_bad_utf8():
    out = list(lint_jsonl([b'{"id": 1, "text": "Hi"}\n', b'{"id": 2, "text": "\xff"}\n'], Config()))
    assert "error" not in out[0] and "not UTF-8" in out[1]["error"]


def test_results_are_yielded_before_the_input_ends():
    def lines():
        yield json.dumps({"id": 1, "text": GOOD})
        raise AssertionError("read past the first record before yielding its result")

    assert next(iter(lint_jsonl(lines(), Config())))["id"] == 1


def test_workers_keep_the_order_and_the_results(tmp_path):
    records = [json.dumps({"id": i, "text": (CHASER if i % 3 else GOOD).replace("Sam", f"Sam{i}")}) for i in range(120)]
    one = list(lint_jsonl(records, Config(), jobs=1))
    two = list(lint_jsonl(records, Config(), jobs=2))
    assert one == two and [r["id"] for r in two] == list(range(120))


def test_package_exports_the_batch_functions():
    assert emaillint.lint_jsonl is lint_jsonl and emaillint.lint_record is lint_record


def test_batch_command_streams_stdin_and_files(tmp_path):
    data = "\n".join(_lines({"id": 1, "text": CHASER}, "{oops", {"id": 2, "text": GOOD, "subject": "shifts"})) + "\n"
    proc = subprocess.run([sys.executable, "-m", "emaillint", "batch", "--isolated"], input=data,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [r["id"] for r in out] == [1, None, 2] and "error" in out[1] and out[0]["score"] < 100
    assert "1 record could not be judged" in proc.stderr and "Traceback" not in proc.stderr
    (tmp_path / "in.jsonl").write_text(data)
    proc = subprocess.run([sys.executable, "-m", "emaillint", "batch", "--isolated", "--jobs", "2",
                           str(tmp_path / "in.jsonl"), "-o", str(tmp_path / "out.jsonl")], capture_output=True, text=True)
    assert proc.returncode == 0 and proc.stdout == ""
    assert [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()] == out
    proc = subprocess.run([sys.executable, "-m", "emaillint", "batch", str(tmp_path / "missing.jsonl")],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


def test_trimming_the_memo_caches_never_changes_a_result(monkeypatch):
    from emaillint.run import stream

    records = [json.dumps({"id": i, "text": (CHASER if i % 2 else GOOD).replace("Sam", f"Sam{i % 5}")})
               for i in range(30)]
    plain = list(lint_jsonl(records, Config()))
    monkeypatch.setattr(stream, "TRIM_EVERY", 3)
    trimmed = list(lint_jsonl(records, Config()))
    assert trimmed == plain
    from emaillint.base import phrases

    bounded = [v for v in vars(phrases).values() if hasattr(v, "cache_info") and v.cache_parameters()["maxsize"]]
    stream._trim_caches()
    assert bounded and all(v.cache_info().currsize == 0 for v in bounded)


def test_batch_answers_a_producer_that_waits_for_each_result():
    import select

    for jobs in ("1", "2"):
        proc = subprocess.Popen([sys.executable, "-m", "emaillint", "batch", "--isolated", "--jobs", jobs],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            for i in range(3):  # one record, then wait for its answer before sending the next
                proc.stdin.write(json.dumps({"id": i, "text": GOOD}) + "\n")
                proc.stdin.flush()
                ready, _, _ = select.select([proc.stdout], [], [], 60)
                assert ready, f"--jobs {jobs}: no answer to record {i} while the producer waited"
                assert json.loads(proc.stdout.readline())["id"] == i
            proc.stdin.close()
            assert proc.wait(60) == 0 and proc.stdout.read() == ""
        finally:
            proc.kill()
