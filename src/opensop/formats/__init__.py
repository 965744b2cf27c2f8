"""The format core: profile formats as data, answers, computed values, norms and needs.

Plain Python with no Django import (ruff's banned-api enforces it), shared by the
command line, the importers, the documents and the web app.
"""
