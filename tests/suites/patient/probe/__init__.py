"""A learner suite for the probe."""
