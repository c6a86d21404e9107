"""--format html in a real browser: Debian's chromium, headless (scripts/setup/chromium.sh installs it).

The page is rendered by chromium; the test reads chromium's DOM (--dump-dom, after the
script ran) and checks that every finding's highlight covers exactly the words the
finding points at, that quoted text and signatures are greyed, that the summary and
chart (with its text alternative) are there, and that nothing is fetched. A screenshot
is saved to tests/report/output/html-report.png (or $EMAILLINT_TEST_OUTPUT).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = Path(os.environ.get("EMAILLINT_TEST_OUTPUT") or Path(__file__).parent / "output")

REPLY = """Subject: Re: invoice approvals

Hi Sam,

Thanks for the detail on the three-way match. Just checking in: sorry to bother you, I know you're busy.
How do you route exceptions when a PO is missing today?

I suggest 20 minutes on Thursday at 2pm to walk through it.

Best,
Dana Reyes
Ledgerly | dana@ledgerly.example

On Tue, Mar 3, 2026 at 9:14 AM Sam Ortiz <sam@northwind.example> wrote:
> Our approvals stall whenever a PO is missing. Just following up on that internally.
> Let me know what you think.
"""
SILENCED = """Subject: month-end close

Hi Dana,

# emaillint: disable-next-line=EL301
Just checking in on approvals.
How have you handled approvals during close so far?

I suggest a 20-minute call on Tuesday at 10am.

Kevin
"""


def chromium() -> str:
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.fail("chromium is not installed: run scripts/setup/chromium.sh (apt-get install chromium)")
    return exe


def browse(page: Path, *args: str, profile: Path) -> subprocess.CompletedProcess:
    cmd = [chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
           "--hide-scrollbars", f"--user-data-dir={profile}", *args, page.as_uri()]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


class Marks(HTMLParser):
    """Text under each finding's marks, the greyed text, and every element's attributes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.marked: dict[str, str] = {}
        self.grey: list[str] = []
        self.silenced: dict[str, str] = {}
        self.items: dict[str, dict] = {}
        self.elements: list[tuple[str, dict]] = []
        self.point_marks: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if tag == "li" and "finding" in (a.get("class") or "").split():
            self.items[a["id"]] = a
        if tag == "mark" and "point" in (a.get("class") or "").split():
            self.point_marks.append(a["data-f"])
        self.stack.append((tag, a))

    def handle_endtag(self, tag):
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        for tag, a in self.stack:
            if tag == "mark" and a.get("data-f"):
                for fid in a["data-f"].split():
                    self.marked[fid] = self.marked.get(fid, "") + data
        if any(tag == "span" and "grey" in (a.get("class") or "").split() for tag, a in self.stack):
            self.grey.append(data)
        for tag, a in self.stack:
            if tag == "span" and a.get("data-s"):
                for sid in a["data-s"].split():
                    self.silenced[sid] = self.silenced.get(sid, "") + data


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    work = tmp_path_factory.mktemp("html")
    drafts = work / "drafts"
    drafts.mkdir()
    for example in ("01-pitch-first.txt", "02-just-following-up.txt", "06-forwarded.eml"):
        shutil.copy(ROOT / "examples" / example, drafts / example)
    (drafts / "reply.txt").write_text(REPLY)
    (drafts / "silenced.txt").write_text(SILENCED)
    page = work / "report.html"
    proc = subprocess.run([sys.executable, "-m", "emaillint", "check", "--isolated", "--format", "html", "-o", str(page),
                           "drafts"], capture_output=True, text=True, cwd=work)
    assert proc.returncode == 1 and proc.stdout == "", proc.stderr
    as_json = json.loads(subprocess.run(
        [sys.executable, "-m", "emaillint", "check", "--isolated", "--format", "json", "drafts"],
        capture_output=True, text=True, cwd=work).stdout)
    dump = browse(page, "--dump-dom", profile=work / "profile")
    assert dump.returncode == 0 and "</html>" in dump.stdout, dump.stderr[-2000:]
    parser = Marks()
    parser.feed(dump.stdout)
    return {"work": work, "page": page, "html": page.read_text(), "dom": dump.stdout, "marks": parser, "json": as_json}


def _expected_text(path: Path, p: dict) -> str:
    lines = path.read_text().replace("\r\n", "\n").split("\n")
    if p["line"] == p["end_line"]:
        return lines[p["line"] - 1][p["column"] - 1:p["end_column"] - 1]
    head = lines[p["line"] - 1][p["column"] - 1:]
    middle = lines[p["line"]:p["end_line"] - 1]
    tail = lines[p["end_line"] - 1][:p["end_column"] - 1]
    return "\n".join([head, *middle, tail])


