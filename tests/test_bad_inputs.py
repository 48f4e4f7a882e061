"""Hostile and odd inputs: every one is an article or a quarantine row, the run never fails, reruns agree.

Over 400 lines on purpose: its folder tests share one build of one folder of every bad input.

The property tests drive `read_raw_folder` with generated files; the folder tests
materialise the real Dagster assets (spaCy, DuckDB, dbt) over a folder of bad
inputs, once per module, and once more over the same folder for idempotence.
"""

import codecs
import gzip
import io
import json
import os
import shutil
import tempfile
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transforms.ingest import MAX_INPUT_BYTES, InputRejected, decode_text, expected_row_counts, normalise_text, read_html, read_raw_folder
from warehouse_builds import build_warehouse, query

# ------------------------------------------------------------------ generated inputs

PROSE = [
    "The defence ministers of Freedonia and Sylvania met in the capital on Tuesday and agreed to hold a joint naval exercise later this year, officials said.",
    "Both navies will send frigates and patrol aircraft to the drill, which is expected to last two weeks and end with a search-and-rescue scenario.",
    "Die Verteidigungsminister beider Länder trafen sich am Dienstag in der Hauptstadt und vereinbarten eine gemeinsame Übung.",
    "Share this article",
]
SUFFIXES = [".txt", ".html", ".htm", ".jsonl", ".md", ""]
file_stems = st.text(alphabet="abxyz éü漢-_.", min_size=1, max_size=8)
# No surrogates (UTF-8 cannot write them raw) and no DEL (a file of them is binary as a whole,
# and the record count below would not hold).
json_strings = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x7f"), max_size=12)
json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | json_strings
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(json_strings, children, max_size=3),
    max_leaves=6,
)
records = st.fixed_dictionaries(
    {},
    optional={
        # A small id pool makes duplicate ids (also "1" against 1, " a" against "a") common.
        "id": st.sampled_from(["a", " a", "b", "1", "", "   "])
        | st.integers(0, 2)
        | st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=4)
        | json_values.filter(lambda value: not isinstance(value, str)),
        "text": st.sampled_from(PROSE) | st.lists(st.sampled_from(PROSE), min_size=2, max_size=4).map("\n\n".join) | json_values,
        "title": json_values,
        "published": st.sampled_from(["2021-03-04", "4 March 2021", "yesterday"]) | json_values,
    },
)
# Text with no control, separator or BOM character other than " ": a line is blank
# exactly when it is made of spaces, so the expected record count needs no decoder.
line_text = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs"), exclude_characters="\ufeff") | st.just(" "),
    max_size=40,
)
json_lines = st.one_of(
    st.tuples(records, st.booleans()).map(lambda pair: json.dumps(pair[0], ensure_ascii=pair[1])),
    st.tuples(records, st.integers(1, 30)).map(lambda pair: json.dumps(pair[0])[: pair[1]]),  # cut short
    line_text,
    st.sampled_from(["", " ", "[]", "null", '"text"', "[" * 5000, '{"id": ' + "9" * 5000 + "}", r'{"id": "\ud800", "text": "\udc00"}']),
)
jsonl_files = st.tuples(
    st.lists(json_lines, max_size=12),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
)


def accounted_rows(result) -> Counter:
    """Rows per source_file over both frames."""
    return Counter(result.articles["source_file"].to_list() + result.quarantine["source_file"].to_list())


def assert_frames_are_consistent(result) -> None:
    assert result.articles["article_id"].n_unique() == result.articles.height
    keys = result.articles.select("source_file", "record_id").rows()
    assert len(set(keys)) == len(keys), "an article key is used twice"
    assert result.quarantine["reason"].null_count() == 0
    assert result.quarantine["detail"].null_count() == 0
    # Every generated file is a regular, readable file: "unreadable" would mean a parser crashed.
    assert "unreadable" not in result.quarantine["reason"].to_list(), result.quarantine.to_dicts()


