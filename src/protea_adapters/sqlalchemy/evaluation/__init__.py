"""Evaluation storage on SQLAlchemy."""
