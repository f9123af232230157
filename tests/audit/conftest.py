from tests.projects.nav_urls import menu_links_resolve

__all__ = ["menu_links_resolve"]
