"""The small web service the Day 14 Dockerfile packages (complete: nothing to write here)."""
