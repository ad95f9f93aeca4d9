"""Fuzz targets for every reader and parser, shared by the hypothesis tests here and by bench/fuzz_long.py.

The contract every target checks: the call returns a record, or fails with a policywatch error whose one-line
message names the file and the problem (readers raise `ReadError`; `read_bytes` and `parse_file` return
`Unparsed`). Any other exception, a message without the file name, a catch-all message that hides a bug
("parser error (IndexError: …)") or a call slower than its time cap raises `ContractBroken`.

Inputs are random bytes or text, and mutations of real inputs: the repository's samples/ and tests/fixtures,
plus the shared corpus when a caller passes it. A mutation is a list of (operation, a, b, payload) tuples, so
hypothesis can draw and shrink them and the long run can draw the same shape from `random`.
"""

from __future__ import annotations

import io
import random
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from policywatch.errors import PolicywatchError, ReadError
from policywatch.parse import parse_document
from policywatch.parse.article import parse_article
from policywatch.parse.brief import parse_brief
from policywatch.parse.classify import DocumentKind, classify
from policywatch.parse.notice import parse_chinese
from policywatch.pipeline import parse_file
from policywatch.read import read_bytes
from policywatch.read.docx import read_docx
from policywatch.read.html import read_html
from policywatch.read.language import language_of
from policywatch.read.pdf import read_pdf
from policywatch.read.text import read_text
from policywatch.records import Article, Brief, Policy, ReadDocument, Source, Unparsed

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
SMALL_CAP_S = 2.0  # wall-clock cap for one small document (random bytes, a mutated sample)
CATCH_ALL_REASONS = ("parser error (", "cannot read this ")  # the pipeline's last-resort messages: a bug below


class ContractBroken(AssertionError):
    """A target broke the contract: an unexpected exception, an unclear message, or too slow."""


# --- the contract ---------------------------------------------------------------------------------------------


def check_message(path: str, message: str) -> None:
    """A clear per-file error: one line, naming the file, then saying what is wrong."""
    if "\n" in message or not message.strip():
        raise ContractBroken(f"error message is empty or not one line: {message!r}")
    if any(message.startswith(prefix) for prefix in CATCH_ALL_REASONS):
        raise ContractBroken(f"a catch-all hid an exception: {message!r}")


def check_read_error(path: str, exc: ReadError) -> str:
    if exc.path != path or not str(exc).startswith(f"{path}: "):
        raise ContractBroken(f"ReadError does not name the file {path!r}: {exc}")
    check_message(path, exc.problem)
    return f"refused: {exc.problem}"


def check_document(path: str, doc: ReadDocument) -> str:
    if doc.source.path != path:
        raise ContractBroken(f"document names {doc.source.path!r}, not {path!r}")
    if not doc.text.strip() or "\r" in doc.text or "\x00" in doc.text:
        raise ContractBroken(f"document text is blank or has CR/NUL: {doc.text[:80]!r}")
    if doc.language not in {"zh", "en", "mixed"}:
        raise ContractBroken(f"unknown language {doc.language!r}")
    return "record"


def check_read_result(path: str, result: ReadDocument | Unparsed) -> str:
    if isinstance(result, Unparsed):
        if result.path != path:
            raise ContractBroken(f"Unparsed names {result.path!r}, not {path!r}")
        check_message(path, result.reason)
        return f"refused: {result.reason}"
    return check_document(path, result)


def call_reader(reader: Callable[[bytes, str], ReadDocument], data: bytes, path: str) -> str:
    try:
        doc = reader(data, path)
    except ReadError as exc:
        return check_read_error(path, exc)
    except PolicywatchError as exc:
        raise ContractBroken(f"a reader raised {type(exc).__name__}, not ReadError: {exc}") from exc
    return check_document(path, doc)


def document_of(text: str, path: str = "fuzz.txt", fmt: str = "text") -> ReadDocument:
    """A read document holding `text` as a reader would give it."""
    data = text.encode("utf-8", "surrogatepass")
    source = Source(path=path, sha256="0" * 64, format=fmt, size=len(data), encoding="utf-8")
    return ReadDocument(source=source, text=text, title=None, published=None, language=language_of(text), url=None)


def call_parser(parser: Callable[[ReadDocument], object], text: str, kinds: tuple[type, ...]) -> str:
    doc = document_of(text)
    try:
        record = parser(doc)
    except PolicywatchError as exc:
        check_message(doc.source.path, str(exc))
        if doc.source.path not in str(exc):
            raise ContractBroken(f"parser error does not name the file: {exc}") from exc
        return f"refused: {exc}"
    if not isinstance(record, kinds):
        raise ContractBroken(f"parser returned {type(record).__name__}")
    return "record"


