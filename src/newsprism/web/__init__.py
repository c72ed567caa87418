"""The web face: server-rendered pages, their JSON twins and the HTTP API, over the library.

Nothing here computes what the library knows; it asks :class:`newsprism.api.Newsprism`.
"""
