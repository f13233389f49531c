"""What every grader shares: the one Hypothesis profile used for grading.

Derandomized so a learner sees the same failing case on every run; no example database and no
reproduce blob (both mean nothing to a learner and the database would be written to disk);
one failure at a time rather than an ExceptionGroup of them;
no ``explain`` phase, whose output names grader files; no deadline, because slowness is the
engine's per-test time limit's business, not a flaky Hypothesis error.
"""

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "grading",
    derandomize=True,
    database=None,
    print_blob=False,
    max_examples=100,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow],
    report_multiple_bugs=False,  # one failure, explained well, beats an ExceptionGroup
)
settings.load_profile("grading")
