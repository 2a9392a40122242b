/**
 * Token minting (ID, RFC 9068 access and logout tokens), access-token verification, PKCE, and the
 * user claims per scope as Pocket ID emits them.
 *
 * <p>What this package does not do: persist anything (grants store refresh tokens), encrypt tokens,
 * or emit pairwise subjects.
 */
package io.pocketid.oidc.token;
