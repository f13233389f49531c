"""Never finishes importing (waits for a server that never comes up)."""
import time

while True:
    time.sleep(0.01)
