/**
 * {@link io.pocketid.oidc.provider.OidcProvider}: the whole protocol as one object, for embedders
 * that use this module without the server.
 *
 * <p>This is the one place in the module that takes the whole {@code Storage} facade: it hands each
 * protocol class the narrow stores it uses, so the classes themselves never see it.
 */
package io.pocketid.oidc.provider;
