"""dealgraph: trace geopolitical technology deals through the news."""

__version__ = "0.1.0"
