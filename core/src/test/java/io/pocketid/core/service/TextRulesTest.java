package io.pocketid.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRulesTest {
  private static void assertRefused(String value, String message) {
    assertThatThrownBy(() -> TextRules.requiredName("Name", value, TextRules.NAME_MAX))
        .isInstanceOfSatisfying(
            ServiceException.class,
            e -> assertThat(e.error()).isEqualTo(ServiceError.INVALID_INPUT))
        .hasMessage(message);
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(
      strings = {
        "0000",
        "0009",
        "000A",
        "000D",
        "001B",
        "007F", // C0 controls and DEL
        "0085",
        "009B", // C1 controls (next line, CSI)
        "202A",
        "202B",
        "202C",
        "202D",
        "202E", // bidi embeddings and overrides
        "2066",
        "2067",
        "2068",
        "2069",
        "061C",
        "200E",
        "200F", // bidi isolates and marks
        "200B",
        "200C",
        "200D",
        "2060",
        "FEFF",
        "00AD", // zero-width characters, soft hyphen
        "2028",
        "2029", // line and paragraph separators
        "D800",
        "DFFF" // unpaired surrogates
      })
  void requiredNameWhenControlOrInvisibleCharacterInsideThenRefusedNamingTheField(String hex) {
    String name = "Lap" + (char) Integer.parseInt(hex, 16) + "top";

    assertRefused(name, "Name must not contain control or invisible characters");
    assertThat(TextRules.nameProblem("FirstName", name, 1, 50))
        .contains("FirstName must not contain control or invisible characters");
  }

  @Test
  void requiredNameWhenControlCharacterAtTheEndThenRefusedNotTrimmedAway() {
    assertRefused("Laptop\n", "Name must not contain control or invisible characters");
    assertRefused("\u0000Laptop", "Name must not contain control or invisible characters");
    assertRefused("Laptop\u200B", "Name must not contain control or invisible characters");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Zoë Ångström",
        "李雷",
        "José Núñez",
        "e\u0301clair",
        "🔑 YubiKey 5",
        "Ünïcödé",
        "O'Brien-Smith",
        "نام",
        "Ελένη"
      })
  void requiredNameWhenOrdinaryTextInAnyScriptThenAcceptedAsIs(String name) {
    assertThat(TextRules.requiredName("Name", name, TextRules.NAME_MAX)).isEqualTo(name);
  }

  @Test
  void requiredNameWhenSurroundedBySpacesThenTrimmed() {
    assertThat(TextRules.requiredName("Name", "  Laptop  ", TextRules.NAME_MAX))
        .isEqualTo("Laptop");
  }

  @Test
  void requiredNameWhenMissingOrBlankThenRequired() {
    assertRefused(null, "Name is required");
    assertRefused("", "Name is required");
    assertRefused("   ", "Name is required");
  }

  @Test
  void requiredNameCountsCodePointsNotUtf16Units() {
    String fiftyKeys = "🔑".repeat(50);
    assertThat(TextRules.requiredName("Name", fiftyKeys, TextRules.NAME_MAX)).isEqualTo(fiftyKeys);
    assertRefused(fiftyKeys + "🔑", "Name must be at most 50 characters long");
    assertRefused("  " + "x".repeat(51) + "  ", "Name must be at most 50 characters long");
  }

  @Test
  void nameProblemWhenOptionalAndEmptyThenNone() {
    assertThat(TextRules.nameProblem("LastName", null, 0, 50)).isEmpty();
    assertThat(TextRules.nameProblem("LastName", "", 0, 50)).isEmpty();
    assertThat(TextRules.nameProblem("Username", "a", 2, 50))
        .contains("Username must be at least 2 characters long");
  }

  @Test
  void joinersBetweenNonAsciiCharactersAreSpellingNotSpoofing() {
    // Persian with a zero-width non-joiner, an emoji ZWJ sequence, Devanagari with a joiner.
    for (String name :
        List.of(
            "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
            "Dev \uD83D\uDC69\u200D\uD83D\uDCBB",
            "\u0915\u094D\u200D\u0937")) {
      assertThat(TextRules.nameProblem("Name", name, 1, 50)).as(name).isEmpty();
    }
    for (String name :
        List.of(
            "ad\u200Dmin",
            "\u200D\u0645\u06CC",
            "\u0645\u06CC\u200C",
            "\u0645\u200C\u200C\u06CC")) {
      assertThat(TextRules.nameProblem("Name", name, 1, 50))
          .as(name)
          .contains("Name must not contain control or invisible characters");
    }
  }
}
