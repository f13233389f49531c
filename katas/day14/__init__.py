"""Day 14 — Infrastructure basics: a Dockerfile and its .dockerignore, a Compose file, typed
settings from the environment, and JSON logs. No Docker engine is needed: the graders use the
field's own checkers — hadolint, a Dockerfile parser, the real ``docker-compose config`` — and
run your Python with the environment they set."""
