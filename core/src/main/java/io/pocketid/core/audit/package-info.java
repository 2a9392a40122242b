/**
 * The audit log service and its event names. Recording never fails a request: a store error is
 * logged and swallowed. Geolocation is a port ({@link io.pocketid.core.audit.GeoLocator}) filled by
 * the {@code geo} module.
 */
package io.pocketid.core.audit;
