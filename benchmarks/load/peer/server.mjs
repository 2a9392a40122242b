// Minimal oidc-provider (panva) server used as a benchmark peer.
// Copied from the team's shared peer (oidc-provider-peer/server.mjs) for benchmarks/load; the only
// addition is OIDCP_BENCH_SEED=1 (below), which the measured requests never reach.
// Run from a directory whose node_modules holds oidc-provider (see oidcp-run.sh):
//   node oidcp-server.mjs            -> opaque access tokens (oidc-provider default)
//   OIDCP_AT_FORMAT=jwt node oidcp-server.mjs -> RS256 JWT access tokens (via resource indicators)
//   OIDCP_ADAPTER=map  -> plain-Map storage adapter instead of the built-in dev MemoryAdapter
//   OIDCP_ROTATE=1     -> rotateRefreshToken: true (every refresh consumes the old refresh token and issues a new one;
//                         a consumed one presented again revokes the grant). Default: oidc-provider's default function
//                         (rotates only for public clients, or past 70 % of the token's lifetime)
// Listens on 127.0.0.1:${OIDCP_PORT:-13001}; issuer http://127.0.0.1:${OIDCP_PORT}
// One confidential client (client_secret_basic): bench-client / bench-secret
// grant types: client_credentials, authorization_code, refresh_token. In-memory adapter (default: the built-in one).
import http from 'node:http';
import { generateKeyPairSync } from 'node:crypto';
import Provider from 'oidc-provider';

const port = Number(process.env.OIDCP_PORT || 13001);
const host = '127.0.0.1';
const issuer = `http://${host}:${port}`;
const atFormat = process.env.OIDCP_AT_FORMAT || 'opaque';
const RESOURCE = 'urn:bench:api';

// RSA-2048 signing key generated per start (same size/alg as Keycloak's default RS256 key).
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: 'bench-rs256' };

const configuration = {
  clients: [{
    client_id: process.env.OIDCP_CLIENT_ID || 'bench-client',
    client_secret: process.env.OIDCP_CLIENT_SECRET || 'bench-secret',
    grant_types: ['client_credentials', 'authorization_code', 'refresh_token'],
    response_types: ['code'],
    redirect_uris: ['http://127.0.0.1:13002/cb'],
    token_endpoint_auth_method: 'client_secret_basic',
    scope: 'openid offline_access api',
  }],
  scopes: ['openid', 'offline_access', 'api'],
  jwks: { keys: [jwk] },
  cookies: { keys: ['bench-cookie-key-not-secret'] },
  features: {
    devInteractions: { enabled: true }, // only used once to obtain a refresh token
    clientCredentials: { enabled: true },
    resourceIndicators: atFormat === 'jwt' ? {
      enabled: true,
      defaultResource: () => RESOURCE,
      useGrantedResource: () => true,
      getResourceServerInfo: () => ({
        scope: 'api',
        audience: RESOURCE,
        accessTokenFormat: 'jwt',
        accessTokenTTL: 300,
        jwt: { sign: { alg: 'RS256' } },
      }),
    } : { enabled: true },
  },
  // keep the grant when the user consented once (default behaviour)
};
if (process.env.OIDCP_ROTATE === '1') configuration.rotateRefreshToken = true;

