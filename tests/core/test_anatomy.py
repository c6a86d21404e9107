"""The email's anatomy: only the author's words are judged, positions stay exact."""
from __future__ import annotations

from emaillint.anatomy.parts import parse_email
from emaillint.anatomy.document import prepare
from emaillint.read.source import from_text

from .conftest import categories, codes, lint

REPLY = """Subject: Re: reporting

Hi Alicia,

You mentioned the Monday report. How long does it take your managers?

I suggest we go through one together on Thursday at 4pm.

Best,
Raj
--
Raj Patel | Account Executive
We are Acme: our platform is award-winning! Have you tried our app?

On Tue, Mar 3, 2026 at 9:12 AM Alicia Gomez <alicia@example.com> wrote:
> Just following up with my team. Our platform is amazing!!!
"""


def test_parts_are_found():
    email = parse_email(REPLY)
    assert email.subject.text == "Re: reporting"
    assert email.greeting.text == "Hi Alicia,"
    assert [p.text.split()[0] for p in email.body] == ["You", "I"]
    assert email.sign_off.text == "Best,"
    assert "Account Executive" in email.signature.text
    assert "Just following up" in email.quoted_text


def test_quotes_and_signature_are_never_judged():
    report = lint(REPLY)
    assert not categories(report) & {"follow-up-cliche", "hype", "self-praise", "self-centric"}, report.problems


def test_outlook_and_forwarded_blocks_are_quotes():
    outlook = "Hi Sam,\n\nHow do you plan shifts today?\n\nJo\n\nFrom: Sam Lee <sam@x.com>\nSent: Monday\nSubject: hi\n\nJust checking in!!!\n"
    forwarded = "Hi Sam,\n\nHow do you plan shifts today?\n\n---------- Forwarded message ---------\nJust checking in!!!\n"
    for text in (outlook, forwarded):
        assert "follow-up-cliche" not in categories(lint(text))


def test_inline_quoted_lines_are_not_judged():
    text = "Hi Sam,\n\n> Just checking in, any update?\n\nYes: how do you plan shifts today? I suggest a call on Monday at 9am.\n\nJo\n"
    assert "follow-up-cliche" not in categories(lint(text))


def test_legal_footer_is_not_judged():
    text = ("Hi Sam,\n\nHow do you plan shifts today? I suggest a call on Monday at 9am.\n\nJo\n\n"
            "This email and any attachments are confidential. We are the industry-leading provider!!!\n")
    assert not categories(lint(text)) & {"self-praise", "hype"}


def test_positions_with_crlf_bom_tabs_and_emoji():
    text = "\ufeffSubject: hi\r\n\r\nHi Ana,\r\n\r\n\t🙂 Just touching base on the proposal.\r\n\r\nSam\r\n"
    report = lint(text)
    cliche = next(p for p in report.problems if p.code == "EL301")
    # tab = column 1, emoji = column 2 (columns count characters), "touching" starts at 9
    assert (cliche.line, cliche.column) == (5, 9)
    assert (cliche.end_line, cliche.end_column) == (5, 22)


def test_jinja_tags_are_masked_and_positions_kept():
    text = "---\nvariables:\n  first_name: Dana\n---\nHi {{ first_name }},\n\n{# note #}Just following up on my last email about {{ topic }}.\n\nKai\n"
    report = lint(text, path="t.txt.j2")
    cliche = next(p for p in report.problems if p.code == "EL301")
    assert (cliche.line, cliche.column) == (7, 11)
    undeclared = next(p for p in report.problems if p.code == "EL002")
    assert (undeclared.line, undeclared.column) == (7, 52)


def test_templates_are_judged_as_rendered_with_example_values():
    text = ("---\nvariables:\n  name: Dana\n  peer: Coastal\n  rush: ''\n---\n"
            "Hi {{ name }},\n\n{% if peer %}{{ peer }} said{% else %}Teams say{% endif %} it works.\n"
            "{% if rush %}Act now!{% endif %}{# note #}\n")
    doc = prepare(from_text(text, "t.txt.j2"))
    body = doc.analysed[doc.analysed.index("Hi"):]
    assert body == "Hi Dana,\n\nCoastal said it works.\n"  # as `templates render` does it (trim_blocks)
    said = doc.analysed.index(" said")
    assert doc.position(said) == doc.index.position(text.index(" said"))  # literal text maps exactly
    coastal = doc.analysed.index("Coastal said")
    assert doc.position(coastal) == doc.index.position(text.index("{{ peer }}"))  # a value maps to its tag


