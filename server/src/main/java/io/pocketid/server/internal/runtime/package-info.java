/**
 * Internal: what runs beside the requests: the geolocation database (opened at start-up, reloaded
 * and downloaded in the background) and the background job ticker.
 */
package io.pocketid.server.internal.runtime;
