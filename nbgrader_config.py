"""nbgrader configuration of the course.

Instructor sources live in ``solutions/``; ``course release`` (``make release``)
writes the student versions to ``modules/``. The gradebook is SQLite in the
git-ignored ``.nbgrader/`` folder unless ``COURSE_GRADEBOOK_URL`` gives any
SQLAlchemy URL (e.g. ``postgresql://user@host/course``).
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))

c = get_config()  # noqa: F821 - provided by nbgrader when it loads this file

c.CourseDirectory.course_id = "deep-learning-course"
c.CourseDirectory.root = HERE
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "modules"
c.CourseDirectory.submitted_directory = os.path.join(".nbgrader", "submitted")
c.CourseDirectory.autograded_directory = os.path.join(".nbgrader", "autograded")
c.CourseDirectory.feedback_directory = os.path.join(".nbgrader", "feedback")

_default_db = os.path.join(HERE, ".nbgrader", "gradebook.db")
os.makedirs(os.path.dirname(_default_db), exist_ok=True)
c.CourseDirectory.db_url = os.environ.get("COURSE_GRADEBOOK_URL", "sqlite:///" + _default_db)

# What a learner sees where a solution was: a clear instruction, and an error
# so that an unanswered exercise can never pass its tests.
c.ClearSolutions.code_stub = {
    "python": "# YOUR CODE HERE (replace the next line)\nraise NotImplementedError()"
}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# Grading: generous per-cell timeout for small training runs on 2 CPU cores;
# fast mode keeps notebooks short when graded.
c.ExecutePreprocessor.timeout = 600
c.Execute.timeout = 600
# nbgrader stops a cell whose last output arrives more than iopub_timeout seconds after the cell
# finished (default 4 s), and that fails a correct answer on a busy machine: wait up to 2 minutes.
c.ExecutePreprocessor.iopub_timeout = 120
c.Execute.iopub_timeout = 120

# Points are decided outside the learner's kernel: test cells run there with the
# check helpers only recording values, and a trusted judge compares them with our
# solution's (course_lib/grading/nbgrader_route.py). Plain `nbgrader autograde`
# does this without a sandbox; `course grade` adds one.
c.DifferentialExecute.source_root = os.path.join(HERE, "solutions")
c.DifferentialExecute.timeout = 600

# Log lines on stderr (TensorFlow, absl, warnings) must not cost a correct
# answer its points: see course_lib/nbgrader_ext.py.
try:
    from course_lib.nbgrader_ext import autograde_preprocessors

    c.Autograde.autograde_preprocessors = autograde_preprocessors()
except ImportError:  # course_lib not installed: plain nbgrader behaviour
    pass
