"""Slam's event adapter: API Gateway, ALB and function URL events to WSGI/ASGI.

slam_handler.py, at the root of the Lambda package, is the entry point; this
package holds the translation, one module per event source and per interface.
docs/adapter.md describes the behaviour.
"""
