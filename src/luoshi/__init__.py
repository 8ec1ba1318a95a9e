"""luoshi (落实): from a government work report to a tracked delivery plan."""

__version__ = "0.1.0"
