"""plan2data: Thai local-government anti-corruption action plans (PDF) → analysis-ready tables."""

__version__ = "0.1.0"
