"""Small synthetic batches for the ingest load and fault tests: English briefs and Chinese notices written here
(a few hundred bytes each, so a 1,000-file batch ingests in seconds), byte-identical duplicates under other
names, and unreadable files. Each document is distinct enough never to merge with another as an edition, so
the expected store is known without running a reference ingest: one record and one source per distinct
document.

Targets are spread over many (unit, year) groups, as real documents are: the ledger recomputes a whole group
per ingest, so one huge group would make a batch quadratic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

TOPICS = ["storage", "robot", "chip", "battery", "hydrogen", "port", "seed", "steel", "solar", "wind", "rail",
          "drone"]
BODIES = ["NEA", "MIIT", "NDRC", "MOFCOM"]
UNITS = ["GW", "percent", "million tonnes", "billion yuan", "units"]
MONTHS = ["JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
          "NOVEMBER", "DECEMBER"]
CN_BODIES = ["工业和信息化部", "国家发展改革委", "国家能源局", "商务部"]
CN_TOPICS = ["储能", "机器人", "芯片", "电池", "氢能", "港口", "种业", "钢铁", "光伏", "风电"]
CN_UNITS = ["个", "万吨", "亿元", "吉瓦", "家"]
UNREADABLE = b"\x00\x01\x02 not a document \x00" * 4


def brief_text(n: int) -> str:
    """A two-entry brief whose headlines (and so its identity as an issue) are its own."""
    topic, body, unit = TOPICS[n % 12], BODIES[n % 4], UNITS[n % 5]
    year = 2025 + (n // 5) % 40
    return (f"{MONTHS[n % 12]} {n % 27 + 1}, {2000 + n // 12 % 24}\n\nSYNTHETIC WATCH\n\nChina Industries\n\n"
            f"TOP 5\n\n1. Plan {n} lifts the {topic} sector, round {n}\n\n"
            f"At a glance: {body} published plan number {n} for the {topic} industry. Goals include:\n\n"
            f"• Raise {topic} output to {100 + n} {unit} by {year}\n\n"
            f"Comment: plan {n} is the {topic} sector's test case.\n\n"
            f"2. Inspectors {n} visit {topic} makers in batch {n}\n\n"
            f"At a glance: A review team checked {topic} plants for filing {n}.\n")


def notice_text(n: int) -> str:
    """A Chinese notice with its own title and document number (so it merges with no other)."""
    body, topic, unit = CN_BODIES[n % 4], CN_TOPICS[n % 10], CN_UNITS[n % 5]
    year, issued = 2025 + (n // 5) % 40, 2020 + n % 5
    return (f"{body}关于推进{topic}第{n}号专项工作的通知\n\n测函〔{issued}〕{n}号\n\n"
            f"各省、自治区、直辖市有关主管部门：\n\n为推进{topic}发展，现就第{n}项有关事项通知如下。\n\n"
            f"一、到{year}年，建成{topic}示范项目{n % 90 + 10}{unit}以上。\n二、各地要按期报送进展。\n\n"
            f"{body}\n{issued}年{n % 12 + 1}月{n % 27 + 1}日\n")


def document_bytes(n: int) -> bytes:
    """Document number n: a brief when n is even, a notice when odd."""
    return (brief_text(n) if n % 2 == 0 else notice_text(n)).encode("utf-8")


@dataclass(frozen=True)
class Batch:
    """The files written and what a complete ingest of them must store."""

    files: tuple[Path, ...]
    documents: frozenset[str]  # sha256 of each distinct readable document: one source and one record each
    unreadable: int  # files that fail every time

    @property
    def briefs_and_notices(self) -> int:
        return len(self.documents)


def write_batch(folder: Path, numbers: Iterable[int], *, duplicate_every: int = 25, bad_every: int = 50) -> Batch:
    """Document n for each n in `numbers`, as folder/dNNNN-….txt; every `duplicate_every`-th file is a copy of
    the document before it (same bytes, another name) and every `bad_every`-th is unreadable (0: none)."""
    folder.mkdir(parents=True, exist_ok=True)
    files, documents, unreadable = [], set(), 0
    for position, n in enumerate(numbers):
        if bad_every and position % bad_every == bad_every - 1:
            path, data = folder / f"d{n:05d}-bad.txt", UNREADABLE
            unreadable += 1
        elif duplicate_every and position % duplicate_every == duplicate_every - 1:
            path, data = folder / f"d{n:05d}-copy.txt", document_bytes(n - 1)
        else:
            path, data = folder / f"d{n:05d}.txt", document_bytes(n)
        path.write_bytes(data)
        files.append(path)
        if data != UNREADABLE:
            documents.add(hashlib.sha256(data).hexdigest())
    return Batch(tuple(files), frozenset(documents), unreadable)
