"""矿山安全政策助手 (mine-assistant): a cited, offline knowledge base of mine-safety regulations.

The package follows the pipeline: ``ingest`` → ``index`` → ``retrieve`` → answer / draft / quiz →
``cli`` / ``web``. Nothing heavy is imported here, so ``mine-assistant --help`` stays instant.
"""

__version__ = "0.1.0"
