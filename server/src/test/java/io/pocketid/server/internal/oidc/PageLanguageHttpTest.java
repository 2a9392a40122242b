package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.User;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The language of the pages: the signed-in user's setting, else Accept-Language, else English; the
 * layout's {@code lang}, the texts, the console's script texts and the OIDC pages follow it.
 */
class PageLanguageHttpTest {
  @TempDir Path dir;
  private OidcTestServer op;

  @BeforeEach
  void start() {
    op = new OidcTestServer(dir);
  }

  @AfterEach
  void stop() {
    op.close();
  }

  @Test
  void theSignInPageFollowsAcceptLanguage() {
    HttpResponse<String> german = op.get("/login", "Accept-Language", "de-DE,de;q=0.9");
    assertThat(german.body())
        .contains("<html lang=\"de\"", "Mit Passkey anmelden", "Andere Anmeldemöglichkeiten")
        .doesNotContain("Sign in with a passkey");

    HttpResponse<String> french = op.get("/login", "Accept-Language", "fr");
    assertThat(french.body())
        .contains("<html lang=\"fr\"", "Se connecter avec une clé d’accès")
        .doesNotContain("Sign in with a passkey");

    for (HttpResponse<String> english :
        java.util.List.of(op.get("/login", "Accept-Language", "es"), op.get("/login"))) {
      assertThat(english.body()).contains("<html lang=\"en\"", "Sign in with a passkey");
    }
  }

  @Test
  void aSignedInUsersSettingWinsOverTheHeader() {
    User french = op.alice.withLocale("fr");
    op.storage().users().update(french);
    String[] session = {"Cookie", op.sessionCookie(french)};

    HttpResponse<String> account =
        op.get("/settings/account", "Accept-Language", "de", session[0], session[1]);
    assertThat(account.body())
        .contains("<html lang=\"fr\"", "<h1>Mon compte</h1>", ">Mes applications</a>")
        .doesNotContain("My account");

    HttpResponse<String> apps =
        op.get("/settings/apps", "Accept-Language", "de", session[0], session[1]);
    assertThat(apps.body())
        .contains("<script type=\"application/json\" id=\"messages\" nonce=\"")
        .contains("\"js.apps.revoke\":\"Révoquer l’accès\"");
  }

  @Test
  void errorAndOidcPagesAreTranslated() {
    String[] alice = {"Cookie", op.sessionCookie(op.alice)};
    HttpResponse<String> refused =
        op.get("/settings/admin/users", "Accept-Language", "de", alice[0], alice[1]);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("Diese Seite ist Administratoren vorbehalten");

    HttpResponse<String> device = op.get("/device", "Accept-Language", "fr", alice[0], alice[1]);
    assertThat(device.body()).contains("Connecter un appareil", "Saisissez le code affiché");

    HttpResponse<String> signup = op.get("/signup", "Accept-Language", "fr");
    assertThat(signup.body()).contains("Les inscriptions sont désactivées");
  }
}
