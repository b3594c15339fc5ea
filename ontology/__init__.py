"""Data shipped with dealgraph: the ontology, SHACL shapes, fact types, named queries and lexicons."""
