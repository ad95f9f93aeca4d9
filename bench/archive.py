"""A synthetic archive for scale benchmarks: English briefs and Chinese notices, written as files, deterministic
for a seed, sized by a number of searchable entries (brief entries + policies).

    .venv/bin/python bench/archive.py --entries 100000 [--out bench/out/archive-100000] [--seed 7]

Briefs follow the layout of samples/sample-brief.txt (cover date and reporting period, five Top 5 items with
lead-in, goal bullets, comment, document line, issuing bodies and date, then Noteworthy policy and corporate news
lines, authors): about 16 entries each. Every second brief also has a Chinese notice (.txt with 发文机关 /
发文字号 / 成文日期 header lines, title, 发文字号, addressees, numbered sections, signature) for one of the
documents its items name, so the link step finds real pairs. Issuing bodies come from the registry
(bodies.toml), with their 发文字号 prefixes; companies from companies.toml.

Quantified goals recur: each belongs to a programme (topic, metric, unit, deadline year) that later briefs and
notices restate, sometimes with a revised value, the way an archive restates targets across editions. Dates run
from 2012 to 2025 in file order, and files are named by date (YYYY/MM/DD-…), so `policywatch ingest` (which
takes files in sorted order) ingests the archive oldest first, as it grew.

A finished archive has .manifest.json (dot files are not ingested); a folder with a matching manifest is
reused (`ensure_archive`).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import shutil
import sys
import time
import tomllib
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from archive_words import (
    ADDRESSEES,
    ASPECTS,
    BODY_IDS,
    BULLETS_PLAIN,
    COMMENTS,
    CORPORATE_NEWS,
    FAMILY_METRICS,
    FORMS,
    GENERIC_METRICS,
    LEAD_INS,
    POLICY_NEWS,
    PROVINCES,
    TOP_HEADLINES,
    TOPICS,
    VERBS,
    ZH_OPENINGS,
    ZH_PRINCIPLES,
    ZH_SAFEGUARDS,
    ZH_TASKS,
)
from synthetic import _cover_date, _long_date, _month_day

from policywatch.registry.bodies import get_body

GENERATOR_VERSION = 1
# dot names: `policywatch ingest` skips them, so only the documents are ingested
MANIFEST, GENERATING = ".manifest.json", ".generating"
FIRST_DAY, LAST_DAY = date(2012, 1, 4), date(2025, 12, 17)
TOP_ITEMS = 5
NOTICE_EVERY = 2  # one Chinese notice per this many briefs
GOAL_POOL = 6  # programmes per topic open for restatement at a time (older ones are no longer restated)
RESTATE_SHARE = 0.6  # chance that a goal bullet restates an open programme instead of starting one
REVISE_SHARE = 0.2  # chance that a restatement changes the value
REGISTRY = Path(__file__).resolve().parents[1] / "src" / "policywatch" / "registry"
GIVEN = ("Anna", "Jonas", "Mei", "Lukas", "Sofia", "Wei", "Clara", "Max", "Lin", "Elena", "Paul", "Yiran")
FAMILY = ("Becker", "Chen", "Novak", "Schmidt", "Zhang", "Rossi", "Li", "Meyer", "Wang", "Dubois", "Liu", "Kim")
ZH_NUMERALS = "一二三四五六七八九十"


@dataclass(frozen=True)
class Body:
    id: str
    name_en: str
    acronym: str
    name_zh: str
    doc_prefix: str


@dataclass(frozen=True)
class Goal:
    """One quantified target programme; a revision is a copy with another value."""

    topic: int
    metric_en: str
    metric_zh: str
    unit: str
    year: int
    value: int
    base: int
    base_year: int


@dataclass(frozen=True)
class Document:
    """A document a Top 5 item names (and a notice may reproduce)."""

    body: Body
    topic: int
    form: int
    aspect: int
    title_en: str
    title_zh: str
    written: date
    goals: tuple[Goal, ...]


@dataclass(frozen=True)
class Manifest:
    entries_target: int
    seed: int
    version: int
    briefs: int
    notices: int
    entries: int  # searchable units: brief entries + policies
    bytes: int
    seconds: float

    @property
    def files(self) -> int:
        return self.briefs + self.notices


def _bodies() -> tuple[Body, ...]:
    raw = tomllib.loads((REGISTRY / "bodies.toml").read_text("utf-8"))
    prefix_of: dict[str, str] = {}
    for prefix, body_id in raw["doc_number_prefixes"].items():
        if len(prefix) >= 2:  # one-character prefixes (财, 商) read badly as the only 机关代字
            prefix_of.setdefault(body_id, prefix)
    bodies = []
    for body_id in BODY_IDS:
        body = get_body(body_id)
        short = min(body.all_names_zh(), key=len)
        bodies.append(Body(body.id, body.name_en, body.acronyms[0] if body.acronyms else body.id, body.name_zh,
                           prefix_of.get(body.id, short[:2] + "发")))
    return tuple(bodies)


def _companies() -> tuple[str, ...]:
    raw = tomllib.loads((REGISTRY / "companies.toml").read_text("utf-8"))
    names = [c["name"] for c in raw["company"] if c["name"].isascii() and not c.get("context_aliases")]
    return tuple(names)


def _title_case(words: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in words.split())


# how each fixed unit is written with its value, in English and in Chinese (a 亿 is 0.1 billion, a 万 10,000)
_QUANTITY_FORMS: dict[str, tuple[str, str]] = {
    "cny_bn": ("CNY {v} billion", "{v10}亿元"),
    "pct": ("{v} percent", "{v}%"),
    "gw": ("{v} GW", "{v100}万千瓦"),
    "gwh": ("{v} GWh", "{v}GWh"),
    "mt": ("{v} million tonnes", "{v100}万吨"),
}


def _quantity_en(unit: str, value: int) -> str:
    if unit in _QUANTITY_FORMS:
        return _QUANTITY_FORMS[unit][0].format(v=value)
    _, noun, measure = unit.split(":")
    number = f"{value * 10000:,}" if measure.startswith("万") else f"{value:,}"
    return f"{number} {noun}" if noun else number


def _quantity_zh(unit: str, value: int) -> str:
    if unit in _QUANTITY_FORMS:
        return _QUANTITY_FORMS[unit][1].format(v=value, v10=value * 10, v100=value * 100)
    _, _, measure = unit.split(":")
    return f"{value}{measure}"


def _magnitude(unit: str, rng: random.Random) -> int:
    low, high = {"cny_bn": (50, 3000), "pct": (15, 90), "gw": (20, 1200), "gwh": (100, 2000), "mt": (2, 600)}.get(
        unit, (20, 900))
    return rng.randint(low, high)


class Goals:
    """The open programmes: new goals start, open ones are restated (sometimes revised), old ones drop out."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._open: dict[int, deque[Goal]] = {}

    def pick(self, topic: int, today: date) -> Goal:
        """A goal of `topic` whose deadline is still ahead on `today`."""
        rng = self._rng
        pool = self._open.setdefault(topic, deque(maxlen=GOAL_POOL))
        while pool and pool[0].year <= today.year:
            pool.popleft()  # the deadline has passed: no longer a goal
        if pool and rng.random() < RESTATE_SHARE:
            index = rng.randrange(len(pool))
            goal = pool[index]
            if rng.random() < REVISE_SHARE:
                goal = dataclasses.replace(goal, value=max(1, round(goal.value * rng.uniform(0.7, 1.4))))
                pool[index] = goal
            return goal
        metrics = GENERIC_METRICS + FAMILY_METRICS[TOPICS[topic][2]]
        metric_en, metric_zh, unit = rng.choice(metrics)
        words = {"topic": TOPICS[topic][0], "topic_zh": TOPICS[topic][1]}
        value = _magnitude(unit, rng)
        goal = Goal(topic, metric_en.format(**words), metric_zh.format(**words), unit,
                    today.year + rng.randint(1, 6), value, max(1, value * rng.randint(30, 80) // 100),
                    today.year - rng.randint(1, 2))
        pool.append(goal)
        return goal


def _goal_bullet(goal: Goal, rng: random.Random) -> str:
    value, base = _quantity_en(goal.unit, goal.value), _quantity_en(goal.unit, goal.base)
    metric = goal.metric_en
    if goal.unit.startswith("count::"):  # the metric names what is counted
        return rng.choice((f"- Build {value} {metric}", f"- Have {value} {metric} in place",
                           f"- Set up {value} {metric}, up from {base} in {goal.base_year}"))
    return rng.choice((
        f"- Raise {metric} to more than {value}, up from {base} in {goal.base_year}",
        f"- Lift {metric} to {value}",
        f"- Reach {value} of {metric}" if not goal.unit.startswith("count") else f"- Bring {metric} to {value}",
        f"- Increase {metric} to at least {value} (from {base} in {goal.base_year})",
    ))


def _goal_sentence_zh(goal: Goal, rng: random.Random) -> str:
    value, base = _quantity_zh(goal.unit, goal.value), _quantity_zh(goal.unit, goal.base)
    return rng.choice((
        f"到{goal.year}年，{goal.metric_zh}达到{value}。",
        f"到{goal.year}年，{goal.metric_zh}力争超过{value}，较{goal.base_year}年的{base}明显提升。",
        f"到{goal.year}年，{goal.metric_zh}突破{value}。",
    ))


class ArchiveWriter:
    """Writes briefs (and every NOTICE_EVERY-th brief, a notice) until the entry count is reached."""

    def __init__(self, out: Path, seed: int) -> None:
        self.out = out
        self.rng = random.Random(seed)
        self.bodies = _bodies()
        self.companies = _companies()
        self.goals = Goals(self.rng)
        self.serials: dict[tuple[str, int], int] = {}
        self.folders: set[Path] = set()
        self.briefs = self.notices = self.entries = self.bytes = 0

    def write(self, entries: int) -> None:
        # the number of briefs is estimated first so the dates spread over the whole range
        expected = max(1, round(entries / (15.5 + 1 / NOTICE_EVERY)))
        step = (LAST_DAY - FIRST_DAY).days / expected
        n = 0
        while self.entries < entries:
            published = FIRST_DAY + timedelta(days=min(int(n * step), (LAST_DAY - FIRST_DAY).days))
            self._brief(n, published, with_notice=n % NOTICE_EVERY == NOTICE_EVERY - 1)
            n += 1

    def _save(self, day: date, name: str, text: str) -> None:
        folder = self.out / f"{day.year}" / f"{day.month:02d}"
        if folder not in self.folders:
            folder.mkdir(parents=True, exist_ok=True)
            self.folders.add(folder)
        data = text.encode("utf-8")
        (folder / f"{day.day:02d}-{name}.txt").write_bytes(data)
        self.bytes += len(data)

    def _brief(self, n: int, published: date, with_notice: bool) -> None:
        rng = self.rng
        start, end = published - timedelta(days=rng.randint(35, 45)), published - timedelta(days=rng.randint(4, 9))
        topics = rng.sample(range(len(TOPICS)), TOP_ITEMS + 3)
        documents = [self._document(t, end - timedelta(days=rng.randint(0, 30))) for t in topics[:TOP_ITEMS]]
        lines = [f"{_cover_date(published)} (REPORTING PERIOD: {_month_day(start)} - {_month_day(end)})", "",
                 "China Industries", "",
                 " + ".join(TOPICS[t][0][:1].upper() + TOPICS[t][0][1:] for t in topics[:3]), "", "TOP 5", ""]
        for rank, document in enumerate(documents, start=1):
            lines += self._item(rank, document)
        news = rng.randint(4, 8)
        corporate = rng.randint(3, 6)
        lines += ["NOTEWORTHY", "", "Policy news", ""]
        lines += [self._news(start + timedelta(days=d), POLICY_NEWS, topics)
                  for d in sorted(rng.sample(range(1, 30), news))]
        lines += ["", "Corporate news", ""]
        lines += [self._news(start + timedelta(days=d), CORPORATE_NEWS, topics)
                  for d in sorted(rng.sample(range(1, 30), corporate))]
        lines += ["", "AUTHORS", ""]
        for _ in range(rng.randint(1, 2)):
            lines += [f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}", "Analyst, Industry Desk", ""]
        self._save(published, f"b{n:07d}", "\n".join(lines) + "\n")
        self.briefs += 1
        self.entries += TOP_ITEMS + news + corporate
        if with_notice:
            document = rng.choice(documents)
            self._save(document.written, f"n{n:07d}", self._notice(document))
            self.notices += 1
            self.entries += 1

    def _document(self, topic: int, written: date) -> Document:
        rng = self.rng
        form, aspect = rng.randrange(len(FORMS)), rng.randrange(len(ASPECTS))
        topic_en, topic_zh, _ = TOPICS[topic]
        form_en, form_zh = FORMS[form]
        title_zh = f"关于{ASPECTS[aspect][1].format(topic_zh=topic_zh)}的{form_zh}"
        title_en = f"{form_en.title()} on {ASPECTS[aspect][0]} of {_title_case(topic_en)}"
        if form_zh.endswith(("方案", "规划")):
            first = written.year + (written.month > 6)
            title_zh += f"（{first}—{first + rng.choice((2, 3, 5))}年）"
        goals = tuple({id(g): g for g in (self.goals.pick(topic, written) for _ in range(rng.randint(2, 3)))}
                      .values())
        return Document(rng.choice(self.bodies), topic, form, aspect, title_en, title_zh, written, goals)

    def _words(self, topic: int, body: Body | None = None) -> dict[str, object]:
        rng = self.rng
        body = body or rng.choice(self.bodies)
        prov, prov_zh = rng.choice(PROVINCES)
        co, co2 = rng.sample(self.companies, 2)
        return {"topic": TOPICS[topic][0], "topic_zh": TOPICS[topic][1],
                "topic_cap": TOPICS[topic][0][:1].upper() + TOPICS[topic][0][1:], "body": body.name_en,
                "body_acr": body.acronym, "prov": prov, "prov_zh": prov_zh, "n": rng.randint(3, 40),
                "m": rng.randint(2, 90) * 10, "co": co, "co2": co2, "verb": rng.choice(VERBS),
                "span": rng.randint(3, 6)}

    def _item(self, rank: int, document: Document) -> list[str]:
        rng = self.rng
        words = self._words(document.topic, document.body)
        lead_goal = document.goals[0]
        form_en = FORMS[document.form][0]
        article = "" if form_en.endswith("s") else "an " if form_en[0] in "aeiou" else "a "
        words |= {"form": form_en, "article": article, "year": lead_goal.year,
                  "goal": _quantity_en(lead_goal.unit, lead_goal.value)}
        headline = rng.choice(TOP_HEADLINES).format(**words)
        bullets = [_goal_bullet(g, rng) for g in document.goals if g.year == lead_goal.year]
        bullets += [b.format(**words) for b in rng.sample(BULLETS_PLAIN, rng.randint(1, 2))]
        comment = " ".join(c.format(**words) for c in rng.sample(COMMENTS, rng.randint(2, 3)))
        return [f"{rank}. {headline}", "", rng.choice(LEAD_INS).format(**words), "", *bullets, "",
                f"Analyst comment: {comment}", "",
                f"Article: {document.title_en} ({document.title_zh}) (Link)", "",
                f"Issuing body: {document.body.acronym}", "", f"Date: {_long_date(document.written)}", ""]

    def _news(self, day: date, templates: tuple[str, ...], topics: list[int]) -> str:
        words = self._words(self.rng.choice(topics))
        words["year"] = day.year + self.rng.randint(1, 4)
        return f"- {_month_day(day).title()}: {self.rng.choice(templates).format(**words)}"

    def _doc_number(self, body: Body, year: int) -> str:
        serial = self.serials.get((body.doc_prefix, year), self.rng.randint(1, 20)) + self.rng.randint(1, 4)
        self.serials[(body.doc_prefix, year)] = serial
        return f"{body.doc_prefix}〔{year}〕{serial}号"

    def _notice(self, document: Document) -> str:
        rng = self.rng
        words = self._words(document.topic, document.body)
        words |= {"aspect_zh": ASPECTS[document.aspect][1].format(topic_zh=words["topic_zh"]),
                  "title_short": f"《{document.title_zh}》"}
        written = document.written
        date_zh = f"{written.year}年{written.month}月{written.day}日"
        number = self._doc_number(document.body, written.year)
        title = f"{document.body.name_zh}{document.title_zh}"
        tasks = rng.sample(ZH_TASKS, rng.randint(3, 5))
        lines = [f"发文机关：{document.body.name_zh}", f"发文字号：{number}", f"成文日期：{date_zh}",
                 f"标　　题：{title}", "", title, "", number, "", rng.choice(ADDRESSEES),
                 "　　" + rng.choice(ZH_OPENINGS).format(**words),
                 "　　一、总体要求", "　　" + " ".join(p.format(**words) for p in rng.sample(ZH_PRINCIPLES, 2)),
                 "　　二、主要目标", "　　" + "".join(_goal_sentence_zh(g, rng) for g in document.goals),
                 "　　三、重点任务"]
        lines += [f"　　（{ZH_NUMERALS[k]}）{task.format(**words)}" for k, task in enumerate(tasks)]
        lines += ["　　四、保障措施", "　　" + "".join(rng.sample(ZH_SAFEGUARDS, 2)), "",
                  document.body.name_zh, date_zh]
        return "\n".join(lines) + "\n"


def _read_manifest(out: Path) -> Manifest | None:
    try:
        return Manifest(**json.loads((out / MANIFEST).read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def generate(out: Path, entries: int, seed: int = 7) -> Manifest:
    """Write a fresh archive of about `entries` searchable entries to `out` (which must be empty or ours)."""
    if out.exists() and any(out.iterdir()):
        if _read_manifest(out) is None and not (out / GENERATING).exists():
            raise SystemExit(f"{out} holds files that are not a synthetic archive: choose another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / GENERATING).touch()
    started = time.perf_counter()
    writer = ArchiveWriter(out, seed)
    writer.write(entries)
    manifest = Manifest(entries, seed, GENERATOR_VERSION, writer.briefs, writer.notices, writer.entries,
                        writer.bytes, round(time.perf_counter() - started, 1))
    (out / MANIFEST).write_text(json.dumps(dataclasses.asdict(manifest), indent=1), "utf-8")
    (out / GENERATING).unlink()
    return manifest


def ensure_archive(out: Path, entries: int, seed: int = 7) -> Manifest:
    """The archive at `out` if it was generated complete with these settings, else a new one."""
    manifest = _read_manifest(out)
    if manifest and (manifest.entries_target, manifest.seed, manifest.version) == (entries, seed, GENERATOR_VERSION):
        return manifest
    return generate(out, entries, seed)


def archive_files(out: Path) -> Iterator[Path]:
    """The archive's document files (not its manifest)."""
    return (p for p in sorted(out.rglob("*.txt")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=10000, help="searchable entries (brief entries + policies)")
    parser.add_argument("--out", type=Path, help="folder [bench/out/archive-<entries>]")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    out = args.out or Path(__file__).resolve().parent / "out" / f"archive-{args.entries}"
    m = generate(out, args.entries, args.seed)
    print(f"{out}: {m.briefs} briefs + {m.notices} notices = {m.entries} entries, {m.bytes / 1e6:.1f} MB,"
          f" {m.seconds:.1f} s")


if __name__ == "__main__":
    main()
