"""Views of the tools, one module per tool."""
