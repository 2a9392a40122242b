/**
 * Internal: the HTTP toolkit every handler uses, and nothing else of the server: template routing
 * ({@link io.pocketid.server.internal.http.Routes}), bodies read before a worker runs ({@link
 * io.pocketid.server.internal.http.BufferedBodyHandler}), the one JSON reader ({@link
 * io.pocketid.server.internal.http.JsonBody}) and response helpers, form bodies, cookies, CSRF,
 * redirects, security headers, error pages, per-address connection limits, the start-up gate and
 * {@code /healthz}. It imports no other server package (an ArchUnit rule).
 */
package io.pocketid.server.internal.http;
