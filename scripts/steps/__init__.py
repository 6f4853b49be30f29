"""Table steps: statements, corrections, polls, stance codings, evaluation."""
