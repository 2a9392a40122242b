package io.pocketid.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A relying party registered with this provider.
 *
 * @param id client id (UUID or chosen, {@code ^[a-zA-Z0-9._-]{2,128}$})
 * @param createdAt creation time
 * @param name display name
 * @param secretHash bcrypt hash of the client secret, nullable (public clients and new clients)
 * @param callbackUrls registered redirect URIs (may contain Pocket ID's {@code *} wildcards)
 * @param logoutCallbackUrls registered post-logout redirect URIs
 * @param backchannelLogoutUri nullable
 * @param imageType light logo file extension, nullable when no logo
 * @param darkImageType dark logo file extension, nullable
 * @param createdById user who created it, nullable
 * @param publicClient no secret; PKCE mandatory
 * @param pkceEnabled PKCE required for this client
 * @param requiresReauthentication a fresh passkey is asked for on each authorization
 * @param launchUrl shown on the user's app list, nullable
 * @param federatedIdentities trusted client-assertion issuers
 */
public record OidcClient(
    String id,
    Instant createdAt,
    String name,
    String secretHash,
    List<String> callbackUrls,
    List<String> logoutCallbackUrls,
    String backchannelLogoutUri,
    String imageType,
    String darkImageType,
    String createdById,
    boolean publicClient,
    boolean pkceEnabled,
    boolean requiresReauthentication,
    String launchUrl,
    List<FederatedIdentity> federatedIdentities) {
  public OidcClient {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(name, "name");
    callbackUrls = List.copyOf(callbackUrls);
    logoutCallbackUrls = List.copyOf(logoutCallbackUrls);
    federatedIdentities = List.copyOf(federatedIdentities);
  }

  public OidcClient withSecretHash(String newSecretHash) {
    return new OidcClient(
        id,
        createdAt,
        name,
        newSecretHash,
        callbackUrls,
        logoutCallbackUrls,
        backchannelLogoutUri,
        imageType,
        darkImageType,
        createdById,
        publicClient,
        pkceEnabled,
        requiresReauthentication,
        launchUrl,
        federatedIdentities);
  }

  public OidcClient withName(String newName) {
    return new OidcClient(
        id,
        createdAt,
        newName,
        secretHash,
        callbackUrls,
        logoutCallbackUrls,
        backchannelLogoutUri,
        imageType,
        darkImageType,
        createdById,
        publicClient,
        pkceEnabled,
        requiresReauthentication,
        launchUrl,
        federatedIdentities);
  }

  /** The same client with its logos' types (null: no logo of that kind). */
  public OidcClient withLogoTypes(String lightType, String darkType) {
    return new OidcClient(
        id,
        createdAt,
        name,
        secretHash,
        callbackUrls,
        logoutCallbackUrls,
        backchannelLogoutUri,
        lightType,
        darkType,
        createdById,
        publicClient,
        pkceEnabled,
        requiresReauthentication,
        launchUrl,
        federatedIdentities);
  }
}
