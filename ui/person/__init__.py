"""The person page's tabs, one module each (ui/person_page.py puts them together)."""
