package io.pocketid.core.config;

import java.util.List;
import java.util.Locale;

/**
 * The editable application configuration keys of Pocket ID v1.15 with their defaults (reference
 * §5.2). With {@code UI_CONFIG_DISABLED=true} each is read from the environment variable {@link
 * #envName()}.
 */
public enum AppConfigKey {
  APP_NAME("appName", "Pocket ID", Kind.TEXT),
  SESSION_DURATION("sessionDuration", "60", Kind.POSITIVE_INTEGER),
  EMAILS_VERIFIED("emailsVerified", "false", Kind.BOOLEAN),
  ACCENT_COLOR("accentColor", "default", Kind.TEXT),
  DISABLE_ANIMATIONS("disableAnimations", "false", Kind.BOOLEAN),
  ALLOW_OWN_ACCOUNT_EDIT("allowOwnAccountEdit", "true", Kind.BOOLEAN),
  ALLOW_USER_SIGNUPS("allowUserSignups", "disabled", Kind.TEXT, "disabled", "withToken", "open"),
  SIGNUP_DEFAULT_USER_GROUP_IDS("signupDefaultUserGroupIDs", "[]", Kind.TEXT),
  SIGNUP_DEFAULT_CUSTOM_CLAIMS("signupDefaultCustomClaims", "[]", Kind.TEXT),
  REQUIRE_USER_EMAIL("requireUserEmail", "true", Kind.BOOLEAN),
  SMTP_HOST("smtpHost", "", Kind.TEXT),
  SMTP_PORT("smtpPort", "", Kind.TEXT),
  SMTP_FROM("smtpFrom", "", Kind.TEXT),
  SMTP_USER("smtpUser", "", Kind.TEXT),
  SMTP_PASSWORD("smtpPassword", "", Kind.SECRET),
  SMTP_TLS("smtpTls", "none", Kind.TEXT, "none", "starttls", "tls"),
  SMTP_SKIP_CERT_VERIFY("smtpSkipCertVerify", "false", Kind.BOOLEAN),
  EMAIL_LOGIN_NOTIFICATION_ENABLED("emailLoginNotificationEnabled", "false", Kind.BOOLEAN),
  EMAIL_ONE_TIME_ACCESS_AS_UNAUTHENTICATED_ENABLED(
      "emailOneTimeAccessAsUnauthenticatedEnabled", "false", Kind.BOOLEAN),
  EMAIL_ONE_TIME_ACCESS_AS_ADMIN_ENABLED("emailOneTimeAccessAsAdminEnabled", "false", Kind.BOOLEAN),
  EMAIL_API_KEY_EXPIRATION_ENABLED("emailApiKeyExpirationEnabled", "false", Kind.BOOLEAN),
  LDAP_ENABLED("ldapEnabled", "false", Kind.BOOLEAN),
  LDAP_URL("ldapUrl", "", Kind.TEXT),
  LDAP_BIND_DN("ldapBindDn", "", Kind.TEXT),
  LDAP_BIND_PASSWORD("ldapBindPassword", "", Kind.SECRET),
  LDAP_BASE("ldapBase", "", Kind.TEXT),
  LDAP_USER_SEARCH_FILTER("ldapUserSearchFilter", "(objectClass=person)", Kind.TEXT),
  LDAP_USER_GROUP_SEARCH_FILTER(
      "ldapUserGroupSearchFilter", "(objectClass=groupOfNames)", Kind.TEXT),
  LDAP_SKIP_CERT_VERIFY("ldapSkipCertVerify", "false", Kind.BOOLEAN),
  LDAP_ATTRIBUTE_USER_UNIQUE_IDENTIFIER("ldapAttributeUserUniqueIdentifier", "", Kind.TEXT),
  LDAP_ATTRIBUTE_USER_USERNAME("ldapAttributeUserUsername", "", Kind.TEXT),
  LDAP_ATTRIBUTE_USER_EMAIL("ldapAttributeUserEmail", "", Kind.TEXT),
  LDAP_ATTRIBUTE_USER_FIRST_NAME("ldapAttributeUserFirstName", "", Kind.TEXT),
  LDAP_ATTRIBUTE_USER_LAST_NAME("ldapAttributeUserLastName", "", Kind.TEXT),
  LDAP_ATTRIBUTE_USER_DISPLAY_NAME("ldapAttributeUserDisplayName", "cn", Kind.TEXT),
  LDAP_ATTRIBUTE_USER_PROFILE_PICTURE("ldapAttributeUserProfilePicture", "", Kind.TEXT),
  LDAP_ATTRIBUTE_GROUP_MEMBER("ldapAttributeGroupMember", "member", Kind.TEXT),
  LDAP_ATTRIBUTE_GROUP_UNIQUE_IDENTIFIER("ldapAttributeGroupUniqueIdentifier", "", Kind.TEXT),
  LDAP_ATTRIBUTE_GROUP_NAME("ldapAttributeGroupName", "", Kind.TEXT),
  LDAP_ATTRIBUTE_ADMIN_GROUP("ldapAttributeAdminGroup", "", Kind.TEXT),
  LDAP_SOFT_DELETE_USERS("ldapSoftDeleteUsers", "true", Kind.BOOLEAN);

  /** How a value is checked when it comes from the environment. */
  public enum Kind {
    TEXT,
    BOOLEAN,
    POSITIVE_INTEGER,
    /** Text that is never logged; also read from {@code <ENV_NAME>_FILE}. */
    SECRET
  }

  private final String key;
  private final String defaultValue;
  private final Kind kind;
  private final List<String> allowed;

  AppConfigKey(String key, String defaultValue, Kind kind, String... allowed) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.kind = kind;
    this.allowed = List.of(allowed);
  }

  /** The keys Pocket ID's public {@code GET /api/application-configuration} returns (§5.2). */
  private static final java.util.Set<String> PUBLIC =
      java.util.Set.of(
          "appName",
          "accentColor",
          "disableAnimations",
          "allowOwnAccountEdit",
          "allowUserSignups",
          "requireUserEmail",
          "emailOneTimeAccessAsUnauthenticatedEnabled",
          "emailOneTimeAccessAsAdminEnabled",
          "ldapEnabled");

  /** Whether anyone may read the value (the sign-in pages need it). */
  public boolean isPublic() {
    return PUBLIC.contains(key);
  }

  /** Finds a key by its stored name. */
  public static java.util.Optional<AppConfigKey> byKey(String name) {
    for (AppConfigKey candidate : values()) {
      if (candidate.key.equals(name)) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  /** The key as Pocket ID stores it, e.g. {@code requireUserEmail}. */
  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  public Kind kind() {
    return kind;
  }

  /** The only values accepted, or empty when any value of {@link #kind()} is. */
  public List<String> allowed() {
    return allowed;
  }

  /**
   * Pocket ID's environment name: an underscore before every upper-case letter, then upper-cased
   * ({@code signupDefaultUserGroupIDs} becomes {@code SIGNUP_DEFAULT_USER_GROUP_I_DS}).
   */
  public String envName() {
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (i > 0 && Character.isUpperCase(c)) {
        name.append('_');
      }
      name.append(c);
    }
    return name.toString().toUpperCase(Locale.ROOT);
  }
}
