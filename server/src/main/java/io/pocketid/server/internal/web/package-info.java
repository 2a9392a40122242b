/**
 * The server-rendered web UI: JTE templates compiled at build time, one stylesheet, one script.
 * Pages that change state post forms guarded by a CSRF token; everything else calls the JSON API
 * from the page's script, same-origin.
 */
package io.pocketid.server.internal.web;
