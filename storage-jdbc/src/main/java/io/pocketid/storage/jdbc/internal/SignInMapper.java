package io.pocketid.storage.jdbc.internal;

import io.pocketid.core.model.ApiKey;
import io.pocketid.core.model.BrowserSession;
import io.pocketid.core.model.LoginCode;
import io.pocketid.core.model.Passkey;
import io.pocketid.core.model.ReauthenticationToken;
import io.pocketid.core.model.SignupToken;
import io.pocketid.core.model.WebauthnChallenge;
import java.time.Instant;
import java.util.List;
import org.apache.ibatis.annotations.Param;

/** Login codes, reauthentication and signup tokens, API keys, passkeys, ceremonies, sessions. */
public interface SignInMapper {
  void insertLoginCode(LoginCode code);

  LoginCode consumeLoginCode(@Param("codeHash") String codeHash, @Param("now") Instant now);

  int deleteExpiredLoginCodes(Instant now);

  void insertReauth(ReauthenticationToken token);

  ReauthenticationToken consumeReauth(
      @Param("tokenHash") String tokenHash,
      @Param("userId") String userId,
      @Param("now") Instant now);

  int deleteExpiredReauth(Instant now);

  void insertSignupToken(SignupToken token);

  SignupToken findSignupToken(String tokenHash);

  SignupToken useSignupToken(@Param("tokenHash") String tokenHash, @Param("now") Instant now);

  long countSignupTokens();

  List<SignupToken> listSignupTokens(@Param("q") ListQuery q);

  int deleteSignupToken(String id);

  int deleteExpiredSignupTokens(Instant now);

  void insertApiKey(ApiKey key);

  ApiKey findApiKey(String keyHash);

  int touchApiKey(@Param("id") String id, @Param("usedAt") Instant usedAt);

  long countApiKeys(@Param("userId") String userId);

  List<ApiKey> listApiKeys(@Param("userId") String userId, @Param("q") ListQuery q);

  List<ApiKey> expiringApiKeys(@Param("from") Instant from, @Param("to") Instant to);

  int markReminderSent(String id);

  int deleteApiKey(@Param("userId") String userId, @Param("id") String id);

  void insertPasskey(Passkey passkey);

  Passkey findPasskey(String id);

  Passkey findPasskeyByCredentialId(byte[] credentialId);

  List<Passkey> passkeysOfUser(String userId);

  int updatePasskey(Passkey passkey);

  int deletePasskey(@Param("userId") String userId, @Param("id") String id);

  void insertChallenge(WebauthnChallenge challenge);

  WebauthnChallenge consumeChallenge(String id);

  int deleteExpiredChallenges(Instant now);

  void insertSession(BrowserSession session);

  BrowserSession findActiveSession(@Param("idHash") String idHash, @Param("now") Instant now);

  int extendSession(
      @Param("id") String id,
      @Param("lastSeenAt") Instant lastSeenAt,
      @Param("expiresAt") Instant expiresAt);

  List<BrowserSession> activeSessionsOfUser(
      @Param("userId") String userId, @Param("now") Instant now);

  int deleteSession(String id);

  int deleteSessionsOfUser(String userId);

  int deleteExpiredSessions(Instant now);
}
