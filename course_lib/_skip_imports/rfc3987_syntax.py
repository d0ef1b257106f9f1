"""Put first on PYTHONPATH of the nbgrader processes the course starts (:func:`course_lib.release.tool_env`).

jsonschema, under nbformat, imports ``rfc3987_syntax`` when it is installed; that module builds
an Earley parser when imported (over 2 s of every process) for the "iri" string format, which no
notebook schema uses. Raising ImportError here makes jsonschema skip that one format.
"""
raise ImportError("rfc3987_syntax is skipped in the course's tool processes (see course_lib/_skip_imports)")
