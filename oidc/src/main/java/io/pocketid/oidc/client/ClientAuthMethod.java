package io.pocketid.oidc.client;

/** How a client authenticated at a back-channel endpoint (names as in RFC 7591 metadata). */
public enum ClientAuthMethod {
  /** RFC 6749 §2.3.1, HTTP Basic. */
  CLIENT_SECRET_BASIC("client_secret_basic"),
  /** RFC 6749 §2.3.1, secret in the form body. */
  CLIENT_SECRET_POST("client_secret_post"),
  /** RFC 7523 §2.2 client assertion signed by a federated identity's key. */
  PRIVATE_KEY_JWT("private_key_jwt"),
  /** A public client: identified by {@code client_id}, not authenticated. */
  NONE("none");

  private final String metadataName;

  ClientAuthMethod(String metadataName) {
    this.metadataName = metadataName;
  }

  /** The name used in discovery metadata. */
  public String metadataName() {
    return metadataName;
  }

  /** Whether the client proved possession of a credential. */
  public boolean authenticated() {
    return this != NONE;
  }
}
