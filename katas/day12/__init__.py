"""Day 12 — Backend stack (FastAPI): each kata is an app factory, ``create_app()``, or a piece of
one. The graders drive your app over ASGI with httpx (its lifespan run) and once through a real
uvicorn server on 127.0.0.1; they read its OpenAPI schema and swap its dependencies."""
