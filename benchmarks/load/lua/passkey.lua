-- Passkey sign-in finish (POST /api/webauthn/login/finish): each request finishes one seeded
-- ceremony (args: FILE THREADS; a line is "ceremony-id TAB assertion-json"), from its own client
-- address (X-Forwarded-For, the server runs with TRUST_PROXY=true) so the per-address sign-in rate
-- limit (5 per 10 s) applies as it would to distinct users. The addresses are header text only.
dofile(os.getenv("LOAD_LUA_DIR") .. "/common.lua")
local pool
local n = 0

function init(args)
  pool = load_pool(args[1], tonumber(args[2]))
  wrk.method = "POST"
end

function request()
  local line = pool_pop(pool) or "exhausted\t{}"
  local id, body = line:match("^([^\t]+)\t(.*)$")
  n = n + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Cookie"] = "session=" .. id,
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", thread_id, math.floor(n / 256) % 256, n % 256),
  }
  return wrk.format(nil, nil, headers, body)
end
