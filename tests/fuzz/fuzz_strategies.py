"""Hypothesis settings and strategies for the fuzz tests: a bounded profile for CI, inputs shaped like ours.

The profile runs FUZZ_EXAMPLES examples per test (50; POLICYWATCH_FUZZ_EXAMPLES raises it for a longer local
run) without hypothesis's per-example deadline: each call has its own wall-clock cap instead. The examples are
derandomized, so every run of the suite tries the same inputs and a red run is a change in the code, not luck;
POLICYWATCH_FUZZ_RANDOM=1 draws new ones, and bench/fuzz_long.py explores for minutes.
"""

from __future__ import annotations

import os

from fuzz_targets import OPS
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

FUZZ_EXAMPLES = int(os.environ.get("POLICYWATCH_FUZZ_EXAMPLES", "50"))

settings.register_profile(
    "policywatch-fuzz",
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=not os.environ.get("POLICYWATCH_FUZZ_RANDOM"),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)
FUZZ = settings(settings.get_profile("policywatch-fuzz"))
CORPUS_FUZZ = settings(FUZZ, max_examples=max(1, FUZZ_EXAMPLES // 2))

MUTATIONS = st.lists(
    st.tuples(
        st.integers(0, len(OPS) - 1),
        st.integers(0, 2**32 - 1),
        st.integers(0, 2**32 - 1),
        st.binary(max_size=32),
    ),
    min_size=1,
    max_size=6,
)

# Pieces of the documents the parsers look for, written for these tests: headings, item markers, dates,
# document numbers, targets and noise, so random text reaches deep into the parsers' branches.
FRAGMENTS = (
    "\n", "\n\n", " ", "\t", "\u3000", "1. ", "2) ", "• ", "- ", "* ", "**", "[", "](", ")", "\\[", "#", "Top 5",
    "TOP 5", "China Industries", "MERICS", "MERICS comment:", "Read time: 4 min", "Contents", "Noteworthy",
    "In other news", "December 7, 2022 (REPORTING PERIOD: OCTOBER 25 - NOVEMBER 29)", "Updated: 3 May 2021",
    "Published on", "by 2025", "to 40 percent", "100 GW", "USD 3.5 billion", "reach 1,000,000 units", "from 2020",
    "2023-08-09", "Ministry of Industry and Information Technology", "NDRC", "State Council", "CATL", "Huawei",
    "关于", "印发", "的通知", "通知", "意见", "办法", "工业和信息化部", "国务院办公厅", "各省、自治区、直辖市",
    "工信部规〔2023〕12号", "国发〔2021〕3号", "第", "条", "到2025年", "达到", "亿元", "万辆", "%", "。", "，",
    "；", "（", "）", "《", "》", "征求意见稿", "2023年1月5日", "废止", "附件：", "特此通知。", "联系人：",
    "\u200b", "\ufeff", "\ufffe", "\u2028", "\x00", "\x0c", "ﬁ", "①",
)
STRUCTURED_TEXT = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=12)), max_size=120
).map("".join)
RANDOM_TEXT = st.text(max_size=3000)
RANDOM_BYTES = st.binary(max_size=4096)
