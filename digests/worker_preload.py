"""Imported once by the ingest's fork server: workers forked from it start with jieba loaded.

Loading the dictionary and IDF table here, before any worker forks, lets every worker
share those ~200 MB of pages instead of each loading its own copy; ``gc.freeze`` keeps
the collector from touching (and so copying) them.
"""

import gc

from digests.summarizer import warm_up

warm_up()
gc.freeze()
