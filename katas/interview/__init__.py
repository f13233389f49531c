"""Interview readiness: questions interviewers ask, answered as data and code the grader runs."""
