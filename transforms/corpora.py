"""Several gold corpora scored as one warehouse, and named sets of their articles scored apart.

One gold file is scored as it always was: its folder is the raw folder and the
gold's article keys are the warehouse's. Several gold files are built as one
raw folder holding each gold file's folder as a subfolder named after it
(``dev/``, ``dev2/``; a repeated name becomes ``dev-2``), so each gold key is
prefixed with its subfolder, as the warehouse's ``source_file`` is.

The tables: "all" (every gold record); with ``by_corpus``, one per corpus; and
one per part. A part file lists article keys as its own gold.jsonl writes them,
one a line (blank lines and lines starting with ``#`` are skipped), and belongs
to the one gold file that annotates every key it lists. ``NAME=FILE`` is the
listed articles; ``NAME=-FILE`` is the rest of that corpus.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from transforms.scoring import Scores, format_scores, read_gold, score_figures

ALL_TABLE = "all"


@dataclass(frozen=True)
class Corpus:
    subfolder: str  # its folder's name in the combined raw folder; "" when scored alone
    folder: Path  # the gold file's folder, which holds the articles
    gold: list[dict]  # as the gold file writes them

    def key(self, article: str) -> str:
        """The warehouse's key of one of its articles."""
        return f"{self.subfolder}/{article}" if self.subfolder else article

    def keyed_gold(self) -> list[dict]:
        return [{**record, "article": self.key(record["article"])} for record in self.gold]


@dataclass(frozen=True)
class Part:
    name: str
    path: Path
    rest: bool  # the corpus's articles other than the listed ones


@dataclass(frozen=True)
class ArticleSet:
    """One table: a name, what it holds, and its gold records keyed as the warehouse."""

    name: str
    description: str
    gold: list[dict]

    @property
    def articles(self) -> set[str]:
        return {record["article"] for record in self.gold}


def subfolder_names(folders: list[Path]) -> list[str]:
    """Each folder's name, with -2, -3... added to a name already taken."""
    names: list[str] = []
    for folder in folders:
        name, number = folder.name, 2
        while name in names:
            name, number = f"{folder.name}-{number}", number + 1
        names.append(name)
    return names


def read_corpora(gold_paths: list[Path]) -> list[Corpus]:
    folders = [path.parent for path in gold_paths]
    subfolders = subfolder_names(folders) if len(gold_paths) > 1 else [""]
    return [Corpus(subfolder, folder, read_gold(path)) for subfolder, folder, path in zip(subfolders, folders, gold_paths)]


def all_gold(corpora: list[Corpus]) -> list[dict]:
    """Every corpus's records, keyed as the warehouse."""
    return [record for corpus in corpora for record in corpus.keyed_gold()]


def parse_part(text: str) -> Part:
    """NAME=FILE, or NAME=-FILE for the rest of the corpus."""
    name, equals, path = text.partition("=")
    if not equals or not name or path in ("", "-"):
        raise ValueError(f"--part {text!r}: expected NAME=FILE or NAME=-FILE")
    rest = path.startswith("-")
    return Part(name, Path(path.removeprefix("-")), rest)


def read_article_keys(path: Path) -> list[str]:
    """The keys of a part file; a key may hold "#" (feed.jsonl#ID), so only a line starting with "#" is a comment."""
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def part_corpus(corpora: list[Corpus], keys: set[str], path: Path) -> Corpus:
    """The one corpus whose gold annotates every key of the part file."""
    holders = [corpus for corpus in corpora if keys <= {record["article"] for record in corpus.gold}]
    if len(holders) == 1:
        return holders[0]
    if holders:
        raise ValueError(f"{path}: every article it lists is in more than one gold file; a part names articles of one")
    unknown = keys - {record["article"] for corpus in corpora for record in corpus.gold}
    if unknown:
        raise ValueError(f"{path}: no gold record for {', '.join(sorted(unknown))} (keys are written as in their gold.jsonl)")
    raise ValueError(f"{path}: its articles are in several gold files; a part names articles of one")


def part_set(corpora: list[Corpus], part: Part) -> ArticleSet:
    keys = set(read_article_keys(part.path))
    if not keys:
        raise ValueError(f"{part.path}: lists no article")
    corpus = part_corpus(corpora, keys, part.path)
    listed = {corpus.key(key) for key in keys}
    gold = [record for record in corpus.keyed_gold() if (record["article"] in listed) != part.rest]
    articles = f"{corpus.subfolder} articles" if corpus.subfolder else "articles"
    description = f"the {articles} {'not in' if part.rest else 'of'} {part.path}"
    return ArticleSet(part.name, description, gold)


def article_sets(corpora: list[Corpus], parts: list[Part], by_corpus: bool) -> list[ArticleSet]:
    """The tables to print, in order: all, each corpus (with by_corpus and more than one), each part."""
    sets = [ArticleSet(ALL_TABLE, "every gold file", all_gold(corpora))]
    if by_corpus and len(corpora) > 1:
        sets += [ArticleSet(corpus.subfolder, str(corpus.folder), corpus.keyed_gold()) for corpus in corpora]
    sets += [part_set(corpora, part) for part in parts]
    names = [article_set.name for article_set in sets]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ValueError(f"two tables are named {', '.join(repeated)}; give each part a name of its own")
    return sets


def _gold_events(article_set: ArticleSet) -> tuple[int, int]:
    events = [event for record in article_set.gold for event in record["events"]]
    return len(events), sum(event.get("optional", False) for event in events)


def format_tables(results: list[tuple[ArticleSet, Scores]]) -> str:
    """Each table headed by its name, what it holds and its article and gold-event counts."""
    blocks = []
    for article_set, scores in results:
        n_events, n_optional = _gold_events(article_set)
        heading = (
            f"== {article_set.name}: {len(article_set.gold)} articles, {n_events} gold events "
            f"({n_optional} optional); {article_set.description}"
        )
        blocks.append(f"{heading}\n{format_scores(scores)}")
    return "\n\n".join(blocks)


def tables_figures(results: list[tuple[ArticleSet, Scores]]) -> dict[str, dict]:
    """Every table's counts and figures by name, for --json."""
    figures = {}
    for article_set, scores in results:
        n_events, n_optional = _gold_events(article_set)
        figures[article_set.name] = {
            "description": article_set.description,
            "articles": len(article_set.gold),
            "gold_events": n_events,
            "optional_gold_events": n_optional,
            "types": score_figures(scores),
            "unannotated_articles": scores.unannotated_articles,
        }
    return figures
