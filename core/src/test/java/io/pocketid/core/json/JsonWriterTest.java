package io.pocketid.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void writesNestedValuesInOrder() {
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("b", 1);
    value.put("a", List.of(true, "x"));
    value.put("n", null);
    value.put("t", Instant.parse("2026-01-02T03:04:05.120Z"));

    assertThat(JsonWriter.write(value))
        .isEqualTo("{\"b\":1,\"a\":[true,\"x\"],\"n\":null,\"t\":\"2026-01-02T03:04:05.120Z\"}");
  }

  @Test
  void escapesQuotesControlsAndHtmlSensitiveCharacters() {
    assertThat(JsonWriter.quote("a\"b\\c\n<\u2028&>\u0001"))
        .isEqualTo("\"a\\\"b\\\\c\\n\\u003c\\u2028\\u0026\\u003e\\u0001\"");
  }

  @Test
  void writesNullElementsOfLists() {
    assertThat(JsonWriter.write(Arrays.asList("a", null))).isEqualTo("[\"a\",null]");
  }
}
