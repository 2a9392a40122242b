/**
 * Internal: fetching an image that an administrator names by URL (an OIDC client's logo), guarded
 * against server-side request forgery. The entry point is {@link
 * io.pocketid.server.internal.fetch.ImageFetcher}; {@link
 * io.pocketid.server.internal.fetch.AddressClassifier} says which IP addresses are never fetched
 * from; {@link io.pocketid.server.internal.fetch.Resolver} and {@link
 * io.pocketid.server.internal.fetch.Connector} are the seams for name resolution and for the one
 * HTTP exchange with an address that has already been checked ({@link
 * io.pocketid.server.internal.fetch.PinnedConnector} is the real one).
 */
package io.pocketid.server.internal.fetch;
