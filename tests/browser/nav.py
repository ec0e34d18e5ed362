"""The main navigation in a browser test: on a phone some places sit in the "More" menu."""


def nav_link(page, name):
    """The visible link of the main navigation named `name`, opening "More" if needed."""
    # Until the stylesheet has loaded, the desk bar's copy of a link shows on a phone
    # too, and would be taken for the visible one.
    page.wait_for_load_state()
    nav = page.get_by_role("navigation", name="Main")
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        nav.get_by_text("More", exact=True).click()
    return link
