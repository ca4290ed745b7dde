"""Command-line tools around the trainer: anchor fit, ADIR import."""
