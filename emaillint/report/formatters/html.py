"""One self-contained HTML page for people: a summary, then each email with its findings on its words.

Nothing is fetched: the CSS and the small script are inline, the chart is an
inline SVG with a text alternative. Each email is shown as written, each finding
highlighted on the words it points at (a ``<mark>`` per stretch of text, keyed by
``data-f``), with the coach's message and suggestion on hover (``title``) and in
the list beside it; quoted replies, sign-offs, signatures and footers are greyed
out. Marks are focusable, so the page works from the keyboard.

The formatter renders the FileReports; the only thing it reads besides them is
each draft's text and its anatomy (which spans are quoted or signature), to lay
the marks on the right characters.
"""
from __future__ import annotations

from html import escape

from emaillint.base.problem import FileReport, Problem

_GREY = ("quote", "sign-off", "signature", "footer")

_CSS = """
:root { color-scheme: light; --ink:#1b1b1b; --muted:#595959; --line:#d0d0d0; --bg:#fff; --panel:#f6f7f9;
  --error:#ffd7d5; --error-edge:#b3261e; --warning:#fff1b8; --warning-edge:#8a5a00; --info:#d6ecff; --info-edge:#0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: var(--bg); }
header, main { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
h1 { font-size: 1.6rem; margin: 24px 0 4px; }
h2 { font-size: 1.2rem; margin: 0; }
a { color: #0b5cad; }
a:focus, mark:focus, summary:focus { outline: 3px solid #0b5cad; outline-offset: 2px; }
.summary-line { font-size: 1.05rem; font-weight: 600; margin: 4px 0 16px; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(300px, 1fr)); gap: 16px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card h3 { font-size: 1rem; margin: 0 0 8px; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 2px 6px; border-bottom: 1px solid var(--line); vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.score { font-weight: 700; padding: 1px 8px; border-radius: 10px; white-space: nowrap; }
.score.good { background: #d3f4dc; color: #0d5323; } .score.fair { background: #fff1b8; color: #5c3c00; } .score.poor { background: #ffd7d5; color: #7a1712; }
.email { border: 1px solid var(--line); border-radius: 8px; margin: 24px 0; padding: 16px; }
.email-head { display: flex; flex-wrap: wrap; gap: 12px; align-items: baseline; margin-bottom: 8px; }
.kind { color: var(--muted); }
.layout { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 16px; }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } }
.draft { white-space: pre-wrap; word-wrap: break-word; font: 14px/1.6 ui-monospace, "DejaVu Sans Mono", monospace; background: var(--panel);
  border: 1px solid var(--line); border-radius: 6px; padding: 12px; margin: 0; align-self: start; }
.grey { color: var(--muted); font-style: italic; }
mark { background: var(--warning); color: inherit; border-bottom: 2px solid var(--warning-edge); border-radius: 2px; cursor: help; }
mark.level-error { background: var(--error); border-bottom-color: var(--error-edge); }
mark.level-info { background: var(--info); border-bottom-color: var(--info-edge); }
mark.point::before { content: "\\25B8"; color: var(--warning-edge); }
mark.active, li.finding.active { box-shadow: 0 0 0 3px #0b5cad; }
ol.findings { margin: 0; padding-left: 1.4em; }
li.finding { margin: 0 0 10px; padding: 4px 6px; border-radius: 4px; }
li.finding .where { font-family: ui-monospace, "DejaVu Sans Mono", monospace; }
.tag { font: 12px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; padding: 0 4px; border-radius: 3px; border: 1px solid var(--line); background: #fff; }
.lvl { font-weight: 600; }
.lvl.level-error { color: var(--error-edge); } .lvl.level-warning { color: var(--warning-edge); } .lvl.level-info { color: var(--info-edge); }
.message { margin: 2px 0; }
.suggestion { margin: 2px 0; color: #2f2f2f; }
.subscores { display: flex; flex-wrap: wrap; gap: 4px 12px; list-style: none; padding: 0; margin: 4px 0 10px; font-size: .9rem; }
.subscores .low { font-weight: 700; color: #7a1712; }
.suppressed { margin-top: 10px; }
.silenced { text-decoration: line-through dashed #7a1712; text-decoration-thickness: 1px; background: #f3e8ff; }
.suppressed li { color: var(--muted); }
.error-note { color: #7a1712; font-weight: 600; }
.chart text { font: 11px system-ui, "DejaVu Sans", sans-serif; fill: #1b1b1b; }
.sr-note { color: var(--muted); font-size: .9rem; margin: 4px 0 0; }
"""

