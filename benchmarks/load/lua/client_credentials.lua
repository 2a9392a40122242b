-- client_credentials with client_secret_basic (the Authorization header comes from -H).
dofile(os.getenv("LOAD_LUA_DIR") .. "/common.lua")
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