def test_every_highlight_sits_on_the_words_of_its_finding(rendered):
    marks = rendered["marks"]
    files = rendered["json"]["files"]
    checked = 0
    for index, entry in enumerate(files, 1):
        for number, problem in enumerate(entry["problems"], 1):
            fid = f"e{index}-f{number}"
            item = marks.items[fid]
            assert (item["data-code"], int(item["data-line"]), int(item["data-column"])) == (
                problem["code"], problem["line"], problem["column"])
            expected = _expected_text(rendered["work"] / entry["path"], problem)
            if expected:
                assert marks.marked.get(fid) == expected, (entry["path"], problem["code"])
            else:
                assert fid in marks.point_marks
            checked += 1
    assert checked >= 15
    by_code = {(f["path"], p["code"], marks.marked.get(f"e{i}-f{n}"))
               for i, f in enumerate(files, 1) for n, p in enumerate(f["problems"], 1)}
    assert ("drafts/02-just-following-up.txt", "EL301", "Just following up") in by_code
    assert ("drafts/02-just-following-up.txt", "EL702", "I know you're busy") in by_code
    assert ("drafts/01-pitch-first.txt", "EL601", "industry-leading") in by_code
    assert ("drafts/reply.txt", "EL301", "Just checking in") in by_code


def test_quotes_and_signatures_are_greyed_and_not_marked(rendered):
    grey = "".join(rendered["marks"].grey)
    assert "> Our approvals stall whenever a PO is missing. Just following up on that internally." in grey
    assert "Dana Reyes" in grey and "Ledgerly | dana@ledgerly.example" in grey
    assert "Thanks for the detail" not in grey and "How do you route exceptions" not in grey
    marked = " ".join(rendered["marks"].marked.values())
    assert "Our approvals stall" not in marked


def test_summary_chart_and_suppressions(rendered):
    dom = rendered["dom"]
    files = rendered["json"]["files"]
    problems = sum(len(f["problems"]) for f in files)
    below = sum(1 for f in files if f["score"] < 70)
    assert f"{problems} problems in 5 files ({below} below 70); 1 suppressed" in dom
    assert re.search(r'data-k="files">5<', dom) and re.search(rf'data-k="problems">{problems}<', dom)
    average = round(sum(f["score"] for f in files) / 5, 1)
    assert re.search(rf'data-k="average">{average:g}<', dom)
    assert re.search(r'<td>follow-up-cliche</td><td class="num">\d+</td>', dom)
    assert '<svg role="img" aria-labelledby="chart-title chart-desc"' in dom and '<desc id="chart-desc">' in dom
    assert re.search(r'id="chart-text">Scores: .*scored 0-49', dom)
    assert "1 finding silenced by inline comments" in dom and "emaillint: disable-next-line=EL301" in dom
    silenced_email = next(i for i, f in enumerate(files, 1) if f["path"] == "drafts/silenced.txt")
    assert rendered["marks"].silenced == {f"e{silenced_email}-s1": "Just checking in"}  # struck through where it was
    for entry in files:
        assert f'data-score="{entry["score"]}">{entry["score"]}/100</span>' in dom


def test_self_contained_and_keyboard_usable(rendered):
    html = rendered["html"]
    assert "<style>" in html and "<script>" in html
    assert not re.search(r'<(link|img|iframe)\b|\bsrc=|url\(|@import|href="(https?:)?//', html)
    marks = rendered["marks"]
    stops = {a["id"]: a for tag, a in marks.elements if tag in ("mark", "a") and a.get("tabindex") == "0" and a.get("id")}
    assert len(marks.items) >= 15
    for fid in marks.items:  # every finding has a keyboard stop on its words, described by its note
        stop = stops[f"{fid}-m"]
        assert stop.get("title") and fid in stop["aria-describedby"].split()
    links = [a["href"] for tag, a in marks.elements if tag == "a" and "where" in (a.get("class") or "")]
    assert links == [f"#{fid}-m" for fid in marks.items]


def test_screenshot_is_saved(rendered):
    OUTPUT.mkdir(parents=True, exist_ok=True)
    shot = OUTPUT / "html-report.png"
    shot.unlink(missing_ok=True)
    proc = browse(rendered["page"], f"--screenshot={shot}", "--window-size=1280,2000", profile=rendered["work"] / "profile2")
    assert proc.returncode == 0 and shot.is_file(), proc.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(data[16:20], "big") == 1280 and len(data) > 50_000
    shutil.copy(rendered["page"], OUTPUT / "html-report.html")
    print(f"screenshot: {shot}")
