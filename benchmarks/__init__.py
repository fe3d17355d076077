"""Speed of the running app, measured against a live server; run with ``python -m benchmarks``.

Not tests: numbers depend on the machine, so each table reports ratios within one run where a
comparison matters. To add a benchmark, put a module in this package with a function decorated
``@register("title")``; it receives the running :class:`~benchmarks.server.LiveServer` and
returns a :class:`~benchmarks.registry.Table`. Every module here is imported by the runner.
"""
