package io.pocketid.server.internal.api;

import io.pocketid.core.config.AppConfigKey;
import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.service.SignupDefaults;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the {@code signupDefaultUserGroupIDs} (a JSON array of group ids) and {@code
 * signupDefaultCustomClaims} (a JSON array of {@code {key, value}}) settings; a value that is not
 * such JSON counts as empty and is logged.
 */
public final class SignupDefaultsSetting {
  private static final Logger LOG = LoggerFactory.getLogger(SignupDefaultsSetting.class);
  private static final JsonProvider JSON = JsonProvider.provider();

  private SignupDefaultsSetting() {}

  public static SignupDefaults read(AppConfigService config) {
    List<String> groupIds = new ArrayList<>();
    for (JsonValue value : array(config, AppConfigKey.SIGNUP_DEFAULT_USER_GROUP_IDS)) {
      if (value instanceof JsonString id) {
        groupIds.add(id.getString());
      }
    }
    List<CustomClaim> claims = new ArrayList<>();
    for (JsonValue value : array(config, AppConfigKey.SIGNUP_DEFAULT_CUSTOM_CLAIMS)) {
      if (value instanceof JsonObject claim
          && claim.get("key") instanceof JsonString key
          && claim.get("value") instanceof JsonString text
          && !key.getString().isBlank()) {
        claims.add(new CustomClaim(key.getString().trim(), text.getString()));
      }
    }
    return new SignupDefaults(groupIds, claims);
  }

  private static JsonArray array(AppConfigService config, AppConfigKey key) {
    String text = config.get(key);
    if (text == null || text.isBlank()) {
      return JsonValue.EMPTY_JSON_ARRAY;
    }
    try (JsonReader reader =
        JSON.createReaderFactory(Map.of()).createReader(new StringReader(text))) {
      JsonValue value = reader.readValue();
      if (value instanceof JsonArray array) {
        return array;
      }
    } catch (JsonException e) {
      // logged below
    }
    LOG.warn("The setting {} is not a JSON array; it is ignored", key.key());
    return JsonValue.EMPTY_JSON_ARRAY;
  }
}
