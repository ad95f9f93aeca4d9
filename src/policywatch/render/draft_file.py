"""The draft file: a plain YAML (or JSON) file the user edits between `brief draft` and `brief render`.

    series: MERICS China Industries
    title: Batteries + Technology markets          # optional
    published: 2022-12-07                           # optional ISO date
    period: {start: 2022-10-25, end: 2022-11-29}
    top:
    - headline: …
      summary: …
      key_points: [… ]
      comment: [… ]                                 # paragraphs
      document: {title_en: …, title_zh: …, bodies: [MIIT], date: 2022-11-18, url: …}
      machine_drafted: {summary: 1f0c…}             # field → hash of the text as drafted
    policy_news: [{date: 2022-10-26, text: …, source: MEE notice}]
    corporate_news: [ … ]
    authors: [{name: …, role: …}]
    editors: [{name: …, role: …}]

A field listed under `machine_drafted` counts as a person's once its text no longer matches the hash.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from policywatch.errors import PolicywatchError
from policywatch.records import Period, Person
from policywatch.render.draft_text import text_hash
from policywatch.render.records import BriefDraft, DraftDocument, DraftItem, DraftNews

_ITEM_FIELDS = {"headline", "summary", "key_points", "comment", "document", "machine_drafted", "score",
                "reasons", "origin"}
_DOCUMENT_FIELDS = {"title_en", "title_zh", "bodies", "date", "url"}
_NEWS_FIELDS = {"date", "text", "source"}
_TOP_FIELDS = {"series", "title", "published", "period", "top", "policy_news", "corporate_news", "authors",
               "editors", "candidates"}


class _DatesAsTextLoader(yaml.SafeLoader):
    """YAML without implicit timestamps: a date stays text, so a bad one is reported by field, not by yaml."""


_DatesAsTextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DraftError(PolicywatchError):
    """A draft file cannot be read: the message names the file and the field."""


class _Reader:
    """Typed access to the parsed YAML that reports the file and the field path on a bad value."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> DraftError:
        return DraftError(f"{self.path}: {where}: {problem}")

    def mapping(self, value: Any, where: str, allowed: set[str]) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, f"expected a mapping, got {type(value).__name__}")
        unknown = sorted(set(value) - allowed)
        if unknown:
            raise self.fail(where, f"unknown field {unknown[0]!r} (known: {', '.join(sorted(allowed))})")
        return value

    def text(self, value: Any, where: str, *, required: bool = False) -> str | None:
        if value is None or value == "":
            if required:
                raise self.fail(where, "is required")
            return None
        if isinstance(value, dt.date):
            return value.isoformat()
        if not isinstance(value, str | int | float):
            raise self.fail(where, f"expected text, got {type(value).__name__}")
        return str(value).strip()

    def date(self, value: Any, where: str) -> str | None:
        text = self.text(value, where)
        if text is not None:
            try:
                dt.date.fromisoformat(text)
            except ValueError:
                raise self.fail(where, f"{text!r} is not an ISO date (YYYY-MM-DD)") from None
        return text

    def texts(self, value: Any, where: str) -> tuple[str, ...]:
        if value is None:
            return ()
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list of texts, got {type(value).__name__}")
        return tuple(t for i, v in enumerate(value) if (t := self.text(v, f"{where}[{i}]")))

    def listing(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, got {type(value).__name__}")
        return value


def _document(r: _Reader, value: Any, where: str) -> DraftDocument | None:
    if value is None:
        return None
    m = r.mapping(value, where, _DOCUMENT_FIELDS)
    return DraftDocument(title_en=r.text(m.get("title_en"), f"{where}.title_en"),
                         title_zh=r.text(m.get("title_zh"), f"{where}.title_zh"),
                         bodies=r.texts(m.get("bodies"), f"{where}.bodies"),
                         date=r.date(m.get("date"), f"{where}.date"), url=r.text(m.get("url"), f"{where}.url"))


def _still_drafted(r: _Reader, m: Mapping[str, Any], where: str) -> tuple[str, ...]:
    """The fields whose text still matches the hash stored when a machine drafted them."""
    hashes = m.get("machine_drafted") or {}
    if not isinstance(hashes, Mapping):
        raise r.fail(f"{where}.machine_drafted", "expected a mapping of field → hash")
    return tuple(name for name, digest in hashes.items()
                 if name in m and text_hash(m[name] if m[name] is not None else "") == str(digest))


def _item(r: _Reader, value: Any, where: str) -> DraftItem:
    m = r.mapping(value, where, _ITEM_FIELDS)
    comment = r.texts(m.get("comment"), f"{where}.comment")
    return DraftItem(headline=r.text(m.get("headline"), f"{where}.headline", required=True) or "",
                     summary=r.text(m.get("summary"), f"{where}.summary") or "",
                     key_points=r.texts(m.get("key_points"), f"{where}.key_points"), comment=comment,
                     document=_document(r, m.get("document"), f"{where}.document"),
                     machine_drafted=_still_drafted(r, m, where),
                     score=float(m.get("score") or 0.0), reasons=r.texts(m.get("reasons"), f"{where}.reasons"),
                     origin=r.text(m.get("origin"), f"{where}.origin") or "")


def _news(r: _Reader, value: Any, where: str) -> DraftNews:
    m = r.mapping(value, where, _NEWS_FIELDS)
    return DraftNews(text=r.text(m.get("text"), f"{where}.text", required=True) or "",
                     date=r.date(m.get("date"), f"{where}.date"), source_label=r.text(m.get("source"),
                                                                                       f"{where}.source"))


def _people(r: _Reader, value: Any, group: str) -> tuple[Person, ...]:
    people = []
    for i, person in enumerate(r.listing(value, f"{group}s")):
        m = r.mapping(person, f"{group}s[{i}]", {"name", "role"})
        people.append(Person(name=r.text(m.get("name"), f"{group}s[{i}].name", required=True) or "",
                             role=r.text(m.get("role"), f"{group}s[{i}].role") or "", group=group))  # type: ignore[arg-type]
    return tuple(people)


def _parse(r: _Reader, data: Any) -> BriefDraft:
    m = r.mapping(data, "(top level)", _TOP_FIELDS)
    period = r.mapping(m.get("period"), "period", {"start", "end"})
    return BriefDraft(
        series=r.text(m.get("series"), "series", required=True) or "",
        title=r.text(m.get("title"), "title"), published=r.date(m.get("published"), "published"),
        period=Period(r.date(period.get("start"), "period.start"), r.date(period.get("end"), "period.end")),
        top=tuple(_item(r, v, f"top[{i}]") for i, v in enumerate(r.listing(m.get("top"), "top"))),
        policy_news=tuple(_news(r, v, f"policy_news[{i}]")
                          for i, v in enumerate(r.listing(m.get("policy_news"), "policy_news"))),
        corporate_news=tuple(_news(r, v, f"corporate_news[{i}]")
                             for i, v in enumerate(r.listing(m.get("corporate_news"), "corporate_news"))),
        people=_people(r, m.get("authors"), "author") + _people(r, m.get("editors"), "editor"),
        candidates=tuple(_item(r, v, f"candidates[{i}]")
                         for i, v in enumerate(r.listing(m.get("candidates"), "candidates"))),
    )


def load_draft(path: Path) -> BriefDraft:
    """Read a draft file (YAML, or JSON by its .json suffix). Raises DraftError naming the file and field."""
    try:
        raw = path.read_text(encoding="utf-8")
        data = json.loads(raw) if path.suffix.lower() == ".json" else yaml.load(raw, Loader=_DatesAsTextLoader)
    except OSError as exc:
        raise DraftError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except (yaml.YAMLError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DraftError(f"{path}: not valid {'JSON' if path.suffix.lower() == '.json' else 'YAML'}: {exc}") from exc
    return _parse(_Reader(path), data)


def _item_data(item: DraftItem) -> dict[str, Any]:
    data: dict[str, Any] = {"headline": item.headline, "summary": item.summary,
                            "key_points": list(item.key_points), "comment": list(item.comment)}
    if item.document:
        doc = item.document
        data["document"] = {"title_en": doc.title_en, "title_zh": doc.title_zh, "bodies": list(doc.bodies),
                            "date": doc.date, "url": doc.url}
    if item.machine_drafted:
        data["machine_drafted"] = {name: text_hash(data[name]) for name in item.machine_drafted if name in data}
    data.update({"score": item.score, "reasons": list(item.reasons), "origin": item.origin})
    return data


def _news_data(news: DraftNews) -> dict[str, Any]:
    return {"date": news.date, "text": news.text, "source": news.source_label}


def draft_data(draft: BriefDraft) -> dict[str, Any]:
    """The draft as plain data in the draft-file schema."""
    return {
        "series": draft.series, "title": draft.title, "published": draft.published,
        "period": {"start": draft.period.start, "end": draft.period.end},
        "top": [_item_data(i) for i in draft.top],
        "policy_news": [_news_data(n) for n in draft.policy_news],
        "corporate_news": [_news_data(n) for n in draft.corporate_news],
        "authors": [{"name": p.name, "role": p.role} for p in draft.people if p.group == "author"],
        "editors": [{"name": p.name, "role": p.role} for p in draft.people if p.group == "editor"],
        "candidates": [_item_data(i) for i in draft.candidates],
    }


def save_draft(draft: BriefDraft, path: Path) -> None:
    """Write the draft as YAML (JSON when `path` ends in .json) for a person to edit."""
    data = draft_data(draft)
    if path.suffix.lower() == ".json":
        text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    else:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)
    path.write_text(text, encoding="utf-8")