_JS = """
(function () {
  function marksOf(id) { return document.querySelectorAll('mark[data-f~="' + id + '"]'); }
  function light(ids, on) {
    ids.forEach(function (id) {
      marksOf(id).forEach(function (m) { m.classList.toggle('active', on); });
      var li = document.getElementById(id); if (li) { li.classList.toggle('active', on); }
    });
  }
  document.querySelectorAll('mark[data-f]').forEach(function (m) {
    var ids = m.getAttribute('data-f').split(' ');
    ['mouseenter', 'focus'].forEach(function (e) { m.addEventListener(e, function () { light(ids, true); }); });
    ['mouseleave', 'blur'].forEach(function (e) { m.addEventListener(e, function () { light(ids, false); }); });
    m.addEventListener('keydown', function (e) {
      if (e.key === 'Enter') { var li = document.getElementById(ids[0]); if (li) { li.scrollIntoView({block: 'nearest'}); li.querySelector('a').focus(); } }
    });
  });
  document.querySelectorAll('a.also').forEach(function (a) {
    var ids = [a.getAttribute('data-also')];
    a.addEventListener('focus', function () { light(ids, true); });
    a.addEventListener('blur', function () { light(ids, false); });
  });
  document.querySelectorAll('li.finding').forEach(function (li) {
    li.addEventListener('mouseenter', function () { light([li.id], true); });
    li.addEventListener('mouseleave', function () { light([li.id], false); });
  });
})();
"""


def _score_class(score: int) -> str:
    return "good" if score >= 80 else "fair" if score >= 50 else "poor"


def _read(report: FileReport):
    """The draft's text as judged and its greyed spans (source offsets); (None, []) without the text."""
    from emaillint.anatomy.document import prepare
    from emaillint.read.source import Source, detect_format

    if report.text is None:
        return None, []
    source = Source(report.path, report.text, detect_format(report.path, report.text))
    try:
        doc = prepare(source)
    except Exception:  # noqa: BLE001 - without the anatomy the draft is still shown, just not greyed
        return source.text, []
    email = doc.email
    parts = [*email.quotes, email.sign_off, *email.signatures(), email.footer]
    spans = []
    for part in parts:
        if part is None or part.kind.value not in _GREY:
            continue
        start, end, _ = doc.source_span(part.start, part.end)
        if end > start:
            spans.append((start, end, part.kind.value))
    return source.text, sorted(spans)


def _tooltip(p: Problem) -> str:
    return f"{p.code} {p.name} ({p.level}): {p.message}" + (f"\n{p.suggestion}" if p.suggestion else "")


def _draft(text: str, problems: list[tuple[str, Problem]], grey: list[tuple[int, int, str]],
           silenced: list[tuple[str, Problem]] = ()) -> str:
    """The text with a <mark> on every stretch a finding covers, greyed parts in <span class="grey"> and
    what inline comments silenced in <span class="silenced">."""
    n = len(text)
    quiet = [(sid, max(0, min(p.start, n)), max(0, min(p.end, n)), p) for sid, p in silenced]
    spans = [(fid, max(0, min(p.start, n)), max(0, min(p.end, n)), p) for fid, p in problems]
    cuts = {0, n}
    for _, s, e, _ in spans:
        cuts.update((s, e))
    for s, e, _ in grey:
        cuts.update((max(0, min(s, n)), max(0, min(e, n))))
    for _, s, e, _ in quiet:
        cuts.update((s, e))
    points: dict[int, list] = {}
    for fid, s, e, p in spans:
        if e <= s:
            points.setdefault(s, []).append((fid, p))
    ordered = sorted(cuts)
    first_piece: set[str] = set()
    out = []
    for a, b in zip(ordered, ordered[1:] + [None]):
        for fid, p in points.get(a, []):
            out.append(f'<mark class="point level-{p.level}" data-f="{fid}" id="{fid}-m" tabindex="0" '
                       f'aria-describedby="{fid}" title="{escape(_tooltip(p))}"></mark>')
        if b is None or b <= a:
            continue
        covering = [(fid, p) for fid, s, e, p in spans if s <= a and b <= e and s < e]
        part = next((kind for s, e, kind in grey if s <= a and b <= e), None)
        piece = escape(text[a:b])
        if covering:
            worst = max(covering, key=lambda c: c[1].level)[1]
            ids = " ".join(fid for fid, _ in covering)
            new = [fid for fid, _ in covering if fid not in first_piece]
            first_piece.update(new)
            attrs = f' id="{new[0]}-m" tabindex="0" aria-describedby="{new[0]}"' if new else ""
            title = escape("\n\n".join(_tooltip(p) for _, p in covering))
            piece = f'<mark class="level-{worst.level}" data-f="{ids}"{attrs} title="{title}">{piece}</mark>'
            by_id = dict(covering)
            # a second finding starting on the same words gets its own (empty) keyboard stop
            piece = "".join(f'<a class="also" id="{fid}-m" tabindex="0" data-also="{fid}" aria-describedby="{fid}" '
                            f'title="{escape(_tooltip(by_id[fid]))}"></a>' for fid in new[1:]) + piece
        hushed = [(sid, p) for sid, s, e, p in quiet if s <= a and b <= e and s < e]
        if hushed:
            ids = " ".join(sid for sid, _ in hushed)
            title = escape("\n\n".join("silenced by an inline comment: " + _tooltip(p) for _, p in hushed))
            piece = f'<span class="silenced" data-s="{ids}" title="{title}">{piece}</span>'
        if part:
            piece = f'<span class="grey" data-part="{part}">{piece}</span>'
        out.append(piece)
    return "".join(out)


