-- Save a draft in a Neovim whose init.lua is docs/editors.md's first snippet plus its fix-on-save snippet,
-- then write what happened to JSON for test_nvim_fix_on_save.py. Nothing here fixes: the snippet must.
--
--   EMAILLINT_NVIM_OUT   where to write the JSON
--   EMAILLINT_NVIM_CODE  a finding to wait for before saving (the server has judged the draft)
local out = { nvim = tostring(vim.version().major) .. "." .. vim.version().minor .. "." .. vim.version().patch }
local target = os.getenv("EMAILLINT_NVIM_CODE")

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  out.waited_ok = vim.wait(30000, function()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == target then return true end
    end
    return false
  end, 20)
  out.clients = #vim.lsp.buf_get_clients(bufnr)
  vim.cmd("write")
  out.modified_after_write = vim.bo[bufnr].modified
end

local ok, err = pcall(run)
if not ok then out.error = tostring(err) end
local f = assert(io.open(os.getenv("EMAILLINT_NVIM_OUT"), "w"))
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd("qa!")
