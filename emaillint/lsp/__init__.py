"""Language server: editor buffers in, diagnostics, hovers and code actions out (``emaillint lsp``).

Only :mod:`emaillint.lsp.server` and :mod:`emaillint.lsp.convert` /
:mod:`emaillint.lsp.actions` import pygls/lsprotocol; importing this package
itself costs nothing, so the CLI stays fast when the ``lsp`` extra is absent.
"""
