package io.pocketid.oidc.introspect;

import io.pocketid.core.audit.AuditEvents;
import io.pocketid.core.audit.AuditService;
import io.pocketid.core.audit.RequestOrigin;
import io.pocketid.oidc.OAuthException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Token revocation (RFC 7009) with the audit event Pocket ID writes when a grant goes. */
public final class AuditedRevocation {
  private final RevocationService revocation;
  private final AuditService audit;

  public AuditedRevocation(RevocationService revocation, AuditService audit) {
    this.revocation = Objects.requireNonNull(revocation, "revocation");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /**
   * Authenticates the caller and revokes; a deleted refresh-token family is audited ({@code
   * TOKEN_REVOKED} with the client's name).
   */
  public void revoke(
      Map<String, List<String>> params, Optional<String> authorization, RequestOrigin origin)
      throws OAuthException {
    revocation
        .revoke(params, authorization)
        .ifPresent(
            caller ->
                audit.record(
                    AuditEvents.TOKEN_REVOKED,
                    null,
                    origin,
                    Map.of("clientName", caller.client().name())));
  }
}
