package io.pocketid.oidc.admin;

import java.util.List;

/**
 * A client as an administrator sent it, not yet checked ({@link ClientService} validates it).
 *
 * @param id the wanted client id, null or empty for a generated one (ignored on update)
 * @param callbackUrls null for none
 * @param logoutCallbackUrls null for none
 * @param launchUrl nullable
 * @param backchannelLogoutUrl nullable
 * @param federatedIdentities null keeps the client's current list (none for a new client)
 */
public record ClientDraft(
    String id,
    String name,
    List<String> callbackUrls,
    List<String> logoutCallbackUrls,
    boolean publicClient,
    boolean pkceEnabled,
    boolean requiresReauthentication,
    String launchUrl,
    String backchannelLogoutUrl,
    List<IdentityDraft> federatedIdentities) {

  /** A federated identity as sent: every field nullable. */
  public record IdentityDraft(String issuer, String subject, String audience, String jwks) {}
}
