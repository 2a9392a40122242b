package io.pocketid.server.internal.web;

/**
 * What every page's layout needs.
 *
 * @param appName the app name (the {@code appName} setting)
 * @param title the page title
 * @param pageId selects the page's script behaviour ({@code data-page})
 * @param nonce the CSP nonce of this response
 * @param csrfToken the CSRF token for forms on this page
 * @param displayName the signed-in user's display name, or null when signed out
 * @param redirect where to go after signing in (a local path)
 * @param admin whether the signed-in user is an administrator (the header shows admin links)
 * @param accentStyle the {@code style} attribute that sets the accent colour, empty for the default
 */
public record PageContext(
    String appName,
    String title,
    String pageId,
    String nonce,
    String csrfToken,
    String displayName,
    String redirect,
    boolean admin,
    String accentStyle) {
  public boolean signedIn() {
    return displayName != null;
  }
}
