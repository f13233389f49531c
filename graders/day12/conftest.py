"""What Day 12's graders share: the learner's app over ASGI and under uvicorn (graders/support/web.py)."""

from graders.support.web import asgi_client, uvicorn_client

__all__ = ["asgi_client", "uvicorn_client"]