def non_blank_lines(data: bytes) -> int | None:
    """Records of a .jsonl file as the reader splits it; None when the file as a whole is rejected."""
    try:
        return sum(1 for line in decode_text(data).split("\n") if line.strip()) or None
    except InputRejected:
        return None


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(st.tuples(file_stems, st.sampled_from(SUFFIXES), st.binary(max_size=3000)), max_size=6))
def test_random_bytes_in_any_file_are_each_accounted_for(files):
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder)
        expected = Counter()
        for index, (stem, suffix, data) in enumerate(files):
            name = f"{index}{stem}{suffix}"
            (raw / name).write_bytes(data)
            expected[name] = (non_blank_lines(data) or 1) if suffix == ".jsonl" else 1
        result = read_raw_folder(raw)
        counted_apart = {name: count.rows for name, count in expected_row_counts(raw).items()}  # what the accounting check expects
    assert accounted_rows(result) == expected == counted_apart
    assert_frames_are_consistent(result)


def test_a_jsonl_file_of_unchanged_size_and_time_is_not_counted_again(tmp_path):
    """The accounting check's counts are kept with each file's size and modification time (meta.expected_rows)."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n', encoding="utf-8")
    counted = expected_row_counts(tmp_path)
    assert counted["feed.jsonl"].rows == 2 and counted["feed.jsonl"].size == feed.stat().st_size
    # A count kept for the very same size and time stands without the file being read: here, a made-up one.
    kept = {"feed.jsonl": replace(counted["feed.jsonl"], rows=7)}
    assert expected_row_counts(tmp_path, kept)["feed.jsonl"].rows == 7
    os.utime(feed, ns=(feed.stat().st_atime_ns, feed.stat().st_mtime_ns + 1_000_000_000))
    assert expected_row_counts(tmp_path, kept)["feed.jsonl"].rows == 2


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(files=st.lists(jsonl_files, min_size=1, max_size=3))
def test_random_json_lines_are_each_accounted_for(files):
    with tempfile.TemporaryDirectory() as folder:
        raw = Path(folder)
        expected = Counter()
        usable_ids: dict[str, set[str]] = {}
        for index, (lines, line_end, encoding) in enumerate(files):
            name = f"records {index}.jsonl"
            (raw / name).write_bytes(line_end.join(lines).encode(encoding))
            expected[name] = sum(1 for line in lines if line.strip(" ")) or 1  # a file without records: one row
            ids = (
                normalise_text(str(record["id"])).strip()  # "\\ud800" is no text: it becomes U+FFFD
                for record in map(_json_object_or_none, lines)
                if record is not None and isinstance(record.get("id"), (str, int)) and not isinstance(record["id"], bool)
            )
            usable_ids[name] = {record_id for record_id in ids if record_id}
        result = read_raw_folder(raw)
        counted_apart = {name: count.rows for name, count in expected_row_counts(raw).items()}
    assert accounted_rows(result) == expected == counted_apart
    assert_frames_are_consistent(result)
    for name, ids in usable_ids.items():
        found = {
            record_id
            for frame in (result.articles, result.quarantine)
            for source_file, record_id in frame.select("source_file", "record_id").rows()
            if source_file == name and record_id is not None
        }
        assert found == ids


def _json_object_or_none(line: str) -> dict | None:
    try:
        value = json.loads(line)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


STORY = [
    "The navies of Freedonia and Sylvania began a joint exercise off the southern coast on Monday, the defence ministry said.",
    "Frigates, patrol aircraft and a submarine from both countries will take part in the drill, which is due to last ten days.",
    "Officials said the exercise would test communications between the two fleets and end with a search-and-rescue scenario.",
]
# Characters that render as nothing, or cannot be held at all: controls, C1 controls,
# surrogates, noncharacters, separators, out of range; as references and raw.
odd_code_points = st.integers(0, 0x1F) | st.integers(0x7F, 0x9F) | st.sampled_from(
    [0x2028, 0x2029, 0xFEFF, 0xD800, 0xDFFF, 0xFFFE, 0xFFFF, 0x110000]
)
noise = st.one_of(
    odd_code_points.map(lambda code: f"&#x{code:X};"),
    odd_code_points.map(lambda code: f"&#{code}"),  # ";" is optional when no digit follows
    odd_code_points.filter(lambda code: not 0xD800 <= code <= 0xDFFF and code < 0x110000).map(chr),
    st.sampled_from(["&nbsp;", "<br>", "<!-- note -->"]),
)


@settings(max_examples=50, deadline=None)
@given(noises=st.lists(st.lists(noise, max_size=4).map("".join), min_size=len(STORY), max_size=len(STORY)))
def test_a_page_keeps_its_article_whatever_odd_characters_it_holds(noises):
    paragraphs = "".join(f"<p>{junk}{sentence}</p>" for sentence, junk in zip(STORY, noises))
    page = f"<html><head><title>Navies drill</title></head><body><article>{paragraphs}</article></body></html>"
    article = read_html(page.encode("utf-8"), "page.html")
    for sentence in STORY:
        assert sentence in article.text


# ------------------------------------------------------------------ a folder of bad and odd inputs

INJECTION = """The communiqué called the talks "frank; useful; and overdue" and noted, in passing, that '); drop table x; -- is not a defence policy."""


