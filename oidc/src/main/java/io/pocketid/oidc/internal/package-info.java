/**
 * Implementation details of this module; not an API, may change without notice.
 *
 * <p>What this package does not do: anything a caller outside the {@code oidc} module should use.
 */
package io.pocketid.oidc.internal;
