"""tests only the service and the workers: the API goes untested, and the suite covers about 71 % of taskq (lines and branches), under 85 %."""
