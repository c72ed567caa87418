"""newsprism: a sourced, cross-checked picture of a crisis from many news articles."""

__version__ = "0.1.0"
