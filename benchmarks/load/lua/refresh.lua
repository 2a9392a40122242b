-- refresh_token with rotation: each thread takes its share of a pool of refresh tokens
-- (args: FILE THREADS), sends the oldest, and puts the token of each 200 answer back.
dofile(os.getenv("LOAD_LUA_DIR") .. "/common.lua")
local pool

function init(args)
  pool = load_pool(args[1], tonumber(args[2]))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
end

function request()
  local token = pool_pop(pool) or "pool-exhausted"
  return wrk.format(nil, nil, nil, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
  if status == 200 then
    local token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
    if token then
      pool_push(pool, token)
    end
  end
end