def test_signature_questions_do_not_count_as_problem_questions():
    text = ("Subject: next week\n\nHi Ana,\n\nWe just released version 5 of our app.\n\nLet me know if you want a walkthrough.\n\n"
            "Sam\n--\nSam Ortiz\nHow is your team planning next quarter?\n")
    assert "EL201" in codes(lint(text))


def test_sign_off_block_without_dashes():
    email = parse_email("Hi Sam,\n\nHow do you plan shifts?\n\nThanks,\nJo Smith\nHead of Sales, Acme\n")
    assert email.sign_off.text == "Thanks,"
    assert [p.text for p in email.body] == ["How do you plan shifts?"]


def test_kind_inference():
    assert lint(REPLY).kind == "reply"
    assert lint("Subject: Are you?\n\nHi Sam,\n\nAre you still hiring SDRs this quarter?\n\nJo\n").kind == "re-engagement"
    assert lint("Subject: Re: demo\n\nHi Sam,\n\nJust following up.\n\nJo\n").kind == "follow-up"
    assert lint("Subject: shifts\n\nHi Sam,\n\nHow do you plan shifts?\n\nJo\n").kind == "cold"
    assert lint("---\nkind: follow-up\n---\nHi Sam,\n\nHow do you plan shifts?\n\nJo\n", path="a.md").kind == "follow-up"


def test_greeting_on_the_same_line_as_the_first_sentence():
    email = parse_email("Hi Sam - quick one: how are you planning shifts for the new site?\n\nJo\n")
    assert email.greeting.text == "Hi Sam -"
    assert email.sentences()[0].text == "quick one: how are you planning shifts for the new site?"


def test_plain_greetings_and_no_greeting():
    assert parse_email("Hey team,\n\nHow do you plan shifts?\n").greeting.text == "Hey team,"
    assert parse_email("Dear Ms Fairbanks,\n\nHow do you plan shifts?\n").greeting.text == "Dear Ms Fairbanks,"
    assert parse_email("How do you plan shifts today?\n\nJo\n").greeting is None


def test_wrapped_gmail_quote_header_and_short_sign_offs():
    text = ("Hi Sam,\n\nHow do you plan shifts?\n\nThx,\n— J\n\nOn Tue, Mar 3, 2026 at 9:12 AM Alicia Gomez <\n"
            "alicia@example.com> wrote:\n> Just checking in!!!\n")
    email = parse_email(text)
    assert email.sign_off.text == "Thx," and "Just checking in" in email.quoted_text
    assert [p.text for p in email.body] == ["How do you plan shifts?"]


def test_reply_prefixes_are_one_list_for_the_kind_and_the_rules():
    from emaillint.base.lexicons import lexicon, reply_prefix

    for prefix in lexicon("reply-prefixes"):
        subject = f"{prefix.upper()}: shifts"
        assert reply_prefix().match(subject)
        assert lint(f"Subject: {subject}\n\nHi Sam,\n\nHow do you plan shifts?\n\nJo\n").kind == "follow-up", prefix


def test_subject_sentences_are_split_once_and_follow_a_changed_subject(monkeypatch):
    """Every rule that reads the subject asks for its sentences: one split per email. A copy with another
    subject (``dataclasses.replace``, as EL806 makes) splits its own, not the first one's."""
    from dataclasses import replace

    from emaillint.anatomy import sentences as splitter

    email = parse_email("Subject: Quick question. Worth a look?\n\nHi Sam,\n\nHow do you approve invoices today?\n\nJo\n")
    calls = []
    real = splitter.split
    monkeypatch.setattr(splitter, "split", lambda text, offset=0: calls.append(text) or real(text, offset))
    first = [s.text for s in email.subject_sentences()]
    assert first == ["Quick question.", "Worth a look?"]
    assert [s.text for s in email.subject_sentences()] == first and len(calls) == 1
    assert replace(email, subject=None).subject_sentences() == []
    other = parse_email("Subject: Invoices at Northwind\n\nHi Sam,\n\nHello.\n\nJo\n").subject
    assert [s.text for s in replace(email, subject=other).subject_sentences()] == ["Invoices at Northwind"]


