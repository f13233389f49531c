"""No tests here: this suite tests only the service and the workers."""
