"""Measuring linking: precision and recall on a file of (entry, policy, should link) pairs.

The pairs file (tests/fixtures/link/pairs.json) names the files to ingest, the entries to judge (a brief
file's entry by section and rank or by a word of its text, or an English-only copy of one: its Chinese title
dropped) and the pairs. Every listed entry is judged against every policy in the store: a link is right
when the pair is listed as linking, wrong otherwise, so a link to a policy nobody thought of counts against
precision. Asserted links are measured on their own and together with proposed ones.

bench/link_eval.py prints the numbers; tests/link/test_link_eval.py keeps their floors.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from policywatch.link.embedding import Embedder, using_embedder
from policywatch.link.tables import links_where
from policywatch.pipeline import parse_file
from policywatch.records import Brief, Entry, Record, Source, Unparsed
from policywatch.store import Store, open_store
from policywatch.store.record_codec import record_to_json

Order = Literal["briefs first", "policies first"]


@dataclass(frozen=True)
class EntrySpec:
    """Which entry: `file`'s entry in `section` with `rank` or containing `contains`; or (`copy_of`) an
    English-only copy of another spec's entry."""

    key: str
    file: str | None = None
    section: str = "top"
    rank: int | None = None
    contains: str | None = None
    copy_of: str | None = None


@dataclass(frozen=True)
class PairSpec:
    entry: str
    policy: str  # a file key whose record is a policy
    link: bool
    kind: str  # what the pair tests, for the breakdown ("zh title", "EN only, dated", "hard negative" …)


@dataclass(frozen=True)
class EvalSet:
    files: dict[str, str]  # key → "shared:relative/path" or "repo:relative/path"
    entries: dict[str, EntrySpec]
    pairs: tuple[PairSpec, ...]


@dataclass
class Tally:
    """Counts for one reading of the links (asserted only, or asserted and proposed)."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0
    mistakes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        positives = self.true_positive + self.false_negative
        return self.true_positive / positives if positives else 1.0


@dataclass(frozen=True)
class EvalResult:
    embedder: str
    order: Order
    asserted: Tally
    any_status: Tally
    recall_by_kind: dict[str, tuple[int, int]]  # kind → (asserted found, positives)


def load_pairs(path: Path) -> EvalSet:
    """Read a pairs file."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    entries = {key: EntrySpec(key=key, **spec) for key, spec in data["entries"].items()}
    pairs = tuple(PairSpec(**pair) for pair in data["pairs"])
    return EvalSet(files=dict(data["files"]), entries=entries, pairs=pairs)


def resolve(location: str, *, repo: Path, shared: Path) -> Path:
    """A file location of the pairs file as a path."""
    scheme, _, relative = location.partition(":")
    roots = {"repo": repo, "shared": shared}
    if scheme not in roots:
        raise ValueError(f"file location {location!r} must start with repo: or shared:")
    return roots[scheme] / relative


def _find_entry(store: Store, record_id: int, spec: EntrySpec) -> int:
    stored = store.get_record(record_id)
    if not isinstance(stored.record, Brief):
        raise ValueError(f"{spec.key}: file {spec.file} is not a brief")
    for entry_id, entry in zip(stored.entry_ids, stored.record.entries, strict=True):
        text = f"{entry.headline} {entry.text}"
        if entry.section == spec.section and (spec.rank is None or entry.rank == spec.rank) and (
                spec.contains is None or spec.contains in text):
            return entry_id
    raise ValueError(f"{spec.key}: no such entry in {spec.file}")


def _english_only(entry: Entry) -> Entry:
    document = replace(entry.document, title_zh=None) if entry.document else None
    return replace(entry, document=document, documents=tuple(replace(d, title_zh=None) for d in entry.documents))


def _ingest_copies(store: Store, copies: list[Entry]) -> int:
    """One made-up brief holding the English-only copies; returns its record id."""
    brief = Brief(series="policywatch link evaluation", title="English-only copies", published=None, period=None,
                  contents=(), entries=tuple(copies), people=(), truncated=False,
                  source=Source(path="link-eval-copies.json", sha256="", format="text"))
    raw = record_to_json(brief).encode()
    return store.ingest(brief, raw).record_id


