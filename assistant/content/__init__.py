"""Content shared by drafts and quizzes: facts in clause text, clause selection and fill-in templates."""