def story(*lead: str) -> list[str]:
    """Paragraphs of an English news story: the given lead, then context of its own."""
    return [
        *lead,
        "Officials from both ministries said working groups would meet again within six months to review training exchanges, logistics and the sharing of maritime information.",
        "Analysts said the step reflected growing concern in both capitals about the security of sea lanes and undersea cables in the region.",
    ]


def text_file(headline: str, paragraphs: list[str], line_end: str = "\n") -> str:
    return line_end.join([headline, "", *"\n\n".join(paragraphs).split("\n")]) + line_end


MEETING = story(
    "The defence ministers of India and Japan met in Tokyo on Friday, March 12, 2021 and agreed to expand maritime cooperation, officials said.",
    INJECTION,
)
UTF16 = story("The defence ministers of France and Germany met in Paris on 4 May 2022 to discuss joint procurement of tanks and aircraft.")
CP1252 = story("Spain and Portugal held a joint naval exercise off Cádiz on 9 October 2019, the “largest” in a decade – the navies said.")
CRLF = story("Poland and Lithuania signed a defence cooperation agreement in Vilnius on 2 February 2018, the two governments said.")
NUL = story("The defence ministers of Vietnam and the Philippines met in Hanoi on 15 August 2023 to discuss coast guard patrols.")
ZURICH = story("The defence ministers of Chile and Peru met in Zürich on 6 June 2017 during a conference on peacekeeping in São Paulo’s absence.")
COLLIDING = (
    story("The armies of Kenya and Uganda held a joint border exercise near Busia on 4 April 2022, officials said."),
    story("The armies of Kenya and Tanzania held a joint border exercise near Namanga on 5 April 2022, officials said."),
)
EXERCISE = story("The navies of Australia and Indonesia began a joint exercise in the Arafura Sea on 3 May 2022, the defence force said.")
AGREEMENT = story("Brazil and Argentina signed a memorandum of understanding on defence industry cooperation in Brasília on 8 June 2020.")
LABELLED = story("The defence ministers of Norway and Sweden met in Oslo on 10 September 2019 to discuss air policing.")
NAMESAKE = story("Egypt and Greece signed a naval cooperation agreement in Athens on 30 November 2021, the ministries said.")
SURROGATE = story("The defence ministers of Kenya and Tanzania met in Arusha on 21 January 2021 to discuss border security.")
SCRIPTED = (
    "The defence ministers of Ghana and Togo met in Lome on 14 March 2023 to discuss maritime security, officials said. "
    "Both navies will send patrol boats to a joint drill."
)
BOMBED = "The chiefs of the Egyptian and Sudanese armies met in Khartoum on 2 March 2021 and signed a military cooperation agreement."
FILLER = "The weather in the port was mild all week and the markets were calm as traders waited for new figures on prices."
LONG_EVENT = "The defence ministers of Ghana and Togo met in Lome on 14 March 2023 to discuss maritime security."
FAR_FUTURE = story("The navies of Ghana and Nigeria will hold a joint naval exercise in the Gulf of Guinea in 2045, officials said.")
DATED_FUTURE = story("The defence ministers of Senegal and Gambia met in Dakar on Monday to discuss border patrols.")
DATED_PAST = story("The army chiefs of Benin and Niger met in Cotonou on Tuesday to discuss joint counter-terrorism training.")
DISAGREEING = story("NAIROBI, March 9, 2022 (Wire) - The defence ministers of Kenya and Tanzania met in Arusha on Monday to discuss border security.")
STRAY = (
    "The defence ministers of Chile and Peru met in São Paulo on 6 June 2017 to discuss border security.",
    "The navies of Côte d'Ivoire and Ghana held a joint drill off Abidjan on 3 May 2019, officials said.",
)
BIG_RECORD_EVENT = "The army chiefs of Zambia and Malawi met in Lusaka on 6 June 2023 to plan joint border patrols."
DATED_IMPOSSIBLE = story("The defence ministers of Kenya and Uganda met in Nairobi on Wednesday to discuss a joint border exercise.")
FRENCH = (
    "Les ministres de la Défense des deux pays se sont réunis mardi dans la capitale et ont convenu d'organiser "
    "un exercice naval conjoint plus tard dans l'année, ont indiqué des responsables. Les deux parties ont aussi "
    "évoqué la sécurité maritime, les échanges de formation et la protection des câbles sous-marins, selon un "
    "communiqué publié après les entretiens qui se sont tenus dans une ambiance cordiale et constructive."
)


