"""Scripts that train the models shipped in ``models/``."""
