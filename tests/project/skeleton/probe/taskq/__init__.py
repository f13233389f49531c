"""A probe project for the engine's "project" kind: a package at the project folder's top."""
