"""The service's ASGI app: ``uvicorn service.app:app`` serves it (complete: nothing to write).

``GET /health`` answers ``{"status": "ok"}``: the image's ``HEALTHCHECK`` probes it.
"""

from fastapi import FastAPI

app = FastAPI(title="day14 service")


@app.get("/health")
def health() -> dict[str, str]:
    """Liveness: 200 and ``{"status": "ok"}`` while the process serves requests."""
    return {"status": "ok"}
