"""The Frictionless package: Table Schemas, CSV writing, descriptor, validation."""
