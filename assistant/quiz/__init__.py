"""Quiz banks from clauses, their Excel/JSON export, and grading of trainees' answers."""
