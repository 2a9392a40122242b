/**
 * Internal: Undertow handlers (routing, security headers, trailing-slash redirects, health, the
 * setup endpoint) and JSON. Not an API.
 */
package io.pocketid.server.internal.http;
