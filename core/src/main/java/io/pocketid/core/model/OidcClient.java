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
    return toBuilder().secretHash(newSecretHash).build();
  }

  public OidcClient withName(String newName) {
    return builderNamed(newName).build();
  }

  /** The same client with its logos' types (null: no logo of that kind). */
  public OidcClient withLogoTypes(String lightType, String darkType) {
    return toBuilder().logoTypes(lightType, darkType).build();
  }

  /** The same client as a builder, to change some fields. */
  public Builder toBuilder() {
    return builderNamed(name);
  }

  private Builder builderNamed(String newName) {
    return new Builder(id, newName)
        .createdAt(createdAt)
        .secretHash(secretHash)
        .callbackUrls(callbackUrls)
        .logoutCallbackUrls(logoutCallbackUrls)
        .backchannelLogoutUri(backchannelLogoutUri)
        .logoTypes(imageType, darkImageType)
        .createdById(createdById)
        .publicClient(publicClient)
        .pkceEnabled(pkceEnabled)
        .requiresReauthentication(requiresReauthentication)
        .launchUrl(launchUrl)
        .federatedIdentities(federatedIdentities);
  }

  /**
   * A builder for a new client: created now, confidential, no secret yet, no logos; the id and the
   * name are required.
   */
  public static Builder builder(String id, String name) {
    return new Builder(id, name);
  }

  /** Builds an {@link OidcClient} by name instead of fifteen positional arguments. */
  public static final class Builder {
    private final String id;
    private final String name;
    private Instant createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    private String secretHash;
    private List<String> callbackUrls = List.of();
    private List<String> logoutCallbackUrls = List.of();
    private String backchannelLogoutUri;
    private String imageType;
    private String darkImageType;
    private String createdById;
    private boolean publicClient;
    private boolean pkceEnabled;
    private boolean requiresReauthentication;
    private String launchUrl;
    private List<FederatedIdentity> federatedIdentities = List.of();

    private Builder(String id, String name) {
      this.id = Objects.requireNonNull(id, "id");
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder createdAt(Instant value) {
      this.createdAt = Objects.requireNonNull(value, "createdAt");
      return this;
    }

    /** The stored form of the secret (see the oidc module's {@code ClientSecrets.hash}). */
    public Builder secretHash(String value) {
      this.secretHash = value;
      return this;
    }

    public Builder callbackUrls(List<String> value) {
      this.callbackUrls = List.copyOf(value);
      return this;
    }

    public Builder logoutCallbackUrls(List<String> value) {
      this.logoutCallbackUrls = List.copyOf(value);
      return this;
    }

    public Builder backchannelLogoutUri(String value) {
      this.backchannelLogoutUri = value;
      return this;
    }

    public Builder logoTypes(String light, String dark) {
      this.imageType = light;
      this.darkImageType = dark;
      return this;
    }

    public Builder createdById(String value) {
      this.createdById = value;
      return this;
    }

    public Builder publicClient(boolean value) {
      this.publicClient = value;
      return this;
    }

    public Builder pkceEnabled(boolean value) {
      this.pkceEnabled = value;
      return this;
    }

    public Builder requiresReauthentication(boolean value) {
      this.requiresReauthentication = value;
      return this;
    }

    public Builder launchUrl(String value) {
      this.launchUrl = value;
      return this;
    }

    public Builder federatedIdentities(List<FederatedIdentity> value) {
      this.federatedIdentities = List.copyOf(value);
      return this;
    }

    public OidcClient build() {
      return new OidcClient(
          id,
          createdAt,
          name,
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
  }
}
