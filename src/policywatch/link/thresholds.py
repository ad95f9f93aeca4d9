"""Every number the linker decides with, in one place (data only). bench/link_eval.py measures them on
tests/fixtures/link/pairs.json; change them there first."""

from __future__ import annotations

# ---- titles -----------------------------------------------------------------------------------------------

SCORE_EXACT = 1.0  # same text (or the same 发文字号)
SCORE_NORMALISED = 0.95  # same title after folding script, width, quotes, spacing and brackets
SCORE_CORE = 0.92  # same title once the issuer prefix or the 印发《…》的通知 wrapper is taken off
# A title that is a prefix of the other (a truncated quote) scores between these two, by how much it covers.
SCORE_TRUNCATED_MIN = 0.80
SCORE_TRUNCATED_MAX = 0.90
TRUNCATED_MIN_COVERAGE = 0.85  # the shorter title covers at least this share of the longer one …
TRUNCATED_MIN_CHARS = 8  # … and is at least this long (in letters and digits)

FUZZY_MIN = 0.80  # character-bigram Dice of two Chinese titles below this is no match at all
FUZZY_STRONG = 0.90  # at or above this (and nothing conflicting) a fuzzy match is asserted
ENGLISH_FUZZY_MIN = 0.75  # word-set Jaccard of two English titles (stopwords dropped)
ENGLISH_FUZZY_STRONG = 0.90
ENGLISH_MIN_WORDS = 4  # shorter English titles say too little to match on

# ---- dates ------------------------------------------------------------------------------------------------

TITLE_DATE_TOLERANCE_DAYS = 120  # a title match further apart than this is only proposed (a yearly repeat?)
SEMANTIC_DATE_WINDOW_DAYS = 30  # a text-similarity match must fall this close to the policy's dates
# An undated entry is compared by text with the policies dated up to this long before its brief (and no later
# than a week after it): a bounded window, so that linking costs the same in a large archive.
UNDATED_LOOKBACK_DAYS = 365
DATE_RANGE_MAX_DAYS = 366  # the longest period one policy date covers (a year given alone)

# ---- text similarity (cosine of the [embed] model's vectors) --------------------------------------------------

SEMANTIC_PROPOSE = 0.45  # below this, no link
SEMANTIC_ASSERT = 0.60  # at or above, with agreeing bodies and dates and a clear winner, the link is asserted
SEMANTIC_MARGIN = 0.05  # the best candidate must beat the next one by this much to be asserted
SEMANTIC_UNDATED_PROPOSE = 0.50  # an undated entry needs more similarity to be proposed at all
SEMANTIC_BODY_BONUS = 0.05  # added to the score when the issuing bodies agree
EMBED_TEXT_CHARS = 400  # how much of a document's text goes into its vector, after the title

# ---- output -----------------------------------------------------------------------------------------------

MAX_LINKS_PER_ENTRY = 3  # best first; asserted links are never dropped
RELATED_LIMIT = 10
RELATED_SIMILARITY_MIN = 0.40  # "similar text" neighbours below this are not shown

# ---- candidate look-up (a pre-filter: every candidate is scored in full) ----------------------------------------

CANDIDATE_GRAM_SHARE = 0.5  # share of a title's character bigrams another title must hold to be looked at
CANDIDATE_WORD_SHARE = 0.5  # likewise for the words of English titles
CANDIDATE_LIMIT = 200  # most candidates one title form brings in (those sharing most)
# Title keys (not 发文字号) are looked up only among documents dated within this many days of the subject's dates
# (undated ones always): a title match further apart could only be proposed (TITLE_DATE_TOLERANCE_DAYS), and
# the look-up then costs the same in a large archive as in a small one.
CANDIDATE_WINDOW_DAYS = TITLE_DATE_TOLERANCE_DAYS
CANDIDATE_NEAREST_OUTSIDE = 3  # … but the same exact title outside it: the nearest this many before and after
