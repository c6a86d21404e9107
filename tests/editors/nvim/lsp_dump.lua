-- Drive `emaillint lsp` from a real Neovim (0.7+; only 0.7 APIs: vim.lsp.start_client,
-- buf_attach_client, vim.wait, vim.diagnostic.get, buf_request_sync) and dump what the
-- editor saw to JSON for tests/editors/nvim/test_nvim_lsp.py.
--
--   EMAILLINT_LSP_CMD_JSON  the server command as a JSON list (default ["emaillint","lsp"])
--   EMAILLINT_NVIM_OUT      where to write the JSON (default nvim-lsp.json)
--   EMAILLINT_NVIM_CODE     the rule whose hover and code actions to ask for (default EL703)
--   EMAILLINT_NVIM_APPLY    apply the first code action whose title contains this text (optional)
--
-- Run: nvim --headless -u NONE -i NONE -n -c "luafile lsp_dump.lua" draft.txt
local out_path = os.getenv("EMAILLINT_NVIM_OUT") or "nvim-lsp.json"
local cmd = vim.fn.json_decode(os.getenv("EMAILLINT_LSP_CMD_JSON") or '["emaillint","lsp"]')
local target = os.getenv("EMAILLINT_NVIM_CODE") or "EL703"
local apply = os.getenv("EMAILLINT_NVIM_APPLY")
local out = { nvim = tostring(vim.version().major) .. "." .. vim.version().minor .. "." .. vim.version().patch }

local function dump_diagnostics(bufnr)
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(items, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
                          code = d.code, message = d.message, severity = d.severity, source = d.source })
  end
  return items
end

local function find(bufnr, code)
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == code then return d end
  end
  return nil
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  local root = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ":p:h")
  local id = vim.lsp.start_client({ name = "emaillint", cmd = cmd, root_dir = root })
  assert(id, "vim.lsp.start_client returned nil for " .. table.concat(cmd, " "))
  out.client_id = id
  vim.lsp.buf_attach_client(bufnr, id)

  local t0 = vim.loop.hrtime()
  out.waited_ok = vim.wait(20000, function() return find(bufnr, target) ~= nil end, 10)
  out.first_diagnostics_ms = (vim.loop.hrtime() - t0) / 1e6
  out.diagnostics = dump_diagnostics(bufnr)
  local client = vim.lsp.get_client_by_id(id)
  out.offset_encoding = client and client.offset_encoding or nil

  local d = find(bufnr, target)
  if d then
    local rng = { start = { line = d.lnum, character = d.col }, ["end"] = { line = d.end_lnum, character = d.end_col } }
    -- hover at the finding
    local hov = vim.lsp.buf_request_sync(bufnr, "textDocument/hover",
      { textDocument = vim.lsp.util.make_text_document_params(bufnr), position = rng.start }, 10000) or {}
    for _, r in pairs(hov) do
      if r.result and r.result.contents then out.hover = r.result.contents.value or r.result.contents end
    end
    -- 0.7 keeps only code/data in user_data.lsp: rebuild a full LSP Diagnostic for the context
    local lsp_d = { range = rng, message = d.message, severity = d.severity, source = d.source, code = d.code,
                    data = d.user_data and d.user_data.lsp and d.user_data.lsp.data or nil }
    local res = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction",
      { textDocument = vim.lsp.util.make_text_document_params(bufnr), range = rng,
        context = { diagnostics = { lsp_d } } }, 10000) or {}
    out.code_actions = {}
    local chosen = nil
    for _, r in pairs(res) do
      for _, a in ipairs(r.result or {}) do
        table.insert(out.code_actions, a.title)
        if apply and not chosen and string.find(a.title, apply, 1, true) then chosen = a end
      end
    end
    if apply then
      out.applied = chosen and chosen.title or nil
      if chosen then
        local tick = vim.api.nvim_buf_get_changedtick(bufnr)
        vim.lsp.util.apply_workspace_edit(chosen.edit, out.offset_encoding or "utf-16")
        out.changed = vim.api.nvim_buf_get_changedtick(bufnr) ~= tick
        -- the buffer change goes to the server as didChange; wait for the finding to go away
        out.gone_after_apply = vim.wait(20000, function() return find(bufnr, target) == nil end, 10)
        -- and for the fresh diagnostics (the score line comes back with every publish)
        vim.wait(5000, function() return #vim.diagnostic.get(bufnr) > 0 end, 10)
        out.diagnostics_after = dump_diagnostics(bufnr)
        out.lines_after = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
      end
    end
  end
  vim.lsp.stop_client(id)
end

local ok, err = pcall(run)
if not ok then out.error = tostring(err) end
local f = assert(io.open(out_path, "w"))
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd("qa!")
