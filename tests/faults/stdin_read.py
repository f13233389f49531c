"""Asks for input while being imported."""
name = input("Your name? ")
