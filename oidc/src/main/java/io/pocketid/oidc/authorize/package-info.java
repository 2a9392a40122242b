/**
 * Authorization request validation (RFC 6749 §4.1.1, OIDC Core §3.1.2.1, RFC 7636, RFC 9207) and
 * redirect URI rules. The result says whether the request is valid, must be answered with an error
 * page (no trustworthy redirect URI), or with an error sent back to the client.
 */
package io.pocketid.oidc.authorize;
