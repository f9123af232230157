"""A small hand-computed delivery: three projects, six participants, five outcomes.

Project ``a`` (targets 4 and 2): p1 turns 41 on the intake day (low, work, permanent, 36 h),
p2 has a birth year only (31; middle, learn-work, fixed-term, 35.99 h), p3 has no age and no
education (no work), p4 turns 21 the day after intake (20; high; self-employed in December,
without contract or hours), p5 (50; high) joins in September and has no outcome. Project ``b``
has targets 0 and one participant (56; middle) who dropped out. Project ``c`` has no
participants.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from werkbrug.indicators import OutcomeRow, ParticipantRow, ProjectInfo

D = dt.date

PROJECTS = [
    ProjectInfo("a", "Project A", 4, 2, network="sector", continuation="continued"),
    ProjectInfo("b", "Project B", 0, 0),
    ProjectInfo("c", "Project C without participants", 10, 5),
]
PARTICIPANTS = [
    ParticipantRow("p1", "a", D(2011, 1, 10), D(1970, 1, 10), None, "vmbo"),
    ParticipantRow("p2", "a", D(2011, 2, 1), None, 1980, "mbo"),
    ParticipantRow("p3", "a", D(2011, 3, 1), None, None, None),
    ParticipantRow("p4", "a", D(2011, 6, 1), D(1990, 6, 2), None, "hbo"),
    ParticipantRow("p5", "a", D(2011, 9, 1), D(1961, 1, 1), None, "wo_master"),
    ParticipantRow("q1", "b", D(2011, 4, 1), D(1955, 4, 1), None, "vwo"),
]
OUTCOMES = [
    OutcomeRow("p1", "work", D(2011, 5, 1), "permanent", Decimal(36)),
    OutcomeRow("p2", "learn_work", D(2011, 7, 1), "fixed_term", Decimal("35.99")),
    OutcomeRow("p3", "no_work", D(2011, 8, 1)),
    OutcomeRow("p4", "self_employed", D(2011, 12, 1)),
    OutcomeRow("q1", "dropout", D(2011, 5, 1), "permanent", Decimal(40)),
]
