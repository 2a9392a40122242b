package io.pocketid.core.service;

import io.pocketid.core.model.Consent;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.store.ConsentStore;
import io.pocketid.core.store.OidcClientStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.RefreshTokenStore;
import io.pocketid.core.store.Transactions;
import io.pocketid.core.store.UserStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A user's apps: the clients they consented to (and revoking a consent), and the clients they may
 * use with when they last used each ("My Apps").
 *
 * <p>Unlike Pocket ID v1.15, revoking a consent also deletes the user's refresh tokens for that
 * client, in the same transaction, so the app loses access at once.
 */
public final class MyAppsService {
  private final Transactions tx;
  private final UserStore users;
  private final OidcClientStore clients;
  private final ConsentStore consents;
  private final RefreshTokenStore refreshTokens;

  public MyAppsService(
      Transactions tx,
      UserStore users,
      OidcClientStore clients,
      ConsentStore consents,
      RefreshTokenStore refreshTokens) {
    this.tx = Objects.requireNonNull(tx, "tx");
    this.users = Objects.requireNonNull(users, "users");
    this.clients = Objects.requireNonNull(clients, "clients");
    this.consents = Objects.requireNonNull(consents, "consents");
    this.refreshTokens = Objects.requireNonNull(refreshTokens, "refreshTokens");
  }

  /** A consent with its client. */
  public record AuthorizedClient(Consent consent, OidcClient client) {}

  /** A client the user may use, and when they last used it (nullable). */
  public record AccessibleClient(OidcClient client, Instant lastUsedAt) {}

  /**
   * The user's consents, newest use first by default.
   *
   * @throws ServiceException NOT_FOUND for an unknown user
   */
  public Page<AuthorizedClient> authorizedClients(String userId, PageRequest request) {
    requireUser(userId);
    Page<Consent> page = consents.listForUser(userId, request);
    List<AuthorizedClient> items = new ArrayList<>();
    for (Consent consent : page.items()) {
      clients
          .findById(consent.clientId())
          .ifPresent(client -> items.add(new AuthorizedClient(consent, client)));
    }
    return new Page<>(items, page.totalItems(), page.currentPage(), page.itemsPerPage());
  }

  /**
   * Revokes the user's consent to a client and deletes their refresh tokens for it.
   *
   * @throws ServiceException NOT_FOUND when there is no such consent
   */
  public void revoke(String userId, String clientId) {
    tx.inTransaction(
        () -> {
          if (!consents.delete(userId, clientId)) {
            throw CustomClaimService.notFound();
          }
          refreshTokens.deleteForUserAndClient(userId, clientId);
          return null;
        });
  }

  /** The clients the user may use (unrestricted or allowing one of their groups). */
  public Page<AccessibleClient> accessibleClients(String userId, PageRequest request) {
    Page<OidcClient> page = clients.listAccessible(userId, request);
    List<AccessibleClient> items =
        page.items().stream()
            .map(
                c ->
                    new AccessibleClient(
                        c, consents.find(userId, c.id()).map(Consent::lastUsedAt).orElse(null)))
            .toList();
    return new Page<>(items, page.totalItems(), page.currentPage(), page.itemsPerPage());
  }

  private void requireUser(String userId) {
    if (users.findById(userId).isEmpty()) {
      throw CustomClaimService.notFound();
    }
  }
}
