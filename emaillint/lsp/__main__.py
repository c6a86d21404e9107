"""``python -m emaillint.lsp``: the same as ``emaillint lsp``."""
from emaillint.lsp.server import serve

serve()
