"""Synthetic briefs in the China Industries layout, for benchmarks (deterministic for a given seed).

    .venv/bin/python bench/synthetic.py --count 10000 --out bench/out/synthetic

Each brief has a cover line with date and reporting period, a topic line, five Top 5 items (At a glance,
bullets with targets, comment, document line with a Chinese title, issuing bodies, date), Noteworthy policy and
corporate news, and authors. The sentences are assembled from the team's own phrase lists below.

By default (as before) each brief's date is drawn from 2019–2024 and every goal's value at random. A real
archive grows in time and restates the same goals again and again; `write_briefs(..., briefs_per_day=2,
restate=0.8)` gives that shape: brief n is published n / briefs_per_day days after the start, and a goal
(topic, year) keeps its official value in a `restate` share of the briefs naming it.
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

TOPICS = ["grid storage", "industrial robots", "rare earths", "hydrogen", "chip equipment", "data exchanges",
          "offshore wind", "battery recycling", "computing power", "seed industry", "steel output", "drones"]
ZH_TOPICS = ["新型储能", "工业机器人", "稀土", "氢能", "集成电路装备", "数据交易", "海上风电", "动力电池回收",
             "算力基础设施", "种业", "粗钢产量", "无人驾驶航空器"]
BODIES = [("Ministry of Industry and Information Technology", "MIIT"), ("National Energy Administration", "NEA"),
          ("National Development and Reform Commission", "NDRC"), ("Ministry of Science and Technology", "MOST"),
          ("State Administration for Market Regulation", "SAMR"), ("Ministry of Commerce", "MOFCOM")]
VERBS = ["released", "issued", "published", "unveiled"]
FORMS = [("action plan", "行动方案"), ("guiding opinion", "指导意见"), ("implementation plan", "实施方案"),
         ("notice", "通知")]
COMPANIES = ["CATL", "BYD", "Huawei", "Siemens", "BASF", "Geely", "Volkswagen", "SMIC", "Sinopec", "Airbus"]


START = date(2019, 1, 1)


def brief_text(n: int, rng: random.Random, *, published: date | None = None, restate: float = 0.0) -> str:
    """Brief number `n`: published on `published` (default: a random day of 2019–2024); each goal keeps its
    official value (`official_value`) with probability `restate`."""
    published = published or START + timedelta(days=rng.randrange(0, 2000))
    start, end = published - timedelta(days=40), published - timedelta(days=7)
    picks = rng.sample(range(len(TOPICS)), 5)
    lines = [f"{_cover_date(published)} (REPORTING PERIOD: {_month_day(start)} - {_month_day(end)})", "",
             "MERICS", "", "China Industries", "", " + ".join(TOPICS[i].capitalize() for i in picks[:3]), "",
             "MERICS TOP 5", ""]
    for rank, topic in enumerate(picks, start=1):
        lines += _item(rank, topic, end, rng, restate)
    lines += ["NOTEWORTHY", "", "Policy news", ""]
    lines += [_news(start + timedelta(days=d), rng) for d in sorted(rng.sample(range(1, 30), 6))]
    lines += ["", "Corporate news", ""]
    lines += [_corporate(start + timedelta(days=d), rng) for d in sorted(rng.sample(range(1, 30), 5))]
    lines += ["", "AUTHORS", "", f"Analyst Number{n}", "Analyst, Sample Desk", ""]
    return "\n".join(lines) + "\n"


def official_value(topic: int, year: int, what: int) -> int:
    """The value a goal keeps while it is restated: output in CNY billion (what 0), demonstration zones (1),
    technicians in thousands (2)."""
    spread = ((20, 881), (10, 81), (2, 29))[what]
    return spread[0] + (topic * 131 + year * 17 + what * 7) % spread[1]


def _item(rank: int, topic: int, end: date, rng: random.Random, restate: float = 0.0) -> list[str]:
    body_name, body_id = rng.choice(BODIES)
    form_en, form_zh = rng.choice(FORMS)
    year = end.year + rng.randint(1, 5)
    value, base = rng.randint(20, 900), rng.randint(5, 19)
    verb = rng.choice(VERBS)
    zones, technicians = rng.randint(10, 90), rng.randint(2, 30)
    if restate and rng.random() < restate:
        value, zones, technicians = (official_value(topic, year, what) for what in range(3))
    return [
        f"{rank}. New {form_en} for {TOPICS[topic]} sets goals for {year}", "",
        f"At a glance: The {body_name} ({body_id}) {verb} a {form_en} on {TOPICS[topic]}, asking "
        f"provinces to coordinate investment and standards. Key goals for {year} include:", "",
        f"- Raise output of the {TOPICS[topic]} industry to more than CNY {value} billion, up from CNY {base} "
        f"billion in {end.year - 1}",
        f"- Build {zones} demonstration zones and train {technicians * 1000} technicians",
        "- Improve coordination between upstream suppliers and downstream users", "",
        f"MERICS comment: The {form_en} continues a pattern of central targets and local execution. Provinces "
        f"compete for projects in {TOPICS[topic]}, which risks overcapacity. Foreign suppliers may find niches.", "",
        f"Article: {form_en.title()} for {TOPICS[topic].title()} ({ZH_TOPICS[topic]}产业发展{form_zh}) (Link)", "",
        f"Issuing body: {body_id}", "", f"Date: {_long_date(end - timedelta(days=rng.randint(0, 30)))}", "",
    ]


def _news(day: date, rng: random.Random) -> str:
    body_name, body_id = rng.choice(BODIES)
    return (f"- {_month_day(day).title()}: The {body_name} {rng.choice(VERBS)} rules for "
            f"{rng.choice(TOPICS)} pilots ({body_id} notice)")


def _corporate(day: date, rng: random.Random) -> str:
    a, b = rng.sample(COMPANIES, 2)
    return f"- {_month_day(day).title()}: {a} and {b} agreed to cooperate on {rng.choice(TOPICS)} (press release)"


def _cover_date(d: date) -> str:
    return d.strftime("%B %-d, %Y").upper()


def _long_date(d: date) -> str:
    return d.strftime("%B %-d, %Y")


def _month_day(d: date) -> str:
    return d.strftime("%B %-d").upper()


def write_briefs(count: int, out: Path, seed: int = 7, *, briefs_per_day: float | None = None,
                 restate: float = 0.0) -> list[Path]:
    """Write `count` synthetic briefs to `out` and return their paths. With `briefs_per_day`, brief n is
    published n / briefs_per_day days after 2019-01-01 (an archive growing in time); `restate`: see
    `brief_text`. The defaults give the briefs this function always wrote."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        path = out / f"brief-{n:06d}.txt"
        published = START + timedelta(days=int(n / briefs_per_day)) if briefs_per_day else None
        path.write_text(brief_text(n, rng, published=published, restate=restate), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--count", type=int, default=10000)
    ap.add_argument("--out", type=Path, default=Path("bench/out/synthetic"))
    ap.add_argument("--briefs-per-day", type=float, default=None, help="dates growing with n (default: random)")
    ap.add_argument("--restate", type=float, default=0.0, help="share of goals stated with their official value")
    args = ap.parse_args()
    paths = write_briefs(args.count, args.out, briefs_per_day=args.briefs_per_day, restate=args.restate)
    print(f"wrote {len(paths)} briefs to {args.out}")


if __name__ == "__main__":
    main()
