"""The render cache: keys (:mod:`.keys`), entries checked before reuse (:mod:`.entries`), scratch
folders (:mod:`.scratch`), each scene's sentences (:mod:`.texts`) and the size cap (:mod:`.limit`).

Nothing is imported here: a render process imports only the modules it needs.
"""
