/** Internal: the JCA provider choice ({@code JCA_PROVIDER}), applied before anything signs. */
package io.pocketid.server.internal.crypto;
