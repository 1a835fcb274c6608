"""Lambda entry point of Slam: turns events into WSGI/ASGI calls and back."""
