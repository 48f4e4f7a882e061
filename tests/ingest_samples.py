"""Sample article text and helpers shared by the tests of transforms/ingest (tests/test_ingest_*.py)."""

from pathlib import Path

BODY = [
    "The defence ministers of Freedonia and Sylvania met in the capital on Tuesday and agreed to hold a joint naval exercise later this year, officials said.",
    "The two sides also discussed maritime security, training exchanges and the protection of undersea cables, according to a statement issued after the talks.",
    "Analysts said the meeting marked a new stage in a relationship that had been strained for several years by a dispute over fishing rights.",
    "The exercise is expected to involve frigates, patrol aircraft and a submarine, and will be held off the southern coast in the autumn.",
]
ARTICLE_TEXT = "\n\n".join(BODY)
GERMAN = (
    "Die Verteidigungsminister beider Länder trafen sich am Dienstag in der Hauptstadt und vereinbarten "
    "eine gemeinsame Marineübung im Herbst. Beide Seiten sprachen auch über maritime Sicherheit, "
    "Ausbildung und den Schutz von Unterseekabeln, wie es in einer Erklärung nach den Gesprächen hieß. "
    "Fachleute sagten, das Treffen markiere eine neue Phase in einer Beziehung, die seit Jahren durch "
    "einen Streit über Fischereirechte belastet war."
)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Freedonia and Sylvania agree naval drill | The Example Times</title>
<meta property="og:title" content="Freedonia and Sylvania agree naval drill">
<meta property="og:url" content="https://times.example/defence/naval-drill">
{meta}
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>Freedonia and Sylvania agree naval drill</h1>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<div class="body">{paragraphs}</div>
</article>
<aside class="related"><h3>Related stories</h3><ul>
<li><a href="/a">Harbour dredging contract awarded to local firm</a></li>
<li><a href="/b">Opposition questions the cost of new patrol boats</a></li></ul></aside>
<section class="comments"><h3>Comments (2)</h3>
<div class="comment"><p>Great news for the coastal towns, finally some cooperation.</p></div>
<div class="comment"><p>I doubt the drill will change anything at all for the fishermen.</p></div></section>
</main><footer><p>&copy; The Example Times</p></footer></body></html>"""


def html_page(meta: str = "", body: list[str] = BODY) -> bytes:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body)
    return HTML_PAGE.format(meta=meta, paragraphs=paragraphs).encode("utf-8")
