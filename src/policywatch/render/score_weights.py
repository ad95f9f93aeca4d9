"""The weights of the importance score (data only; the formula is in draft.py and docs/composer.md)."""

from __future__ import annotations

# Rank of an issuing body by its registry kind; the highest-ranked issuer counts.
BODY_KIND_RANK: dict[str, float] = {
    "government": 3.0,  # State Council
    "party": 3.0,  # CPC Central Committee and its commissions
    "legislature": 3.0,
    "ministry": 2.0,
    "commission": 2.0,
    "bank": 2.0,
    "administration": 1.5,
}
# The general offices of the State Council and the Central Committee speak for them.
BODY_ID_RANK: dict[str, float] = {"GOSC": 3.0, "GOCPCCC": 3.0}
OTHER_BODY_RANK = 1.0  # any other registered body (offices, academies, courts)
UNKNOWN_BODY_RANK = 0.5  # a named body the registry does not know

JOINT_ISSUER_BONUS = 0.5  # per issuer after the first
JOINT_ISSUER_CAP = 2.0
TARGET_WEIGHT = 0.5  # per quantified target
KEY_POINT_WEIGHT = 0.25  # per key point an analyst wrote
SUBSTANCE_CAP = 3.0  # targets and key points together
WATCH_SECTOR_WEIGHT = 2.0  # per sector on a watchlist
WATCH_SECTOR_CAP = 4.0
REPEAT_PENALTY = 4.0  # the item was a Top entry of an earlier brief
NEWS_LINE_PENALTY = 2.0  # a one-line Noteworthy mention, not yet written up

SUMMARY_MAX_CHARS = 400  # a drafted summary: the original's first paragraph, cut at a sentence end
DRAFTED_KEY_POINTS = 5  # a drafted item lists at most this many targets as key points