// OIDCP_ADAPTER=map: a plain Map store without LRU eviction and with an O(1) per-grant index.
// (The built-in dev MemoryAdapter keeps at most 1000 entries (LRU) and rescans the whole
// per-grant member list on every save, which makes re-using one grant O(n) per request.)
class MapAdapter {
  static store = new Map();
  static grants = new Map();   // grantId -> Set(keys)
  static uids = new Map();     // session uid -> id
  constructor(model) { this.model = model; }
  key(id) { return `${this.model}:${id}`; }
  async upsert(id, payload, expiresIn) {
    const key = this.key(id);
    MapAdapter.store.set(key, { payload, exp: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    if (this.model === 'Session') MapAdapter.uids.set(payload.uid, id);
    if (payload.grantId) {
      let set = MapAdapter.grants.get(payload.grantId);
      if (!set) MapAdapter.grants.set(payload.grantId, (set = new Set()));
      set.add(key);
    }
  }
  async find(id) {
    const e = MapAdapter.store.get(this.key(id));
    if (!e) return undefined;
    if (e.exp <= Date.now()) { MapAdapter.store.delete(this.key(id)); return undefined; }
    return e.payload;
  }
  async findByUid(uid) { const id = MapAdapter.uids.get(uid); return id && this.find(id); }
  async findByUserCode() { return undefined; }
  async consume(id) { const e = MapAdapter.store.get(this.key(id)); if (e) e.payload.consumed = Math.floor(Date.now() / 1000); }
  async destroy(id) { MapAdapter.store.delete(this.key(id)); }
  async revokeByGrantId(grantId) {
    for (const k of MapAdapter.grants.get(grantId) ?? []) MapAdapter.store.delete(k);
    MapAdapter.grants.delete(grantId);
  }
}
if (process.env.OIDCP_ADAPTER === 'map') configuration.adapter = MapAdapter;

const provider = new Provider(issuer, configuration);
provider.proxy = false;
const callback = provider.callback();

// OIDCP_BENCH_SEED=1: POST /bench/seed?kind=code|refresh|userinfo&n=N answers N values, one a line:
// authorization codes (redirect URI http://127.0.0.1:13002/cb, scope openid offline_access, the
// API resource as the interactive flow grants it), refresh tokens of such grants, or opaque access
// tokens with scope openid for userinfo. Made with the provider's own models, like the
// devInteractions flow would (one grant per value), valid for an hour. Not part of any measured path.
async function seed(kind, n) {
  const client = await provider.Client.find(configuration.clients[0].client_id);
  const out = [];
  const authTime = Math.floor(Date.now() / 1000);
  for (let i = 0; i < n; i += 1) {
    const grant = new provider.Grant({ accountId: 'bench-user', clientId: client.clientId });
    grant.addOIDCScope('openid offline_access');
    if (atFormat === 'jwt' && kind !== 'userinfo') grant.addResourceScope(RESOURCE, 'api');
    const grantId = await grant.save();
    const common = { accountId: 'bench-user', grantId, client, authTime, expiresIn: 3600 };
    const resource = atFormat === 'jwt' ? RESOURCE : undefined;
    if (kind === 'code') {
      out.push(await new provider.AuthorizationCode({
        ...common, scope: 'openid offline_access', redirectUri: 'http://127.0.0.1:13002/cb', resource,
      }).save());
    } else if (kind === 'refresh') {
      out.push(await new provider.RefreshToken({
        ...common, scope: 'openid offline_access', resource, gty: 'authorization_code', rotations: 0,
      }).save());
    } else if (kind === 'userinfo') {
      out.push(await new provider.AccessToken({ ...common, scope: 'openid', gty: 'authorization_code' }).save());
    } else {
      throw new Error(`unknown kind ${kind}`);
    }
  }
  return out.join('\n') + '\n';
}

const handler = process.env.OIDCP_BENCH_SEED === '1'
  ? (req, res) => {
    if (req.method === 'POST' && req.url.startsWith('/bench/seed?')) {
      const q = new URL(req.url, issuer).searchParams;
      seed(q.get('kind'), Number(q.get('n') || 1)).then(
        (body) => { res.writeHead(200, { 'content-type': 'text/plain' }); res.end(body); },
        (e) => { res.writeHead(400); res.end(String(e)); },
      );
      return;
    }
    callback(req, res);
  }
  : callback;
const server = http.createServer(handler);
server.keepAliveTimeout = 65000;
server.listen(port, host, () => {
  console.log(`oidc-provider listening on ${issuer} (access token format: ${atFormat}, adapter: ${process.env.OIDCP_ADAPTER || 'memory'}, rotate: ${process.env.OIDCP_ROTATE === '1'}) pid=${process.pid}`);
});
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