def html_page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title>"
        '<meta property="article:published_time" content="2022-05-03T08:00:00+09:00"></head>'
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>© Example News</footer></body></html>"
    )


def write_bad_folder(raw: Path, outside: Path) -> tuple[Counter, dict[tuple[str, str | None], str]]:
    """Write the inputs; return the expected (source_file, record_id, outcome) rows and the articles' exact texts."""
    expected: Counter = Counter()
    texts: dict[tuple[str, str | None], str] = {}

    def put(name: str, data: str | bytes, *outcomes: tuple[str | None, str]) -> None:
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        expected.update((name, record_id, outcome) for record_id, outcome in outcomes or [(None, "article")])

    put("meeting.txt", text_file("India and Japan agree to deepen naval ties", MEETING))
    texts[("meeting.txt", None)] = "\n\n".join(MEETING)
    # The same article saved again with CRLF, trailing spaces and extra blank lines: the same cleaned text.
    put(
        "nested/deeper/meeting (copy).txt",
        text_file("India and Japan agree to deepen naval ties  ", MEETING, "\r\n").replace("\r\n\r\n", "\r\n \r\n\r\n"),
        (None, "duplicate_content"),
    )
    # A reference to a character XML cannot hold ("&#1;") made trafilatura drop the whole page.
    put("exercise.html", html_page("Australia and Indonesia start naval drill", EXERCISE).replace("region.", "region.&#1;&#xFFFE;"))
    texts[("exercise.html", None)] = "\n\n".join(EXERCISE)
    put("encodings/utf16 report.txt", codecs.BOM_UTF16_LE + text_file("France and Germany talk procurement", UTF16, "\r\n").encode("utf-16-le"))
    texts[("encodings/utf16 report.txt", None)] = "\n\n".join(UTF16)
    put("encodings/cp1252 report.txt", text_file("Iberian navies drill", CP1252, "\r\n").encode("cp1252"))
    texts[("encodings/cp1252 report.txt", None)] = "\n\n".join(CP1252)
    put("encodings/crlf report.txt", text_file("Poland and Lithuania sign defence pact", CRLF, "\r\n"))
    texts[("encodings/crlf report.txt", None)] = "\n\n".join(CRLF)
    put("encodings/nul bytes.txt", text_file("Vietnam and Philippines talk patrols", NUL).replace("defence", "def\x00ence").encode("utf-8"))
    texts[("encodings/nul bytes.txt", None)] = "\n\n".join(NUL)
    put("nested/Ünïcödé folder/talks in Zürich 会談.txt", text_file("Chile and Peru meet in Zürich", ZURICH))
    texts[("nested/Ünïcödé folder/talks in Zürich 会談.txt", None)] = "\n\n".join(ZURICH)
    # Two batch names equal after normalisation ("drill report.txt" is made safe as "drill_report.txt"): both read.
    put("drill report.txt", text_file("Kenya and Uganda hold border drill", COLLIDING[0]))
    texts[("drill report.txt", None)] = "\n\n".join(COLLIDING[0])
    put("drill_report.txt", text_file("Kenya and Tanzania hold border drill", COLLIDING[1]))
    texts[("drill_report.txt", None)] = "\n\n".join(COLLIDING[1])

    records = [
        json.dumps({"id": "r1", "title": "Brazil and Argentina sign defence MOU", "published": "2020-06-08", "text": "\n\n".join(AGREEMENT)}),
        '{"id": "r2", "text": "unterminated',
        json.dumps({"id": "r3", "title": "A record without a body"}),
        json.dumps({"id": "r1", "text": "\n\n".join(MEETING[::-1])}),
        json.dumps({"text": "\n\n".join(EXERCISE[::-1])}),
        # JSON escapes of a NUL and of a lone surrogate: the decoded string is not valid text.
        json.dumps({"id": "r4\u0000", "text": "\n\n".join(SURROGATE)}).replace("Arusha", "Aru\\u0000sha \\ud800"),
        json.dumps({"id": 5, "text": "x", "extra": int("9" * 100)}).replace("9" * 100, "9" * 5000),
        json.dumps({"id": "r5.txt", "text": "\n\n".join(LABELLED)}),
        "[" * 100_000,
        "",
        "   ",
    ]
    put(
        "wire/records.jsonl",
        "\r\n".join(records) + "\r\n",
        ("r1", "article"),
        (None, "malformed_json"),
        ("r3", "missing_text"),
        ("r1", "duplicate_record_id"),
        (None, "missing_record_id"),
        ("r4", "article"),
        (None, "malformed_json"),
        ("r5.txt", "article"),
        (None, "malformed_json"),
    )
    texts[("wire/records.jsonl", "r1")] = "\n\n".join(AGREEMENT)
    texts[("wire/records.jsonl", "r4")] = "\n\n".join(SURROGATE).replace("Arusha", "Arusha \ufffd")
    texts[("wire/records.jsonl", "r5.txt")] = "\n\n".join(LABELLED)
    # A file named like that record's label ("file#record"): a different article with its own id.
    put("wire/records.jsonl#r5.txt", text_file("Egypt and Greece sign naval pact", NAMESAKE))
    texts[("wire/records.jsonl#r5.txt", None)] = "\n\n".join(NAMESAKE)

    # One paragraph of over a million characters (spaCy refuses such a text) with an event in it.
    # A stray invalid byte in one record of a larger feed: that record reads with one odd character, and the
    # others, accents and all, read as written.
    feed = [(f"s{number}", f"{STRAY[number % len(STRAY)]} Report {number}.") for number in range(40)]
    lines = [json.dumps({"id": record_id, "text": text}, ensure_ascii=False).encode("utf-8") for record_id, text in feed]
    lines[16] = lines[16].replace(b"border", b"bor\xffder")
    put("stray byte.jsonl", b"\n".join(lines) + b"\n", *((record_id, "article") for record_id, _ in feed))
    texts.update({("stray byte.jsonl", record_id): text for record_id, text in feed})
    # its own line read as cp1252: the stray byte is "ÿ", and that line's own accent two odd characters
    texts[("stray byte.jsonl", "s16")] = feed[16][1].replace("border", "borÿder").replace("São", "SÃ£o")
    # A .jsonl line of several megabytes, under the size cap: read whole, its event found.
    big_text = "\n\n".join([f"{FILLER} Report {number}." for number in range(30_000)] + [BIG_RECORD_EVENT])
    put("big record.jsonl", json.dumps({"id": "big-1", "published": "2023-06-08", "text": big_text}) + "\n", ("big-1", "article"))
    texts[("big record.jsonl", "big-1")] = big_text
    long_paragraph = " ".join([FILLER] * 5_000 + [LONG_EVENT] + [FILLER] * 5_000)
    put("long paragraph.txt", text_file("A very long report", [long_paragraph]))
    texts[("long paragraph.txt", None)] = long_paragraph
    # An event year no plausible build holds: the article is read, its mention rejected with the reason.
    put("far future drill.txt", text_file("Navies plan a drill", FAR_FUTURE))
    texts[("far future drill.txt", None)] = "\n\n".join(FAR_FUTURE)
    # Publication dates far in the future, before 1900, impossible: read, the date left unknown.
    # ... and a date field the text's dateline disagrees with: the record's field is the publisher's, and wins.
    dated = [
        ("d1", "2999-01-01", DATED_FUTURE), ("d2", "1700-05-01", DATED_PAST), ("d3", "2021-02-30", DATED_IMPOSSIBLE),
        ("d4", "2021-03-05", DISAGREEING),
    ]
    put(
        "dates.jsonl",
        "".join(json.dumps({"id": record_id, "published": value, "text": "\n\n".join(text)}) + "\n" for record_id, value, text in dated),
        *((record_id, "article") for record_id, _, _ in dated),
    )
    texts.update({("dates.jsonl", record_id): "\n\n".join(text) for record_id, _, text in dated})

    # Scripts and event handlers: the page is read, and no script or attribute text reaches the article.
    scripted = (
        '<html><head><script>var leaked = "script text";</script></head><body onload="alert(1)">'
        f'<p onclick="steal()">{SCRIPTED}</p><script>document.write("injected text")</script></body></html>'
    )
    put("scripted.html", scripted)
    texts[("scripted.html", None)] = SCRIPTED
    # An entity bomb: its entities are never expanded, and their references never reach the text.
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        f"<html><body><p>&lol3;</p><p>{BOMBED}</p></body></html>"
    )
    put("entity bomb.html", bomb)
    texts[("entity bomb.html", None)] = BOMBED
    # Markup nested past the parser's depth: no article text can be found in it.
    put("deeply nested.html", "<html><body>" + "<div>" * 5_000 + f"<p>{SCRIPTED}</p>" + "</div>" * 5_000 + "</body></html>",
        (None, "no_article_text"))
    # Archives are never opened, so none can expand: this gzip of 200 members is 2 MB and would expand to 2 GB.
    put("feed.jsonl.gz", gzip.compress(b"\0" * 10_000_000) * 200, (None, "unsupported_format"))
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        zipped.writestr("inner.txt", "\0" * 10_000_000)
    put("articles.zip", archive.getvalue(), (None, "unsupported_format"))

    put("empty.txt", b"", (None, "empty"))
    put("whitespace only.html", " \r\n\t \n", (None, "empty"))
    put("no records.jsonl", "\n  \n\n", (None, "empty"))
    put("photo.txt", bytes(range(256)) * 64, (None, "binary"))
    put("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", (None, "unsupported_format"))
    put("README", "Raw articles go in this folder.\n", (None, "unsupported_format"))
    put("nav only.html", "<html><body><nav><a href='/'>Home</a> | <a href='/about'>About</a></nav><p>Subscribe</p></body></html>", (None, "no_article_text"))
    put("nouvelles.txt", text_file("Exercice naval conjoint", [FRENCH]), (None, "non_english"))
    with open(raw / "huge.txt", "wb") as huge:  # 40 MB, sparse: takes no disk space, must not be read
        huge.truncate(40 * 1024 * 1024)
    with open(raw / "just too large.txt", "wb") as huge:
        huge.truncate(MAX_INPUT_BYTES + 1)
    expected[("just too large.txt", None, "too_large")] += 1
    expected[("huge.txt", None, "too_large")] += 1
    secret = outside / "secret.txt"
    secret.write_text(text_file("Outside the raw folder", story("A file outside the raw folder must never be read.")))
    (raw / "outside link.txt").symlink_to(secret)
    (raw / "outside folder").symlink_to(outside, target_is_directory=True)
    expected.update([("outside link.txt", None, "symlink_outside"), ("outside folder", None, "symlink_outside")])
    (raw / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")  # hidden: not an input, no row
    return expected, texts


def sorted_rows(warehouse: Path, table: str) -> list[tuple]:
    return sorted(query(warehouse, f"select * from {table}"), key=repr)


@pytest.fixture(scope="module")
def bad_folder(tmp_path_factory) -> tuple[Path, Counter, dict[tuple[str, str | None], str]]:
    base = tmp_path_factory.mktemp("bad_inputs")
    outside = base / "outside"
    outside.mkdir()
    raw = base / "raw"
    raw.mkdir()
    expected, texts = write_bad_folder(raw, outside)
    return raw, expected, texts


@pytest.fixture(scope="module")
def bad_build(bad_folder, tmp_path_factory):
    raw, _, _ = bad_folder
    return build_warehouse(raw, tmp_path_factory.mktemp("first_build"))


@pytest.fixture(scope="module")
def rebuild(bad_folder, bad_build, tmp_path_factory):
    """The same folder built again over the same warehouse files; the first build is kept as a copy."""
    raw, _, _ = bad_folder
    _, warehouse = bad_build
    first = tmp_path_factory.mktemp("first_copy") / "warehouse.duckdb"
    shutil.copyfile(warehouse, first)
    result, rebuilt = build_warehouse(raw, warehouse.parent)
    return result, first, rebuilt


def test_the_run_over_bad_inputs_succeeds_with_every_check_passing(bad_build):
    result, _ = bad_build
    assert result.success
    assert [c.check_name for c in result.get_asset_check_evaluations() if not c.passed] == []


def test_every_input_is_accounted_for_once_with_its_reason(bad_folder, bad_build):
    _, expected, _ = bad_folder
    _, warehouse = bad_build
    rows = query(warehouse, """
        select source_file, record_id, 'article' from raw.articles
        union all select source_file, record_id, reason from raw.quarantine""")
    assert Counter(rows) == expected
    assert query(warehouse, "select count(*) from raw.quarantine where detail is null or seen_at is null") == [(0,)]
    assert query(warehouse, "select detail from raw.quarantine where reason = 'duplicate_content'") == [("same cleaned text as meeting.txt",)]
    # Users read the same accounting from the marts.
    marts = query(warehouse, """
        select source_file, record_id, 'article' from marts.dim_article
        union all select source_file, record_id, reason from marts.quarantine""")
    assert Counter(marts) == expected


def test_article_text_survives_intact(bad_folder, bad_build):
    _, _, texts = bad_folder
    _, warehouse = bad_build
    stored = {
        (source_file, record_id): text
        for source_file, record_id, text in query(warehouse, "select source_file, record_id, text from raw.articles")
    }
    assert stored == texts
    assert query(warehouse, "select count(distinct article_id) = count(*) from raw.articles") == [(True,)]
    # Content went in as data, never as SQL: the sentence is there verbatim and no table x appeared.
    assert query(warehouse, "select count(*) from raw.articles where contains(text, $$'); drop table x; --$$)") == [(1,)]
    assert query(warehouse, "select count(*) from information_schema.tables where table_name = 'x'") == [(0,)]


def test_no_file_outside_the_raw_folder_is_read(bad_build):
    _, warehouse = bad_build
    assert query(warehouse, "select count(*) from raw.articles where contains(text, 'outside the raw folder')") == [(0,)]


def test_two_builds_of_one_folder_give_the_same_warehouse(rebuild):
    result, first, second = rebuild
    assert result.success
    fact_tables = [
        f"marts.{name}"
        for (name,) in query(second, "select table_name from information_schema.tables where table_schema = 'marts' and table_name like 'fct%' order by 1")
    ]
    assert {"marts.fct_meetings", "marts.fct_exercises", "marts.fct_agreements", "marts.fct_dyad_year"} <= set(fact_tables)
    for table in ["raw.articles", "raw.quarantine", "raw.event_mentions", *fact_tables]:
        assert sorted_rows(first, table) == sorted_rows(second, table), table
    event_ids = "select event_id from marts.fct_events order by 1"
    assert query(first, event_ids) == query(second, event_ids)
    assert len(query(second, event_ids)) >= 3, "the good articles give events, so the comparison means something"


def test_an_overlong_paragraph_an_implausible_year_and_implausible_dates_never_withhold_the_warehouse(bad_build):
    _, warehouse = bad_build
    # the paragraph of a million characters was parsed, in bounded pieces
    assert query(warehouse, """
        select count(*) > 0 from raw.event_mentions join raw.articles using (article_id)
        where source_file = 'long paragraph.txt' and country_a = 'GHA' and country_b = 'TGO'""") == [(True,)]
    # the drill planned for 2045 is rejected with its reason, and no event of the warehouse has that year
    assert query(warehouse, """
        select distinct reason, year from intermediate.int_event_mentions_rejected join raw.articles using (article_id)
        where source_file = 'far future drill.txt'""") == [("implausible_year", 2045)]
    assert query(warehouse, "select count(*) from marts.fct_events where year > 2040") == [(0,)]
    # publication dates no article can have are left unknown, never used
    assert query(warehouse, "select record_id, published, published_from from raw.articles where source_file = 'dates.jsonl' order by 1") == [
        ("d1", None, None), ("d2", None, None), ("d3", None, None), ("d4", date(2021, 3, 5), "record_field"),
    ]
    # the record's date dates its events: "on Monday" before 5 March 2021
    assert query(warehouse, """
        select distinct year, month, day from raw.event_mentions join raw.articles using (article_id)
        where source_file = 'dates.jsonl' and record_id = 'd4' and evidence like '%Arusha%'""") == [(2021, 3, 1)]
    # the line of several megabytes was read whole and its event found
    assert query(warehouse, """
        select distinct country_a, country_b, year from raw.event_mentions join raw.articles using (article_id)
        where source_file = 'big record.jsonl'""") == [("MWI", "ZMB", 2023)]
