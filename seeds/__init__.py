"""The seed article, its metadata and its curated fact sheet, shipped with dealgraph."""
