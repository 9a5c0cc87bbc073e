"""The pipeline's version: outputs record it, a batch redoes documents done by another."""

__version__ = "0.1.0"