_TYPED_NAME = """Hi [First Name],

I noticed [Company] is hiring three dispatchers. How do you plan routes for the new depot today?

Best,
{name}
{ps}
--
Sam Lee | Account Executive | Routewise
routewise.example.com
"""


def test_the_typed_name_above_a_dash_signature_is_the_senders():
    """A mail client adds its "-- " block under the name the sender typed: both are the sender's, neither body."""
    for ps in ("", "\nP.S. The depot study is two pages.\n"):
        email = parse_email(_TYPED_NAME.format(name="[Your Name]", ps=ps))
        assert email.name_block is not None and email.name_block.text == "[Your Name]"
        assert email.signature.text.startswith("--") and "Routewise" in email.signature.text
        assert all("[Your Name]" not in p.text for p in email.body)
        assert ("P.S." in email.body[-1].text) == bool(ps)


def test_a_template_signed_with_a_sender_field_above_a_dash_signature_is_a_template():
    """"[Your Name]" under the sign-off says the file is a template for others to fill: no EL801, whatever the
    mail client appends below it; a draft whose own name is filled in still has its leftover fields reported."""
    for ps in ("", "\nP.S. The depot study is two pages.\n"):
        assert "EL801" not in codes(lint(_TYPED_NAME.format(name="[Your Name]", ps=ps)))
        assert "EL801" in codes(lint(_TYPED_NAME.format(name="Sam", ps=ps)))


def test_a_subject_line_however_a_template_library_writes_it():
    for head in ("Subject: shift planning", "Subject line: shift planning", "SUBJECT LINE: shift planning",
                 "**Subject line:** shift planning", "Email subject: shift planning", "  Subject: shift planning",
                 "Subject - shift planning", "Subject line – shift planning"):
        email = parse_email(f"{head}\n\nHi Sam,\n\nHow do you plan shifts for the new site?\n\nJo\n")
        assert email.subject is not None and email.subject.text == "shift planning", head
        assert email.greeting.text == "Hi Sam,"
    # the bold around a subject is not its text; a Mailchimp field that ends it is
    assert parse_email("**Subject: shift planning**\n\nHi Sam,\n").subject.text == "shift planning"
    assert parse_email("Subject: shifts at *|COMPANY|*\n\nHi Sam,\n").subject.text == "shifts at *|COMPANY|*"


def test_a_follow_up_is_the_sender_chasing_now():
    """Follow-up phrasing makes a follow-up only when it is the sender's chase: not a promise or a refusal ("I'll
    circle back in Q3", "I won't follow up again") and not the prospect's work ("lead follow-up")."""
    from emaillint.anatomy.kind import infer

    def kind(body: str) -> str:
        return infer(parse_email(f"Subject: depot routes\n\nHi Sam,\n\n{body}\n\nJo\n"))

    for chase in ("Just following up on my note about the depot.", "Quick follow-up on the route study.",
                  "I have not heard back about the pilot.", "This will be my last note on this.",
                  "Wanted to follow up on the 100 leads I mentioned.", "Bumping this to the top of your inbox.",
                  "Just bump this up if it matters.", "Sorry to follow up again on the pilot.",
                  "Quick follow-up with one number for you."):
        assert kind(chase) == "follow-up", chase
    for first_touch in ("Most clinics only follow up with half of their web leads.",
                        "We answer every lead in five minutes, follow up six times and book the visit.",
                        "We automate the busywork: lead follow-up, data entry and reporting.",
                        "Customers usually see a bump in sign-ups after the launch.",
                        "If the timing is wrong, tell me and I won't follow up.",
                        "I'll circle back in Q3 if you prefer. How are routes planned at the new depot?"):
        assert kind(first_touch) == "cold", first_touch


