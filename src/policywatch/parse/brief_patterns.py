"""Regular expressions and word lists that recognise the parts of an analyst brief (data only)."""

from __future__ import annotations

import re

# Markup left in text editions: [label](url), \( \), *emphasis*.
MARKDOWN_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]*)\)")
ESCAPED_CHAR = re.compile(r"\\([()\[\]*_])")
EMPHASIS = re.compile(r"(?<!\w)[*_]{1,2}([^*_\n]+?)[*_]{1,2}(?!\w)")

BULLET = re.compile(r"^\s*(?:[•●▪◦‣∙·]|[-–—*](?=\s)|l(?=\s{1,3}[A-Z]))\s*")
NUMBERED_HEADLINE = re.compile(r"^\s*(?P<rank>\d{1,2})[.)]\s+(?P<headline>\S.*?)\s*$")
CONTENTS_LINE = re.compile(r"^(?P<headline>.+?)\s*\.{3,}\s*(?P<page>\d+)\s*$")

AT_A_GLANCE = re.compile(r"^\W{0,3}\s*at a glance\s*:\s*", re.I)
COMMENT = re.compile(r"^\s*(?:[A-Z][\w-]*['’]?s?\s+)?comment\s*:\s*", re.I)
ARTICLE_LINE = re.compile(r"^\s*(?:articles?|documents?|source)\s*:\s*", re.I)
ISSUING_LINE = re.compile(r"^\s*issuing\s+bod(?:y|ies)\s*:\s*", re.I)
DATE_LINE = re.compile(r"^\s*dates?\s*:\s*", re.I)
LINK_SUFFIX = re.compile(r"\s*\(\s*(?:link|full text|original)\s*\)\s*$", re.I)

TOP5_HEADING = re.compile(r"^\s*(?:MERICS[’'`]?s?\s+)?top\s*(?:5|five)\s*$", re.I)
NOTEWORTHY_HEADING = re.compile(r"^\s*noteworthy\s*$", re.I)
POLICY_NEWS_HEADING = re.compile(r"^\s*policy\s+news\s*$", re.I)
CORPORATE_NEWS_HEADING = re.compile(r"^\s*corporate\s+news\s*$", re.I)
CONTENTS_HEADING = re.compile(r"^\s*(?:contents|inhalt)\s*$", re.I)
AUTHORS_HEADING = re.compile(r"^\s*(?:authors?|autor\(?en\)?)\s*$", re.I)
EDITORS_HEADING = re.compile(r"^\s*editors?\s*$", re.I)
END_OF_PEOPLE = re.compile(r"^\s*(?:for more information|publisher|contact|mail:|tel\.?:|www\.)", re.I)

SERIES_LINE = re.compile(r"^\s*(?:MERICS\s+)?China\s+Industries\s*:?\s*$", re.I)
BRIEFS_LINE = re.compile(r"^\s*MERICS\s+Briefs\s*$", re.I)
READ_TIME = re.compile(r"^\s*\d{1,3}\s+(?:min(?:ute)?s?\.?\s+read|Minuten?\s+Lesedauer|min\.?\s+Lesezeit)\s*$", re.I)
META_DATE_LINE = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b", re.I)
COVER_DATE = re.compile(
    r"^\s*(?P<published>[A-Za-z]+\.?\s+\d{1,2},?\s+\d{4})\s*"
    r"(?:\(\s*reporting\s+period\s*:?\s*(?P<start>[A-Za-z]+\.?\s+\d{1,2})(?:,?\s*\d{4})?\s*[-–—]\s*"
    r"(?P<end>[A-Za-z]+\.?\s+\d{1,2})(?:,?\s*\d{4})?\s*\))?\s*$",
    re.I,
)
TOPIC_LIST_INTRO = re.compile(r"\b(?:cover|look at|covers?)\b.*\b(?:topics?|following)\b.*:\s*$", re.I)
TOPIC_LIST_AUTHORS = re.compile(
    r"issue of (?:the )?MERICS China Industries(?: Brief)?,\s*(?P<names>.+?)\s+(?:look|looks|cover|covers)\b", re.I
)
PAYWALL = re.compile(
    r"(?:free excerpt|full access|subscribe|privileged access|membership model|click here|"
    r"read (?:the )?(?:full|whole)|paywall)",
    re.I,
)
NEWS_LINE = re.compile(
    r"^(?P<date>(?:[A-Za-z]+\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}\.?\s+[A-Za-z]+\.?)(?:,\s*\d{4})?)\s*:\s*(?P<text>.+)$"
)
NEWS_SOURCE = re.compile(r"\s*\((?P<label>[^()]{2,80})\)\s*\.?\s*$")

# What other MERICS (and similar) pages announce near the top, and the kind of record they become.
OTHER_FORMATS: tuple[tuple[re.Pattern[str], str, str | None], ...] = (
    (re.compile(r"^\s*(?:MERICS\s+)?China\s+Essentials\b", re.I), "china_essentials", "MERICS China Essentials"),
    (re.compile(r"^\s*TOP STORY\b"), "china_essentials", None),
    (re.compile(r"^\s*China\s+Monitor\s*$", re.I), "china_monitor", "MERICS China Monitor"),
    (re.compile(r"^\s*(?:Kommentar|Comment|Short analysis|Kurzanalyse)\s*$", re.I), "comment", None),
    (re.compile(r"^\s*(?:Report|Studie|Study)\s*$", re.I), "report", None),
    (re.compile(r"^\s*Tracker\s*$", re.I), "tracker", None),
    (re.compile(r"^\s*MERICS Economic Indicators\b", re.I), "tracker", "MERICS Economic Indicators"),
    (re.compile(r"MERICS Paper on China", re.I), "report", "MERICS Paper on China"),
    (re.compile(r"^\s*Key findings\s*$", re.I), "report", None),
    (re.compile(r"^\s*Getting China right\.?\s*$", re.I), "newsletter", None),
)

# Labels of a web page's frame that name its format (they stand alone on a line above the headline).
FRAME_LABEL = re.compile(
    r"^\s*(?:MERICS\s+)?(?:China\s+Essentials|China\s+Monitor|Kommentar|Comment|Short analysis|Kurzanalyse|"
    r"Report|Studie|Study|Tracker|Economic Indicators|Briefs?)\s*$",
    re.I,
)

PEOPLE_ROLE_WORDS = re.compile(
    r"\b(?:analyst|head|director|editor|fellow|researcher|program|programme|president|manager|MERICS|"
    r"senior|lead|associate|visiting|communications|publications)\b",
    re.I,
)
PERSON_NAME = re.compile(r"^(?:[A-ZÀ-Ý][\w'’.-]+)(?:\s+(?:van|von|de|der|da|[A-ZÀ-Ý][\w'’.-]+)){1,3}$")
TERMINAL_PUNCTUATION = re.compile(r"[.!?:;。！？；：…\"”’)\]）】]\s*$")
