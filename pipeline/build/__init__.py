"""A build: plan the scenes against the cache, render what is missing in worker processes, add the
sound, publish the site, trim the cache. :func:`pipeline.build.run.build` is the entry point.
"""
