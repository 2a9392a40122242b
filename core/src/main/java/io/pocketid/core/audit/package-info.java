/**
 * The audit log service and its event names. The use-case services record the events (sign-in,
 * passkeys, authorizations, logout); handlers never do. Recording never fails the work it records:
 * a store error is logged and swallowed. Geolocation is a port ({@link
 * io.pocketid.core.audit.GeoLocator}) filled by the {@code geo} module; old entries are deleted by
 * {@link io.pocketid.core.jobs.CleanupJobs}.
 */
package io.pocketid.core.audit;
