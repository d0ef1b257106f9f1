"""Bundled course data and the dataset registry.

Installed by pip as the package ``course_datasets`` (see pyproject.toml), so
the registry and any bundled files are there on Colab too. Read it through
``course_lib.data.registry()``.
"""
