package io.pocketid.storage.jdbc.internal;

import io.pocketid.core.model.AuthorizationCode;
import io.pocketid.core.model.Consent;
import io.pocketid.core.model.DeviceCode;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.RefreshToken;
import io.pocketid.core.model.SigningKey;
import io.pocketid.core.model.UsedCode;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Clients, codes, tokens, consents and signing keys. */
public interface OidcMapper {
  void insertClient(OidcClient client);

  int updateClient(OidcClient client);

  OidcClient findClient(String id);

  int replaceClientSecret(
      @Param("id") String id,
      @Param("expected") String expected,
      @Param("replacement") String replacement);

  long countClientList(
      @Param("q") ListQuery q,
      @Param("pkce") Boolean pkceEnabled,
      @Param("reauth") Boolean requiresReauthentication);

  List<OidcClient> listClients(
      @Param("q") ListQuery q,
      @Param("pkce") Boolean pkceEnabled,
      @Param("reauth") Boolean requiresReauthentication);

  long countAccessibleClients(@Param("userId") String userId, @Param("q") ListQuery q);

  List<OidcClient> listAccessibleClients(@Param("userId") String userId, @Param("q") ListQuery q);

  int deleteClient(String id);

  int deleteAllowedGroups(String clientId);

  void insertAllowedGroup(@Param("clientId") String clientId, @Param("groupId") String groupId);

  List<String> allowedGroupIds(String clientId);

  void insertCode(AuthorizationCode code);

  AuthorizationCode consumeCode(String codeHash);

  int deleteExpiredCodes(Instant now);

  void insertUsedCode(UsedCode used);

  UsedCode takeUsedCode(String codeHash);

  int deleteExpiredUsedCodes(Instant now);

  void revokeGrant(@Param("grantId") String grantId, @Param("uselessAfter") Instant uselessAfter);

  int countRevokedGrant(String grantId);

  int deleteExpiredRevokedGrants(Instant now);

  void insertRefreshToken(RefreshToken token);

  RefreshToken findRefreshToken(String tokenHash);

  int markRotated(String id);

  int deleteFamily(String familyId);

  int deleteRefreshTokensFor(@Param("userId") String userId, @Param("clientId") String clientId);

  int deleteExpiredRefreshTokens(Instant now);

  int deleteRefreshTokensOfUser(String userId);

  void insertDeviceCode(DeviceCode code);

  DeviceCode findDeviceCodeByHash(String deviceCodeHash);

  DeviceCode findDeviceCodeByUserCode(String userCode);

  int updateDeviceCode(DeviceCode code);

  DeviceCode consumeDeviceCode(String deviceCodeHash);

  int deleteExpiredDeviceCodes(Instant now);

  void upsertConsent(Consent consent);

  Consent findConsent(@Param("userId") String userId, @Param("clientId") String clientId);

  long countConsents(@Param("userId") String userId);

  List<Consent> listConsents(@Param("userId") String userId, @Param("q") ListQuery q);

  int deleteConsent(@Param("userId") String userId, @Param("clientId") String clientId);

  void insertSigningKey(SigningKey key);

  int updateSigningKey(SigningKey key);

  SigningKey findSigningKey(String kid);

  List<SigningKey> publishedSigningKeys(Instant now);
}