class _EvalStore:
    """The evaluation store being built: file record ids and the entries judged."""

    def __init__(self, evalset: EvalSet, store: Store, *, repo: Path, shared: Path) -> None:
        self.evalset, self.store, self.repo, self.shared = evalset, store, repo, shared
        self.records: dict[str, int] = {}
        self.entries: dict[str, int] = {}

    def ingest_files(self, order: Order) -> None:
        """Parse every file, then store briefs or policies first."""
        parsed: dict[str, tuple[Record, bytes]] = {}
        for key, location in sorted(self.evalset.files.items()):
            record, raw = parse_file(resolve(location, repo=self.repo, shared=self.shared))
            if isinstance(record, Unparsed):
                raise ValueError(f"{key}: {record.reason}")
            parsed[key] = (record, raw)
        briefs_first = order == "briefs first"
        for key in sorted(parsed, key=lambda k: isinstance(parsed[k][0], Brief) != briefs_first):
            self.records[key] = self.store.ingest(*parsed[key]).record_id

    def judge_entries(self) -> None:
        copies: list[tuple[str, Entry]] = []
        for spec in self.evalset.entries.values():
            if spec.copy_of is None and spec.file is not None:
                self.entries[spec.key] = _find_entry(self.store, self.records[spec.file], spec)
        for spec in self.evalset.entries.values():
            if spec.copy_of is not None:
                original = self.store.get_entry(self.entries[spec.copy_of]).entry
                copies.append((spec.key, _english_only(original)))
        if copies:
            record_id = _ingest_copies(self.store, [entry for _, entry in copies])
            ids = self.store.get_record(record_id).entry_ids
            self.entries.update({key: entry_id for (key, _), entry_id in zip(copies, ids, strict=True)})


@contextmanager
def eval_store(evalset: EvalSet, *, repo: Path, shared: Path, embedder: Embedder | None,
               order: Order = "briefs first") -> Iterator[_EvalStore]:
    """An in-memory store holding the pairs file's documents, ingested in `order` with `embedder` active."""
    with using_embedder(embedder), open_store(":memory:") as store:
        built = _EvalStore(evalset, store, repo=repo, shared=shared)
        built.ingest_files(order)
        built.judge_entries()
        yield built


def _score(built: _EvalStore, statuses: tuple[str, ...]) -> tuple[Tally, Counter[str]]:
    conn = built.store._conn
    positives = {(built.entries[p.entry], built.records[p.policy]): p for p in built.evalset.pairs if p.link}
    judged = {built.entries[key]: key for key in built.evalset.entries}
    found = {(k.entry_id, k.record_id) for k in links_where(conn, "1 = 1", ()) if k.status in statuses
             and k.entry_id in judged}
    tally, by_kind = Tally(), Counter[str]()
    names: dict[int, str] = {}
    for key, record_id in sorted(built.records.items()):
        names.setdefault(record_id, key)
    for pair in sorted(found | positives.keys()):
        label = f"{judged[pair[0]]} → {names.get(pair[1], pair[1])}"
        if pair in found and pair in positives:
            tally.true_positive += 1
            by_kind[positives[pair].kind] += 1
        elif pair in found:
            tally.false_positive += 1
            tally.mistakes.append(f"wrong link: {label}")
        else:
            tally.false_negative += 1
            tally.mistakes.append(f"missed: {label}")
    return tally, by_kind


def measure(built: _EvalStore, *, embedder_name: str, order: Order) -> EvalResult:
    """Precision and recall of the links in the evaluation store."""
    asserted, by_kind = _score(built, ("asserted",))
    any_status, _ = _score(built, ("asserted", "proposed"))
    totals = Counter(p.kind for p in built.evalset.pairs if p.link)
    recall_by_kind = {kind: (by_kind[kind], total) for kind, total in sorted(totals.items())}
    return EvalResult(embedder_name, order, asserted, any_status, recall_by_kind)


def evaluate(pairs_path: Path, *, repo: Path, shared: Path, embedder: Embedder | None,
             order: Order = "briefs first") -> EvalResult:
    """Build the evaluation store and measure it."""
    evalset = load_pairs(pairs_path)
    with eval_store(evalset, repo=repo, shared=shared, embedder=embedder, order=order) as built:
        return measure(built, embedder_name=embedder.name if embedder else "none", order=order)
