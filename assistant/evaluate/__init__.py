"""Stage 6: the regression eval over every feature (retrieval, answers, drafts, quiz, grading) and its gate."""
