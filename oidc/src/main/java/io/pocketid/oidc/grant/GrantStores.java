package io.pocketid.oidc.grant;

import io.pocketid.core.store.AuthorizationCodeStore;
import io.pocketid.core.store.DeviceCodeStore;
import io.pocketid.core.store.RefreshTokenStore;
import io.pocketid.core.store.RevokedGrantStore;
import io.pocketid.core.store.SessionStore;
import io.pocketid.core.store.Transactions;
import io.pocketid.core.store.UsedCodeStore;
import io.pocketid.core.store.UserStore;
import java.util.Objects;

/**
 * What the token endpoint reads and writes: its stores and the transactions that span them. {@link
 * TokenService} hands each grant only the stores that grant uses.
 */
public record GrantStores(
    Transactions transactions,
    UserStore users,
    AuthorizationCodeStore authorizationCodes,
    UsedCodeStore usedCodes,
    RefreshTokenStore refreshTokens,
    RevokedGrantStore revokedGrants,
    DeviceCodeStore deviceCodes,
    SessionStore sessions) {
  public GrantStores {
    Objects.requireNonNull(transactions, "transactions");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(authorizationCodes, "authorizationCodes");
    Objects.requireNonNull(usedCodes, "usedCodes");
    Objects.requireNonNull(refreshTokens, "refreshTokens");
    Objects.requireNonNull(revokedGrants, "revokedGrants");
    Objects.requireNonNull(deviceCodes, "deviceCodes");
    Objects.requireNonNull(sessions, "sessions");
  }
}
