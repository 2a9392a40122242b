package io.pocketid.server.internal.http;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonLimitsTest {
  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void bracketsAndEscapedQuotesInsideStringsDoNotCount() {
    assertThatCode(() -> JsonLimits.check(b("{\"a\":\"" + "[".repeat(100) + "\\\"]}\"}  \n")))
        .doesNotThrowAnyException();
  }

  @Test
  void depthAboveTheLimitIsRefused() {
    String ok = "[".repeat(JsonLimits.MAX_DEPTH) + "]".repeat(JsonLimits.MAX_DEPTH);
    String deep = "[".repeat(JsonLimits.MAX_DEPTH + 1) + "]".repeat(JsonLimits.MAX_DEPTH + 1);

    assertThatCode(() -> JsonLimits.check(b(ok))).doesNotThrowAnyException();
    assertThatThrownBy(() -> JsonLimits.check(b(deep)))
        .isInstanceOf(BadRequestException.class)
        .hasMessageContaining("nested more than 32 levels");
  }

  @Test
  void trailingContentIsRefused() {
    assertThatThrownBy(() -> JsonLimits.check(b("{} x")))
        .hasMessageContaining("unexpected content after the JSON value");
    assertThatThrownBy(() -> JsonLimits.check(b("{\"a\":1}{\"b\":2}")))
        .hasMessageContaining("unexpected content");
  }
}