def _finding_item(fid: str, p: Problem) -> str:
    suggestion = f'<p class="suggestion">{escape(p.suggestion)}</p>' if p.suggestion else ""
    return (f'<li class="finding level-{p.level}" id="{fid}" data-code="{p.code}" data-line="{p.line}" data-column="{p.column}">'
            f'<a class="where" href="#{fid}-m">{p.line}:{p.column}</a> <span class="tag">{p.code}</span> '
            f'<span class="lvl level-{p.level}">{p.level}</span> <span class="name">{escape(p.name)}</span>'
            f'<p class="message">{escape(p.message)}</p>{suggestion}</li>')


def _subscores(report: FileReport) -> str:
    if not report.subscores:
        return ""
    items = sorted(report.subscores.items(), key=lambda kv: (kv[1], kv[0]))
    low = [f'<li class="low">{escape(c)} {v}</li>' for c, v in items if v < 100]
    full = [c for c, v in items if v >= 100]
    rest = f"<li>all {len(full)} other categories 100</li>" if low and full else (
        "<li>every category 100</li>" if full else "")
    return f'<ul class="subscores" aria-label="sub-scores">{"".join(low)}{rest}</ul>'


def _email(index: int, report: FileReport) -> str:
    eid = f"e{index}"
    head = (f'<div class="email-head"><h2><a href="#{eid}">{escape(report.path)}</a></h2>')
    if report.error:
        return (f'<article class="email" id="{eid}" data-path="{escape(report.path)}">{head}</div>'
                f'<p class="error-note">Could not be judged: {escape(report.error)}</p></article>')
    head += (f'<span class="score {_score_class(report.score)}" data-score="{report.score}">{report.score}/100</span>'
             f'<span class="kind">{escape(report.kind)}, {len(report.problems)} finding{"s" if len(report.problems) != 1 else ""}'
             + (f", {len(report.suppressed)} suppressed" if report.suppressed else "") + "</span></div>")
    findings = [(f"{eid}-f{i}", p) for i, p in enumerate(report.problems, 1)]
    text, grey = _read(report)
    hushed = [(f"{eid}-s{i}", p) for i, p in enumerate(report.suppressed, 1)]
    draft = (f'<pre class="draft" aria-label="the draft">{_draft(text, findings, grey, hushed)}</pre>' if text is not None
             else '<p class="error-note">The draft\'s text is not available to show it.</p>')
    notes = "".join(_finding_item(fid, p) for fid, p in findings)
    side = (f'<div><h3>Findings</h3><ol class="findings">{notes}</ol></div>' if notes
            else '<div><h3>Findings</h3><p>No findings.</p></div>')
    silenced = ""
    if report.suppressed:
        by = report.suppressed_by + [None] * len(report.suppressed)
        items = "".join(
            f'<li data-code="{p.code}" id="{eid}-s{i}">{p.line}:{p.column} <span class="tag">{p.code}</span> {escape(p.message)}'
            + (f' <em>silenced by line {b["line"]}: {escape(b["comment"])}</em>' if b else "") + "</li>"
            for i, (p, b) in enumerate(zip(report.suppressed, by), 1))
        silenced = (f'<details class="suppressed" open><summary>{len(report.suppressed)} finding'
                    f'{"s" if len(report.suppressed) != 1 else ""} silenced by inline comments</summary><ol>{items}</ol></details>')
    return (f'<article class="email" id="{eid}" data-path="{escape(report.path)}">{head}{_subscores(report)}'
            f'<div class="layout">{draft}{side}</div>{silenced}</article>')


