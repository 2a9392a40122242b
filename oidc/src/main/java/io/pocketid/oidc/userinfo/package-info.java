/**
 * The UserInfo endpoint (OIDC Core §5.3) with RFC 6750 bearer tokens.
 *
 * <p>What this package does not do: signed or encrypted userinfo responses, the {@code claims}
 * request parameter, aggregated or distributed claims, or the query-string token of RFC 6750 §2.3.
 */
package io.pocketid.oidc.userinfo;
