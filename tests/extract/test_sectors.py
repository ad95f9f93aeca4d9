"""Sectors in text, by keyword."""

from __future__ import annotations

import pytest

from policywatch.extract.sectors import extract_sectors

CASES = [
    ("EV battery production in Shenyang", ("electric_vehicles", "batteries")),
    ("Batteries, semiconductors and chips", ("batteries", "semiconductors")),
    ("a plan to boost the virtual reality (VR) industry and the metaverse", ("virtual_reality",)),
    ("polysilicon output and photovoltaic (PV) pilots", ("solar",)),
    ("offshore wind farms and hydrogen refuelling stations", ("wind", "hydrogen")),
    ("new-type energy storage and the power grid", ("energy_storage", "power_grid")),
    ("crude steel output and rare earth quotas", ("steel", "rare_earths")),
    ("recycled metal in the non-ferrous metal industry", ("non_ferrous_metals",)),
    ("cement, glass and ceramics", ("building_materials",)),
    ("industrial software and big data", ("software", "data_economy")),
    ("5G base towers and data centers with 300 EFLOPS", ("telecom", "computing_power")),
    ("robots per 10,000 workers and humanoid robots", ("robotics",)),
    ("innovative drugs and medical devices", ("biomedicine", "medical_devices")),
    ("intellectual property rights and patents", ("intellectual_property",)),
    ("quantum computing and aerospace", ("quantum", "aerospace")),
    ("CCUS and carbon peaking in industry", ("environment_carbon",)),
    ("AI chips", ("artificial_intelligence", "semiconductors")),
    ("新能源汽车和动力电池", ("electric_vehicles", "batteries")),
    ("到2025年，集成电路和人工智能产业", ("semiconductors", "artificial_intelligence")),
    ("工業互聯網與鋼鐵行業", ("telecom", "steel")),
    # the name of a body is not its sector
    ("国家知识产权局发布通知", ()),
    ("The China Securities Regulatory Commission met", ()),
    # no sector
    ("The meeting took place on Monday", ()),
    ("Ai Weiwei and ev", ()),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_extract_sectors(text: str, expected: tuple[str, ...]) -> None:
    assert extract_sectors(text) == expected
