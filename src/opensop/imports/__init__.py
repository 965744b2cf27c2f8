"""Importing what regions already have: DUO's school register and filled PDF forms."""
