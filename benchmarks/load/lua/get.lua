-- A plain GET (discovery, JWKS, userinfo with -H 'Authorization: Bearer ...').
dofile(os.getenv("LOAD_LUA_DIR") .. "/common.lua")
