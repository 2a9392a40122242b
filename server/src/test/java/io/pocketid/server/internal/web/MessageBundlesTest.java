package io.pocketid.server.internal.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The translations are complete and consistent with English: the same keys, the same placeholders,
 * no blank text, and actually translated; for the pages' bundle and for core's mail bundle.
 */
class MessageBundlesTest {
  private static final String PAGES = "io/pocketid/server/messages";
  private static final String MAILS = "io/pocketid/core/mail/messages";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)[^}]*}");

  /** Texts that are the same word in English and the other language. */
  private static final Set<String> SAME_EVERYWHERE =
      Set.of(
          "Admin",
          "Client",
          "Code: {0}",
          "Description",
          "Details",
          "Favicon",
          "Filters",
          "Images",
          "Introspection",
          "JWKS",
          "LDAP",
          "Logo",
          "Name",
          "Passkeys",
          "Preview",
          "Public",
          "Scopes",
          "Setup",
          "TLS",
          "Token",
          "Type",
          "URL",
          "Userinfo",
          "(optional)",
          "Audience",
          "Actions",
          "Administrator",
          "Claim",
          "Page {0} of {1} · {2} in all");

  @ParameterizedTest
  @ValueSource(strings = {PAGES, MAILS})
  void translationsHaveExactlyTheKeysOfEnglish(String bundle) throws IOException {
    Map<String, String> english = load(bundle + ".properties");
    for (String language : List.of("de", "fr")) {
      Map<String, String> translated = load(bundle + "_" + language + ".properties");
      assertThat(translated.keySet())
          .as("%s_%s keys", bundle, language)
          .containsExactlyInAnyOrderElementsOf(english.keySet());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {PAGES, MAILS})
  void translationsUseTheSamePlaceholdersAsEnglish(String bundle) throws IOException {
    Map<String, String> english = load(bundle + ".properties");
    List<String> wrong = new ArrayList<>();
    for (String language : List.of("de", "fr")) {
      load(bundle + "_" + language + ".properties")
          .forEach(
              (key, text) -> {
                if (english.containsKey(key)
                    && !placeholders(text).equals(placeholders(english.get(key)))) {
                  wrong.add(language + ": " + key + " = " + text);
                }
              });
    }
    assertThat(wrong).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {PAGES, MAILS})
  void noTextIsBlankAndTranslationsAreTranslated(String bundle) throws IOException {
    Map<String, String> english = load(bundle + ".properties");
    english.forEach((key, text) -> assertThat(text).as(key).isNotBlank());
    for (String language : List.of("de", "fr")) {
      Map<String, String> translated = load(bundle + "_" + language + ".properties");
      translated.forEach((key, text) -> assertThat(text).as(language + ": " + key).isNotBlank());
      Set<String> untranslated =
          translated.entrySet().stream()
              .filter(e -> e.getValue().equals(english.get(e.getKey())))
              .map(Map.Entry::getValue)
              .filter(text -> !SAME_EVERYWHERE.contains(text))
              .collect(Collectors.toCollection(TreeSet::new));
      assertThat(untranslated).as("%s texts identical to English", language).isEmpty();
    }
  }

  /**
   * Patterns with placeholders go through {@link java.text.MessageFormat} in Java, where a single
   * {@code '} starts a quote and would swallow the text; the scripts' {@code js.} texts do not, so
   * there {@code ''} would show twice.
   */
  @Test
  void apostrophesSuitTheFormatter() throws IOException {
    List<String> wrong = new ArrayList<>();
    for (String file : List.of("", "_de", "_fr")) {
      load(PAGES + file + ".properties")
          .forEach(
              (key, text) -> {
                boolean formatted = !key.startsWith("js.") && PLACEHOLDER.matcher(text).find();
                String unpaired = text.replace("''", "");
                if (formatted ? unpaired.contains("'") : text.contains("''")) {
                  wrong.add(file + ": " + key + " = " + text);
                }
              });
    }
    assertThat(wrong).isEmpty();
  }

  @Test
  void filesAreReadAsUtf8ThroughResourceBundles() {
    assertThat(Messages.of("de").t("title.addPasskey")).isEqualTo("Passkey hinzufügen");
    assertThat(Messages.of("fr").t("title.addPasskey")).isEqualTo("Ajouter une clé d’accès");
  }

  @Test
  void aMissingKeyFailsLoudlyAndFormattingFillsPlaceholders() {
    assertThatThrownBy(() -> Messages.english().t("no.such.key"))
        .isInstanceOf(MissingResourceException.class);
    assertThat(Messages.english().t("login.heading", "Acme")).isEqualTo("Sign in to Acme");
    assertThat(Messages.english().t("loginCode.signedInWarning", "Bob")).contains("the code's");
    assertThat(Messages.of("fr").t("consent.access", "App"))
        .isEqualTo("App souhaite accéder à\u00a0:");
  }

  @Test
  void acceptLanguageRespectsQualityAndFallsBackToEnglish() {
    assertThat(Messages.fromAcceptLanguage("de-DE,de;q=0.9,en;q=0.8").language()).isEqualTo("de");
    assertThat(Messages.fromAcceptLanguage("en;q=0.5,fr-CA;q=0.9").language()).isEqualTo("fr");
    assertThat(Messages.fromAcceptLanguage("es,fr;q=0.4").language()).isEqualTo("fr");
    assertThat(Messages.fromAcceptLanguage("es, it;q=0.8").language()).isEqualTo("en");
    assertThat(Messages.fromAcceptLanguage("de;q=0, fr;q=0.1").language()).isEqualTo("fr");
    assertThat(Messages.fromAcceptLanguage("*").language()).isEqualTo("en");
    assertThat(Messages.fromAcceptLanguage("not a ;;; header").language()).isEqualTo("en");
    assertThat(Messages.fromAcceptLanguage(null).language()).isEqualTo("en");
  }

  @Test
  void scriptMessagesAreOnlyTheJsKeysAndCannotCloseTheScriptElement() {
    String json = Messages.english().scriptJson();
    assertThat(json).contains("\"js.users.create\":\"Create user\"").doesNotContain("title.");
    assertThat(json).doesNotContain("<").doesNotContain(">");
  }

  private static Set<String> placeholders(String text) {
    Set<String> found = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  /** A bundle file as written (no parent fallback), read as UTF-8. */
  private static Map<String, String> load(String path) throws IOException {
    try (InputStream in = MessageBundlesTest.class.getClassLoader().getResourceAsStream(path)) {
      assertThat(in).as(path).isNotNull();
      Properties properties = new Properties();
      properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
      Map<String, String> texts = new TreeMap<>();
      properties.forEach((key, value) -> texts.put((String) key, (String) value));
      return texts;
    }
  }
}
