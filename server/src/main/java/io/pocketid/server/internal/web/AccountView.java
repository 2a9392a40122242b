package io.pocketid.server.internal.web;

import java.util.List;

/** The account page's data, ready to render. */
public record AccountView(
    String id,
    String firstName,
    String lastName,
    String displayName,
    String username,
    String email,
    String locale,
    boolean editable,
    List<PasskeyView> passkeys) {
  public AccountView {
    passkeys = List.copyOf(passkeys);
  }

  /** A passkey row. */
  public record PasskeyView(String id, String name, String createdAt, String lastUsed) {}
}
