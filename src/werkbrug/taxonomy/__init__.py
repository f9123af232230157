"""Code lists as data: education, occupations, sectors, regions and the exchange format's codes.

Pure Python (standard library only, no Django, no database), so the importer, the indicators
and the web pages all read the same lists. Each list is a :class:`CodeList` of :class:`Code`
entries with a Dutch and an English label; lookups ignore case and surrounding whitespace.

What each list is based on, and what was left out because we could not state it with
certainty, is written in the docstring of its module: :mod:`~werkbrug.taxonomy.education`
(CBS SOI 2021 levels), :mod:`~werkbrug.taxonomy.isco` (ISCO-08, ESCO URIs),
:mod:`~werkbrug.taxonomy.sbi` (SBI 2008 sections), :mod:`~werkbrug.taxonomy.regions`
(arbeidsmarktregio's) and :mod:`~werkbrug.taxonomy.simple` (the exchange format's own codes).
"""

from werkbrug.taxonomy.codes import LEVELS, Code, CodeList
from werkbrug.taxonomy.education import (
    EDUCATION,
    EDUCATION_ORDER,
    EDUCATION_RANKS,
    EducationLevel,
    education_at_least,
    education_level,
    education_rank,
)
from werkbrug.taxonomy.isco import (
    ESCO_OCCUPATION_PREFIX,
    ISCO,
    ISCO_LEVEL_NAMES,
    esco_occupation_uuid,
    is_esco_occupation_uri,
    is_isco_unit_group,
    isco_level,
    isco_major_group,
    isco_unit_groups,
    isco_unit_groups_named,
)
from werkbrug.taxonomy.regions import REGIONS, region_key
from werkbrug.taxonomy.sbi import SBI_SECTIONS
from werkbrug.taxonomy.simple import (
    ACTIVITY_KINDS,
    CONTINUATIONS,
    CONTRACTS,
    FORMAL_AGREEMENTS,
    GENDERS,
    NETWORKS,
    OUTCOMES,
    PARTNER_ROLES,
    SITUATIONS,
    TRANSITION_OUTCOMES,
)

__all__ = [
    "ACTIVITY_KINDS",
    "CONTINUATIONS",
    "CONTRACTS",
    "EDUCATION",
    "EDUCATION_ORDER",
    "EDUCATION_RANKS",
    "ESCO_OCCUPATION_PREFIX",
    "FORMAL_AGREEMENTS",
    "GENDERS",
    "ISCO",
    "ISCO_LEVEL_NAMES",
    "LEVELS",
    "NETWORKS",
    "OUTCOMES",
    "PARTNER_ROLES",
    "REGIONS",
    "SBI_SECTIONS",
    "SITUATIONS",
    "TRANSITION_OUTCOMES",
    "Code",
    "CodeList",
    "EducationLevel",
    "education_at_least",
    "education_level",
    "education_rank",
    "esco_occupation_uuid",
    "is_esco_occupation_uri",
    "is_isco_unit_group",
    "isco_level",
    "isco_major_group",
    "isco_unit_groups",
    "isco_unit_groups_named",
    "region_key",
]
