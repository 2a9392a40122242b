package io.pocketid.storage.jdbc.internal;

import io.pocketid.core.json.JsonWriter;
import io.pocketid.core.model.FederatedIdentity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The little JSON the schema needs: arrays of strings, flat string maps, and the client's {@code
 * credentials} object. Written by core's {@link JsonWriter}; read here, whatever whitespace and key
 * order PostgreSQL's jsonb gives back.
 */
final class Json {
  private Json() {}

  static String stringList(List<String> values) {
    return JsonWriter.write(values);
  }

  /** Keys in sorted order, so the same map is always the same text. */
  static String stringMap(Map<String, String> values) {
    return JsonWriter.write(new TreeMap<>(values));
  }

  /** Pocket ID's {@code credentials} column: {@code {"federatedIdentities":[...]}}. */
  static String credentials(List<FederatedIdentity> identities) {
    List<Map<String, String>> items = new ArrayList<>();
    for (FederatedIdentity f : identities) {
      Map<String, String> item = new LinkedHashMap<>();
      item.put("issuer", f.issuer());
      if (f.subject() != null) {
        item.put("subject", f.subject());
      }
      if (f.audience() != null) {
        item.put("audience", f.audience());
      }
      if (f.jwksUrl() != null) {
        item.put("jwks", f.jwksUrl());
      }
      items.add(item);
    }
    return JsonWriter.write(Map.of("federatedIdentities", items));
  }

  @SuppressWarnings("unchecked")
  static List<String> parseStringList(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    Object v = new Parser(json).parse();
    List<String> out = new ArrayList<>();
    for (Object o : (List<Object>) v) {
      out.add((String) o);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static Map<String, String> parseStringMap(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    ((Map<String, Object>) new Parser(json).parse())
        .forEach((k, v) -> out.put(k, v == null ? null : v.toString()));
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<FederatedIdentity> parseCredentials(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    Map<String, Object> root = (Map<String, Object>) new Parser(json).parse();
    Object list = root.get("federatedIdentities");
    if (list == null) {
      return List.of();
    }
    List<FederatedIdentity> out = new ArrayList<>();
    for (Object o : (List<Object>) list) {
      Map<String, Object> m = (Map<String, Object>) o;
      out.add(
          new FederatedIdentity(
              (String) m.get("issuer"),
              (String) m.get("subject"),
              (String) m.get("audience"),
              (String) m.get("jwks")));
    }
    return out;
  }

  /** A small recursive-descent parser for the values above (and numbers/booleans/null). */
  private static final class Parser {
    private final String s;
    private int i;

    Parser(String s) {
      this.s = s;
    }

    Object parse() {
      Object v = value();
      ws();
      if (i != s.length()) {
        throw error("trailing characters");
      }
      return v;
    }

    private Object value() {
      ws();
      if (i >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        default:
          int start = i;
          while (i < s.length() && ",]} \t\r\n".indexOf(s.charAt(i)) < 0) {
            i++;
          }
          String lit = s.substring(start, i);
          return lit.equals("null") ? null : lit;
      }
    }

    private Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      ws();
      if (peek() == '}') {
        i++;
        return m;
      }
      while (true) {
        ws();
        String k = string();
        ws();
        expect(':');
        m.put(k, value());
        ws();
        if (peek() == ',') {
          i++;
        } else {
          expect('}');
          return m;
        }
      }
    }

    private List<Object> array() {
      List<Object> l = new ArrayList<>();
      i++;
      ws();
      if (peek() == ']') {
        i++;
        return l;
      }
      while (true) {
        l.add(value());
        ws();
        if (peek() == ',') {
          i++;
        } else {
          expect(']');
          return l;
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder sb = new StringBuilder();
      while (true) {
        if (i >= s.length()) {
          throw error("unterminated string");
        }
        char c = s.charAt(i++);
        if (c == '"') {
          return sb.toString();
        }
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> sb.append(e);
        }
      }
    }

    private char peek() {
      return i < s.length() ? s.charAt(i) : '\0';
    }

    private void expect(char c) {
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      i++;
    }

    private void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
    }

    private IllegalStateException error(String what) {
      return new IllegalStateException("malformed JSON in the database at " + i + ": " + what);
    }
  }
}
