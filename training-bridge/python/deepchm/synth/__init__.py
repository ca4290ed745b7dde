"""Synthetic metaphases: the composer (scenes of real or procedural chromosomes) and simple ribbons."""
