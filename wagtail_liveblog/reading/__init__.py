"""The read side: what readers and API clients get, and the queries behind it.

``render`` and ``serialize`` turn one update into its stored HTML and API
data (at publish, never per request); ``queries`` and ``changes`` are the
indexed reads every reader route and API route runs.
"""
