"""The read side above the models: the indexed queries every reader route
and API route runs (``queries``), the one change feed (``changes``), and
the reads themselves as functions that return data or raise a parameter
error (``service``), which the reader routes and both APIs adapt.

What is stored for readers (an update's HTML and JSON, made at publish)
is ``readmodel/``, below the models.
"""
