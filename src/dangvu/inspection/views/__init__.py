"""The inspection pages, cut along their seams: programmes, inspections, discipline, statistics."""
