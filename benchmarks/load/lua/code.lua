-- authorization_code redemption: each request uses a fresh code from the pool (args: FILE THREADS
-- REDIRECT_URI, the last one form-encoded).
dofile(os.getenv("LOAD_LUA_DIR") .. "/common.lua")
local pool, redirect

function init(args)
  pool = load_pool(args[1], tonumber(args[2]))
  redirect = args[3]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  local code = pool_pop(pool) or "pool-exhausted"
  return wrk.format(nil, nil, nil,
    "grant_type=authorization_code&code=" .. code .. "&redirect_uri=" .. redirect)
end