def check_parse_result(path: str, record: object) -> str:
    if isinstance(record, Unparsed):
        if record.path != path:
            raise ContractBroken(f"Unparsed names {record.path!r}, not {path!r}")
        check_message(path, record.reason)
        return f"refused: {record.reason}"
    if not isinstance(record, Brief | Policy | Article):
        raise ContractBroken(f"parse returned {type(record).__name__}")
    return "record"


# --- targets --------------------------------------------------------------------------------------------------


def _read_bytes_target(data: bytes) -> str:
    return check_read_result("fuzz.bin", read_bytes(data, "fuzz.bin"))


def _parse_document_target(text: str) -> str:
    return check_parse_result("fuzz.txt", parse_document(document_of(text)))


def _classify_target(text: str) -> str:
    kind = classify(text)
    if not isinstance(kind, DocumentKind) or kind.type not in {"brief", "chinese", "article"}:
        raise ContractBroken(f"classify gave {kind!r}")
    return "record"


def parse_file_target(data: bytes, suffix: str = ".txt") -> str:
    """The whole per-file entry point on `data` written to a temporary file."""
    with tempfile.TemporaryDirectory(prefix="fuzz-") as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        record, raw = parse_file(path)
        outcome = check_parse_result(str(path), record)
        if outcome == "record" and raw != data:
            raise ContractBroken("parse_file did not return the file's bytes")
        return outcome


@dataclass(frozen=True)
class Target:
    name: str
    takes: str  # "bytes" or "text"
    run: Callable[..., str]  # input → "record" | "refused: <reason>"; raises ContractBroken or lets a bug escape
    seeds: tuple[str, ...]  # globs under the repository
    inner_xml: bool = False  # mutations also go inside the zip (word/document.xml), not only over its bytes


TEXT_SEEDS = (
    "samples/*.txt", "tests/fixtures/text/*.txt", "tests/fixtures/text/*.md", "tests/fixtures/brief/*.txt",
    "tests/fixtures/notice/*.txt",
)
HTML_SEEDS = ("samples/*.html", "tests/fixtures/html/*.html")
PDF_SEEDS = ("samples/*.pdf", "tests/fixtures/pdf/*.pdf")
DOCX_SEEDS = ("tests/fixtures/docx/*.docx",)
ALL_SEEDS = TEXT_SEEDS + HTML_SEEDS + PDF_SEEDS + DOCX_SEEDS

TARGETS: dict[str, Target] = {
    t.name: t
    for t in (
        Target("read_text", "bytes", lambda data: call_reader(read_text, data, "fuzz.txt"), TEXT_SEEDS),
        Target("read_markdown", "bytes",
               lambda data: call_reader(lambda d, p: read_text(d, p, "markdown"), data, "fuzz.md"), TEXT_SEEDS),
        Target("read_html", "bytes", lambda data: call_reader(read_html, data, "fuzz.html"), HTML_SEEDS),
        Target("read_pdf", "bytes", lambda data: call_reader(read_pdf, data, "fuzz.pdf"), PDF_SEEDS),
        Target("read_docx", "bytes", lambda data: call_reader(read_docx, data, "fuzz.docx"), DOCX_SEEDS, True),
        Target("read_bytes", "bytes", _read_bytes_target, ALL_SEEDS),
        Target("classify", "text", _classify_target, TEXT_SEEDS),
        Target("parse_brief", "text", lambda text: call_parser(parse_brief, text, (Brief,)), TEXT_SEEDS),
        Target("parse_notice", "text",
               lambda text: call_parser(parse_chinese, text, (Policy, Article)), TEXT_SEEDS),
        Target("parse_article", "text", lambda text: call_parser(parse_article, text, (Article,)), TEXT_SEEDS),
        Target("parse_document", "text", _parse_document_target, TEXT_SEEDS),
        Target("parse_file", "bytes", parse_file_target, ALL_SEEDS),
    )
}


def run_checked(target: Target, value: bytes | str, cap_s: float = SMALL_CAP_S) -> tuple[str, float]:
    """Run `target` on `value`: its outcome and seconds taken; `ContractBroken` when slower than `cap_s`.

    A slow call is timed once more and counts only when both are slow: on a shared machine one call can
    stall. An exception other than ContractBroken is left to escape: it is the bug, with its traceback."""
    warm_up(target.name)
    outcome, elapsed = _timed(target, value)
    if elapsed > cap_s:
        elapsed = min(elapsed, _timed(target, value)[1])
    if elapsed > cap_s:
        raise ContractBroken(f"{target.name} took {elapsed:.1f} s on {len(value)} units, above {cap_s} s")
    return outcome, elapsed