def test_front_matter_with_an_unquoted_colon_is_reported_and_still_read():
    """"subject: Re: pricing" is not valid YAML (a value holding ": " needs quotes). The draft gets its EL001, and
    is judged as written: its subject and kind are read from the plain "key: value" lines, not judged as body."""
    text = "---\nsubject: Re: pricing\nkind: follow-up\n---\nHi Sam,\n\nHow do you plan routes today?\n\nJo\n"
    report = lint(text, "draft.md")
    error = next(p for p in report.problems if p.code == "EL001")
    assert "invalid YAML" in error.message and "put quotes around" in error.message
    assert report.kind == "follow-up"
    assert "EL804" not in codes(report)  # the subject is there
    nested = "---\nsubject: x\nvariables:\n  - a: b: c\n---\nHi Sam,\n\nHow do you plan routes today?\n"
    assert "read as plain" not in next(p for p in lint(nested, "draft.md").problems if p.code == "EL001").message


def test_parts_typed_with_single_line_breaks_between_paragraphs():
    """Mail from a web form or a CRM export often has no blank lines: the quote, the P.S., the name block and the
    footer are still parts of their own."""
    reply = parse_email("Hi Owen,\nHere's the pricing: £38 a seat.\nBest,\nIsla\n> could you send me pricing?\n")
    assert reply.signature.text == "Isla"
    assert [q.text for q in reply.quotes] == ["> could you send me pricing?"]
    ps = parse_email("Hi Sam,\nWould Tuesday at 10 work?\nBest,\nJo Park\n555-0100\nP.S. The route map is yours either way.\n")
    assert ps.signature.text == "Jo Park\n555-0100"
    assert ps.body[-1].text == "P.S. The route map is yours either way."
    named = parse_email("Hi Kwame,\nHow are the gate delays this month?\nWant me to set that up?\nEfua\nThis message "
                        "may contain confidential information. Please delete it.\n")
    assert named.signature.text == "Efua"
    assert named.footer.text.startswith("This message may contain")
    assert named.body[-1].text.endswith("Want me to set that up?")


def test_a_price_list_is_not_a_quote_and_a_quote_is_not_the_signature():
    prices = parse_email("Hi Sam,\n\nPricing:\n>500 seats @ $9\n> 1,000 seats @ $8\n\nBest,\nJoe\n")
    assert not prices.quotes
    assert "500 seats" in prices.body_text
    quoted = parse_email("Hi Sam,\n\nHere it is.\n\nBest,\nJoe\n\n> On Mon, Sam wrote:\n> could you send it?\n")
    assert quoted.signature.text == "Joe"


def test_a_sign_off_with_the_name_on_its_line_and_a_greeting_ending_in_a_dash():
    email = parse_email("Hi Alan -\n\nWould Tuesday at 10 work?\n\nBest, Ellie Shaw\nSenior Consultant, Brightpath\n"
                        "Struggling to hire? brightpath.co.uk\n")
    assert email.greeting.text == "Hi Alan -"
    assert email.sign_off.text == "Best,"
    assert email.signature.text.startswith("Ellie Shaw\nSenior Consultant")
    assert [b.text for b in email.body] == ["Would Tuesday at 10 work?"]
    thanks_first = parse_email("Hi Sam,\n\nThanks, Dana\n\nI'll send it over today.\n")  # a thank-you, then more said
    assert thanks_first.sign_off is None and len(thanks_first.body) == 2


def test_a_name_signed_in_lower_case_under_a_sign_off():
    email = parse_email("Hi,\n\nWould Tuesday at 10 work for a call?\n\nThank you,\nmaya\n")
    assert email.sign_off.text == "Thank you," and email.signature.text == "maya"
    assert [b.text for b in email.body] == ["Would Tuesday at 10 work for a call?"]
    words = parse_email("Hi,\n\nWould Tuesday at 10 work?\n\nThanks,\nlet me know if not.\n")  # a sentence, not a name
    assert words.signature is None


def test_a_tagline_in_quotation_marks_under_the_name_is_the_signature():
    """A name block straight under the last sentence may end with the sender's tagline ("Ask us how!"): it is not
    the author's text, however the paragraphs are spaced, and a sentence that ends with a link ends there."""
    for gap in ("\n\n", "\n"):
        email = parse_email(f"Hi Greta,\n\nThe four forms are here: <https://example.com/guide>{gap}Ben Arceneaux\n"
                            "Routewise Payroll\n\"Still planning routes by hand? Ask us how we can help!\"\n")
        assert [s.text for s in email.sentences()] == ["The four forms are here: <https://example.com/guide>"], gap
