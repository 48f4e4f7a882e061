"""The .html reader: trafilatura's main text, the page's metadata and JSON-LD dates, and its URL."""

from __future__ import annotations

import html.entities
import json
import re
from datetime import date
from pathlib import Path

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from transforms.ingest.cleaning import clean_text
from transforms.ingest.decoding import clean_field, decode_text, normalise_text
from transforms.ingest.paragraphs import is_prose
from transforms.ingest.published import find_published_date, parse_metadata_date, url_date
from transforms.ingest.records import Article, InputRejected, QuarantineReason


_NUMERIC_REFERENCE = re.compile(r"&#(?:[xX](?P<hex>[0-9a-fA-F]+)|(?P<decimal>[0-9]+));?")
_NOT_IN_XML = frozenset(range(32)) - {9, 10, 13} | {0xFFFE, 0xFFFF}


def _drop_references_xml_cannot_hold(markup: str) -> str:
    """"&#1;", "&#xFFFE;": trafilatura builds an XML tree and discards the whole page over one of them."""

    def replace(match: re.Match) -> str:
        code = int(match["hex"], 16) if match["hex"] else int(match["decimal"])
        return "" if code in _NOT_IN_XML else match[0]

    return _NUMERIC_REFERENCE.sub(replace, markup)


# A named reference HTML does not define ("&lol3;" of an entity bomb's DTD): never expanded, and markup, not text.
_NAMED_REFERENCE = re.compile(r"&(?P<name>[A-Za-z][A-Za-z0-9]*);")


def _drop_undefined_entity_references(markup: str) -> str:
    return _NAMED_REFERENCE.sub(lambda match: match[0] if f"{match['name']};" in html.entities.html5 else "", markup)


def read_html(data: bytes, source_file: str) -> Article:
    markup = _drop_undefined_entity_references(_drop_references_xml_cannot_hold(decode_text(data)))
    if not markup.strip():
        raise InputRejected(QuarantineReason.EMPTY, "the file is empty or only whitespace")
    # Extraction works on the string only: trafilatura fetches nothing unless
    # asked to (fetch_url), and lxml's HTML parser resolves no external entities.
    document = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    extracted = (document.text or "") if document is not None else ""
    title = clean_field(document.title) if document is not None else None
    # trafilatura writes one block a line: each line is a paragraph.
    paragraphs = clean_text("\n\n".join(extracted.split("\n"))).split("\n\n")
    if paragraphs and paragraphs[0] == title:  # an <h1> inside the article element
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    # Without an article trafilatura returns any text it finds ("Home", "Subscribe").
    if not any(is_prose(paragraph) for paragraph in paragraphs):
        raise InputRejected(QuarantineReason.NO_ARTICLE_TEXT, "no article text found in the page")
    url = clean_field(document.url)  # the canonical or og:url link
    tree = _parse(markup)
    body = "\n\n".join(filter(None, [body, *_fact_boxes(tree)]))
    published, published_from = _html_published(tree, document.date, url, Path(source_file).name, body)
    return Article(
        source_file=source_file,
        record_id=None,
        text=body,
        title=title,
        url=url,
        source=clean_field(document.sitename),
        published=published,
        published_from=published_from,
    )


_META_PUBLISHED = frozenset(
    {
        "article:published_time",
        "og:published_time",
        "og:article:published_time",
        "datepublished",
        "pubdate",
        "publishdate",
        "publish-date",
        "publication_date",
        "dc.date.issued",
        "dcterms.issued",
    }
)


def _parse(markup: str):
    parser = lxml_html.HTMLParser(encoding="utf-8", no_network=True, remove_comments=True)
    return lxml_html.fromstring(markup.encode("utf-8"), parser=parser)


def _html_published(
    tree, extracted_date: str | None, url: str | None, file_name: str, body: str
) -> tuple[date | None, str | None]:
    """Meta tags, JSON-LD, the URL, htmldate's other finds (<time> elements...), then the page's text.

    The meta tags and JSON-LD are read here, and not left to htmldate, for two reasons: htmldate returns
    a date without the place it was read from, which `published_from` tells the analyst; and it trusts
    a date in the URL before the publisher's metadata, while a CMS writes the metadata at publication.

    The page's text is every block of the page, not only trafilatura's body: a byline or
    "Updated" line above the article is no body paragraph.
    """
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key in _META_PUBLISHED:
            found = parse_metadata_date(meta.get("content"))
            if found:
                return found, "metadata"
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            found = _json_ld_published(script.text or "")
            if found:
                return found, "json_ld"
    in_url = next(filter(None, map(url_date, [url, *_page_urls(tree)])), None)
    if in_url:
        return in_url, "url"
    found = parse_metadata_date(extracted_date)
    if found:  # htmldate's: other meta tags, <time> elements, elements classed as dates or bylines
        return found, "htmldate"
    published, published_from = find_published_date(_page_text(tree), file_name, url)
    if published is None:
        published, published_from = find_published_date(body, file_name, url)
    return published, published_from


def _page_urls(tree) -> list[str]:
    links = [link.get("href") for link in tree.iter("link") if (link.get("rel") or "").lower() == "canonical"]
    metas = [meta.get("content") for meta in tree.iter("meta") if (meta.get("property") or "").lower() == "og:url"]
    return [url for url in links + metas if url]


_BLOCK_TAGS = frozenset(
    {"p", "div", "li", "td", "br", "figure", "figcaption", "header", "section", "h1", "h2", "h3", "h4", "h5", "h6"}
)
_UNREAD_TAGS = frozenset({"script", "style", "noscript", "nav", "footer"})


def _page_text(tree) -> str:
    """The cleaned text of the page's article element (else its body), one paragraph a block."""
    root = next(tree.iter("article"), None)
    if root is None:
        root = next(tree.iter("body"), tree)
    return _block_text(root)


def _fact_boxes(tree) -> list[str]:
    """The paragraphs of the article's own boxes ("At a glance: ... Taking part: Belgium, Bulgaria ..."),
    which trafilatura drops with every <aside>. A box of links ("Read also", "Related") is navigation."""
    article = next(tree.iter("article"), None)
    paragraphs: list[str] = []
    for box in article.iter("aside") if article is not None else ():
        text = " ".join(box.text_content().split())
        linked = sum(len(" ".join(link.text_content().split())) for link in box.iter("a"))
        if text and linked < len(text) / 2:
            paragraphs += [paragraph for paragraph in _block_text(box).split("\n\n") if paragraph.strip()]
    return paragraphs


def _block_text(root) -> str:
    """The cleaned text under `root`, one paragraph a block, without scripts, navigation and footers."""
    parts: list[str] = []
    unread_depth = 0  # inside a <script>, <nav>...
    # iterwalk, not recursion: a hostile page may nest thousands of elements deep
    for event, element in etree.iterwalk(root, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag in _UNREAD_TAGS:
            unread_depth += 1 if event == "start" else -1
        if unread_depth:
            continue
        parts.append("\n\n" if tag in _BLOCK_TAGS else "")
        parts.append((element.text if event == "start" else element.tail if element is not root else "") or "")
    return clean_text(normalise_text("".join(parts)))


def _json_ld_published(source: str) -> date | None:
    try:
        data = json.loads(source)
    except json.JSONDecodeError:
        return None
    pending = [data]
    while pending:
        item = pending.pop(0)
        if isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, dict):
            found = parse_metadata_date(item.get("datePublished"))
            if found:
                return found
            pending.extend(value for value in item.values() if isinstance(value, (dict, list)))
    return None