def _timed(target: Target, value: bytes | str) -> tuple[str, float]:
    start = time.perf_counter()
    outcome = target.run(value)
    return outcome, time.perf_counter() - start


@cache
def warm_up(name: str) -> None:
    """Run a target once on its first seed, untimed: first calls compile patterns and load dictionaries."""
    target = TARGETS[name]
    seed = seed_files(target.seeds)[0]
    target.run(as_text(seed) if target.takes == "text" else seed)


# --- seeds ----------------------------------------------------------------------------------------------------


@cache
def seed_files(globs: tuple[str, ...], limit_bytes: int = 64 * 1024) -> tuple[bytes, ...]:
    """The bytes of the repository's files matching `globs` (the small ones: fuzzing wants fast examples)."""
    paths = sorted({p for pattern in globs for p in REPO.glob(pattern) if p.is_file()})
    return tuple(data for data in (p.read_bytes() for p in paths) if 0 < len(data) <= limit_bytes)


def corpus_files(shared: Path, limit: int = 40) -> tuple[bytes, ...]:
    """A spread of the shared corpus's files (every n-th, sorted by name, so runs are repeatable)."""
    paths = sorted(p for p in (shared / "corpus").rglob("*") if p.is_file() and p.suffix != ".tsv")
    step = max(1, len(paths) // limit)
    return tuple(p.read_bytes() for p in paths[::step][:limit])


def as_text(data: bytes) -> str:
    """Seed or mutated bytes as the text a parser would get (undecodable bytes become U+FFFD)."""
    for codec in ("utf-8", "gb18030"):
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


# --- mutations ------------------------------------------------------------------------------------------------

OPS = ("flip", "set", "delete", "insert", "truncate", "duplicate", "splice", "repeat")
Mutation = tuple[int, int, int, bytes]  # (index into OPS, a, b, payload)
MAX_REPEAT = 200  # copies of a chunk at most: enough to make "huge numbers of entries" out of one line


def mutate(data: bytes, mutations: Sequence[Mutation], donors: Sequence[bytes] = ()) -> bytes:
    """`data` after each mutation in turn; positions and lengths are taken modulo the current size."""
    buf = bytearray(data)
    for op_index, a, b, payload in mutations:
        op, size = OPS[op_index % len(OPS)], len(buf)
        at = a % (size + 1)
        span = b % 257
        if op == "flip" and size:
            buf[at % size] ^= 1 << (b % 8)
        elif op == "set" and size:
            buf[at % size] = b % 256
        elif op == "delete":
            del buf[at : at + span]
        elif op == "insert":
            buf[at:at] = payload
        elif op == "truncate":
            del buf[at:]
        elif op == "duplicate":
            buf[at:at] = buf[(b % (size + 1)) :][: len(payload) * 16 + 1]
        elif op == "splice" and donors:
            donor = donors[b % len(donors)]
            start = (b // 7) % (len(donor) + 1)
            buf[at:at] = donor[start : start + 64 + len(payload) * 64]
        elif op == "repeat":
            chunk = bytes(buf[at : at + span % 64 + 1]) or payload
            buf[at:at] = chunk * (b % MAX_REPEAT + 1)
    return bytes(buf)


def mutate_docx_xml(data: bytes, mutations: Sequence[Mutation], donors: Sequence[bytes] = ()) -> bytes:
    """The DOCX with its word/document.xml mutated and the archive written again (a valid zip of bad XML)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            parts = {info.filename: source.read(info) for info in source.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return mutate(data, mutations, donors)
    if "word/document.xml" in parts:
        parts["word/document.xml"] = mutate(parts["word/document.xml"], mutations, donors)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def random_mutations(rng: random.Random, most: int = 6) -> list[Mutation]:
    """The long run's draw of what hypothesis draws in the tests."""
    return [
        (rng.randrange(len(OPS)), rng.getrandbits(32), rng.getrandbits(32), rng.randbytes(rng.randrange(33)))
        for _ in range(rng.randint(1, most))
    ]


def mutated_input(target: Target, seeds: Sequence[bytes], seed_index: int, mutations: Sequence[Mutation],
                  inside: bool) -> bytes | str:
    """One fuzz input for `target`: seed number `seed_index` mutated, as bytes or text as the target takes."""
    seed = seeds[seed_index % len(seeds)]
    data = (mutate_docx_xml if inside and target.inner_xml else mutate)(seed, mutations, seeds)
    return as_text(data) if target.takes == "text" else data