def _chart(summary) -> str:
    buckets = summary.distribution
    top = max((b["files"] for b in buckets), default=0) or 1
    width, bar_h, gap, label_w = 360, 18, 6, 54
    rows = []
    for i, b in enumerate(reversed(buckets)):
        y = i * (bar_h + gap)
        w = round((width - label_w - 40) * b["files"] / top)
        rows.append(f'<text x="0" y="{y + 13}">{b["range"]}</text>'
                    f'<rect x="{label_w}" y="{y}" width="{w}" height="{bar_h}" fill="#3b6fb6"></rect>'
                    f'<text x="{label_w + w + 6}" y="{y + 13}">{b["files"]}</text>')
    height = len(buckets) * (bar_h + gap)
    words = "; ".join(f'{b["files"]} scored {b["range"]}' for b in reversed(buckets))
    return (f'<figure class="chart" id="score-chart"><svg role="img" aria-labelledby="chart-title chart-desc" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
            f'<title id="chart-title">Score distribution</title><desc id="chart-desc">{escape(words)}</desc>{"".join(rows)}</svg>'
            f'<figcaption class="sr-note" id="chart-text">Scores: {escape(words)}.</figcaption></figure>')


def _index_row(i: int, r: FileReport) -> str:
    """The report's row in the summary's table of emails."""
    return (f'<tr><td><a href="#e{i}">{escape(r.path)}</a></td><td class="num">'
            + (f'<span class="score {_score_class(r.score)}">{r.score}</span>' if not r.error else "error")
            + f'</td><td class="num">{len(r.problems)}</td><td class="num">{len(r.suppressed)}</td></tr>')


def _summary(index: str, summary) -> str:
    from emaillint.report.summary import summary_line

    average = "–" if summary.average is None else f"{summary.average:g}"
    cats = "".join(f'<tr><td>{escape(c)}</td><td class="num">{n}</td></tr>' for c, n in summary.by_category.items()) \
        or '<tr><td colspan="2">no findings</td></tr>'
    return (f'<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">Summary</h2>'
            f'<p class="summary-line">{escape(summary_line(summary))}</p><div class="cards">'
            f'<div class="card"><h3>Overview</h3><table id="overview">'
            f'<tr><th>files</th><td class="num" data-k="files">{summary.files}</td></tr>'
            f'<tr><th>average score</th><td class="num" data-k="average">{average}</td></tr>'
            f'<tr><th>findings</th><td class="num" data-k="problems">{summary.problems}</td></tr>'
            f'<tr><th>below {summary.threshold if summary.threshold is not None else "fail-under"}</th>'
            f'<td class="num" data-k="below">{len(summary.below)}</td></tr>'
            f'<tr><th>suppressed</th><td class="num" data-k="suppressed">{summary.suppressed}</td></tr></table></div>'
            f'<div class="card"><h3>Findings per category</h3><table id="by-category">{cats}</table></div>'
            f'<div class="card"><h3>Score distribution</h3>{_chart(summary)}</div></div>'
            f'<div class="card" style="margin-top:16px"><h3>Emails</h3><table id="emails"><tr><th>email</th>'
            f'<th class="num">score</th><th class="num">findings</th><th class="num">suppressed</th></tr>{index}</table></div>'
            f'</section>')


def render(reports: list[FileReport], *, color: bool = False, summary=None) -> str:
    return "".join(stream(reports, summary=summary))


_INDEX, _EMAILS = "<!--emaillint:index-->", "<!--emaillint:emails-->"


def stream(reports, *, color: bool = False, summary=None):
    """:func:`render` in pieces, in constant memory: each email's section and its row in the summary go to
    temporary files as the reports go by (the summary, which counts them all, comes first on the page).
    ``summary``: a Summary, or a function giving it once every report has gone by (default: counted here)."""
    from tempfile import SpooledTemporaryFile

    from emaillint.report.summary import Tally

    tally = Tally() if summary is None else None
    with SpooledTemporaryFile(1 << 20, "w+", encoding="utf-8", errors="surrogateescape") as index, \
            SpooledTemporaryFile(1 << 20, "w+", encoding="utf-8", errors="surrogateescape") as emails:
        for i, report in enumerate(reports, 1):
            index.write(_index_row(i, report))
            emails.write(_email(i, report))
            if tally is not None:
                tally.add(report)
        summary = tally.summary() if tally is not None else summary() if callable(summary) else summary
        page = ('<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
                '<meta name="viewport" content="width=device-width, initial-scale=1">'
                f'<title>emaillint report</title><style>{_CSS}</style></head><body>'
                f'<header><h1>emaillint report</h1></header><main>{_summary(_INDEX, summary)}{_EMAILS}</main>'
                f'<script>{_JS}</script></body></html>')
        for spool, marker in ((index, _INDEX), (emails, _EMAILS)):
            head, page = page.split(marker, 1)
            yield head
            spool.seek(0)
            while chunk := spool.read(1 << 16):
                yield chunk
        yield page
