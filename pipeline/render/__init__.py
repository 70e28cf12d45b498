"""What runs inside a render process: the worker, the TeX batch and format, the shared TeX store,
the encoder settings. A clip's cache key hashes every project module a render imports
(:func:`pipeline.cache.keys.code_modules`, starting at :mod:`.worker`).

Nothing is imported here, so that importing one module does not pull in the others.
"""
