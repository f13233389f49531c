"""No tests here: the API, service and worker smoke tests call everything."""
