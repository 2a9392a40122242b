package io.pocketid.core.mail;

/**
 * Where and how mail is sent (the {@code smtp*} application settings).
 *
 * @param from the sender address
 * @param user empty for no authentication
 * @param password never logged ({@link #toString()} hides it)
 */
public record SmtpSettings(
    String host,
    int port,
    String from,
    String user,
    String password,
    Tls tls,
    boolean skipCertVerify) {

  /** Pocket ID's {@code smtpTls}: none, STARTTLS, or TLS from the first byte. */
  public enum Tls {
    NONE,
    STARTTLS,
    TLS;

    /** {@code none}, {@code starttls} or {@code tls}; anything else is {@link #NONE}. */
    public static Tls parse(String value) {
      return switch (value == null ? "" : value.trim().toLowerCase(java.util.Locale.ROOT)) {
        case "starttls" -> STARTTLS;
        case "tls" -> TLS;
        default -> NONE;
      };
    }
  }

  /** Whether mail can be sent at all: a host and a sender are set. */
  public boolean configured() {
    return host != null && !host.isBlank() && from != null && !from.isBlank() && port > 0;
  }

  @Override
  public String toString() {
    return "SmtpSettings[host="
        + host
        + ", port="
        + port
        + ", from="
        + from
        + ", user="
        + user
        + ", password="
        + (password == null || password.isEmpty() ? "" : "***")
        + ", tls="
        + tls
        + ", skipCertVerify="
        + skipCertVerify
        + "]";
  }
}
