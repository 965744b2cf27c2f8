"""Open SOP: school support profiles as structured, comparable data."""
