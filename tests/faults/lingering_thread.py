"""Starts a non-daemon thread that never ends, so the interpreter cannot exit afterwards."""
import threading

threading.Thread(target=threading.Event().wait, daemon=False).start()
