-- Press the documented keys in a Neovim whose init.lua is the snippet from docs/editors.md, and
-- write what happened to JSON for test_nvim_snippet.py. Nothing here starts or attaches the
-- server: the snippet must have done that when the draft was opened.
--
--   EMAILLINT_NVIM_OUT    where to write the JSON
--   EMAILLINT_NVIM_CODE   the finding to put the cursor on
--   EMAILLINT_NVIM_APPLY  with <leader>a, choose the code action whose title contains this (optional)
--   EMAILLINT_NVIM_SAVE   set: once the finding is in, only :write the draft (the fix-on-save snippet's test)
--
-- Run: nvim --headless -i NONE -n -u snippet.lua draft.txt -c "luafile keys.lua"
local out = { nvim = tostring(vim.version().major) .. "." .. vim.version().minor .. "." .. vim.version().patch }
local target = os.getenv("EMAILLINT_NVIM_CODE")
local apply = os.getenv("EMAILLINT_NVIM_APPLY")

local function floating_window()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= "" then return w end
  end
end

local function press(keys)  -- as typed, through the mappings the snippet made
  vim.cmd("normal " .. keys)
end

local function run()
  local bufnr = vim.api.nvim_get_current_buf()
  out.filetype = vim.bo[bufnr].filetype
  local function find()
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if d.code == target then return d end
    end
  end
  out.waited_ok = vim.wait(30000, function() return find() ~= nil end, 20)
  out.clients = #vim.lsp.buf_get_clients(bufnr)
  out.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out.diagnostics, { code = d.code, lnum = d.lnum, col = d.col, message = d.message })
  end
  local d = find()
  if not d then return end
  if os.getenv("EMAILLINT_NVIM_SAVE") then
    vim.cmd("write")
    out.modified_after_write = vim.bo[bufnr].modified
    return
  end

  -- ]d: from the top, the cursor lands on a finding
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  press("]d")
  local pos = vim.api.nvim_win_get_cursor(0)
  out.after_next = { pos[1] - 1, pos[2] }

  -- ]d also shows the finding's message in a float (scheduled): wait for it, then close it
  out.next_opened_float = vim.wait(5000, function() return floating_window() ~= nil end, 20)
  vim.wait(200)
  while floating_window() do vim.api.nvim_win_close(floating_window(), true) end

  -- K on the finding: a hover window with the explanation
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  press("K")
  out.hover_shown = vim.wait(15000, function() return floating_window() ~= nil end, 20)
  local w = floating_window()
  if w then
    out.hover = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(w), 0, -1, false)
    vim.api.nvim_win_close(w, true)
  end

  -- <leader>a: the code actions, offered through vim.ui.select as Neovim does
  if apply then
    local offered = nil
    vim.ui.select = function(items, opts, on_choice)
      offered = {}
      local choice = nil
      for i, item in ipairs(items) do
        local title = opts.format_item and opts.format_item(item) or tostring(item)
        table.insert(offered, title)
        if not choice and string.find(title, apply, 1, true) then choice = i end
      end
      if choice then on_choice(items[choice], choice) else on_choice(nil, nil) end
    end
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
    local tick = vim.api.nvim_buf_get_changedtick(bufnr)
    press((vim.g.mapleader or "\\") .. "a")  -- <leader>a: \a unless mapleader is set
    out.actions_offered = vim.wait(15000, function() return offered ~= nil end, 20)
    out.actions = offered
    out.changed = vim.wait(5000, function() return vim.api.nvim_buf_get_changedtick(bufnr) ~= tick end, 20)
    out.gone_after_apply = vim.wait(20000, function() return find() == nil end, 20)
    out.lines_after = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  end
end

local ok, err = pcall(run)
if not ok then out.error = tostring(err) end
local f = assert(io.open(os.getenv("EMAILLINT_NVIM_OUT"), "w"))
f:write(vim.fn.json_encode(out))
f:close()
vim.cmd("qa!")
