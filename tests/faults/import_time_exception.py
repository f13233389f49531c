"""Raises while the module is being imported."""
settings = {"retries": 3}
limit = settings["timeout"]
