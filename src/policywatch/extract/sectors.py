"""Sectors a text is about, by keyword (registry/sectors.toml), in order of first mention.

English keywords match as whole words in any case and in the plural; acronyms ("EV", "AI", "5G") only as
written; Chinese keywords anywhere. Names of government bodies are masked first: the 国家知识产权局 issuing a
notice does not make it a text about intellectual property.
"""

from __future__ import annotations

from policywatch.extract.bodies import body_spans
from policywatch.registry.bodies import to_simplified
from policywatch.registry.sectors import sector_acronym_index, sector_chinese_index, sector_keyword_index
from policywatch.registry.text_profile import blank_spans


def _masked(text: str) -> str:
    return blank_spans(text, body_spans(text))


def extract_sectors(text: str) -> tuple[str, ...]:
    """Sector ids named in `text` (English, Chinese or both), deduplicated, in order of first mention."""
    simplified = to_simplified(text)
    masked = _masked(simplified if len(simplified) == len(text) else text)
    hits = [
        (hit.start, hit.value)
        for index in (sector_keyword_index(), sector_acronym_index(), sector_chinese_index())
        for hit in index.finditer(masked)
    ]
    return tuple(dict.fromkeys(sector_id for _, sector_id in sorted(hits)))
