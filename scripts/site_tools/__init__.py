"""Shared logic for the site's scripts and tests: configuration, languages, pages, builds.

Everything that more than one script or test needs lives here, so that the language
list, the docs layout and the build steps are defined once.
"""
