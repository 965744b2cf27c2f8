"""Figures from DUO's open-data files: the reader (figures.py, Django-free), the report of
one file for all schools of an SWV (region.py), the SWV's proposal service (services.py)
and the pages (views.py). The rows they leave stay in cycle's models (DuoValue,
DuoProposal); the rule which item takes which figure is the format's (`prefill:`)."""
