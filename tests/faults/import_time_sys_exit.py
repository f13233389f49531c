"""An honest "quick manual check" at the bottom of the file: ``sys.exit(0)`` while importing."""
import sys

print("looks fine")
sys.exit(0)
