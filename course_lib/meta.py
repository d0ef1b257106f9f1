"""Where the course lives: the one place that names the public repository.

Colab badges and the Colab set-up cell of every notebook are built from these
values; ``tests/test_hygiene.py`` checks that every notebook agrees with them.
"""
REPO_SLUG = "open-dl-course/deep-learning-course"
BRANCH = "main"


def colab_url(path: str) -> str:
    """Open-in-Colab link of a notebook given by its path in the repository."""
    return f"https://colab.research.google.com/github/{REPO_SLUG}/blob/{BRANCH}/{path}"


def colab_badge(path: str) -> str:
    """Markdown for the Open-in-Colab badge of a notebook."""
    return f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]({colab_url(path)})"


def pip_spec() -> str:
    """What the Colab set-up cell installs: course_lib straight from the repository."""
    return f"course_lib @ git+https://github.com/{REPO_SLUG}@{BRANCH}"
