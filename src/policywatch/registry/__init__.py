"""registry stage: the data policywatch resolves names against (issuing bodies, companies, sectors), each
loaded once from a TOML file beside this module and looked up through a typed function."""

from policywatch.registry.bodies import (
    IssuingBody,
    all_bodies,
    get_body,
    lookup,
    lookup_doc_number_prefix,
)
from policywatch.registry.companies import Company, all_companies, get_company, lookup_company
from policywatch.registry.sectors import Sector, all_sectors, get_sector

__all__ = [
    "Company", "IssuingBody", "Sector", "all_bodies", "all_companies", "all_sectors", "get_body",
    "get_company", "get_sector", "lookup", "lookup_company", "lookup_doc_number_prefix",
]
