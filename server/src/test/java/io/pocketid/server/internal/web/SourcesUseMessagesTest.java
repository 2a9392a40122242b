package io.pocketid.server.internal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sources speak through the messages: every key the templates, the page handlers and the
 * scripts name exists in English, and no user-visible English is left in them (a heuristic over the
 * text between tags, the visible attributes and the scripts' text-setting calls).
 */
class SourcesUseMessagesTest {
  private static final Path MAIN = Path.of("src/main");
  private static final Path STATIC = MAIN.resolve("resources/io/pocketid/server/static");

  /** Language names are written in their own language on purpose. */
  private static final Set<String> NOT_TRANSLATED = Set.of("English", "Deutsch", "Français");

  private static Set<String> english;

  @BeforeAll
  static void loadEnglish() throws IOException {
    Properties properties = new Properties();
    try (var reader =
        Files.newBufferedReader(
            MAIN.resolve("resources/io/pocketid/server/messages.properties"),
            StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    english = properties.stringPropertyNames();
  }

  @Test
  void everyKeyTheTemplatesUseExists() throws IOException {
    Set<String> used = new TreeSet<>();
    for (Path template : files(MAIN.resolve("jte"), ".jte")) {
      used.addAll(
          matches(Files.readString(template), "(?:page|messages)\\.(?:t|html)\\(\"([^\"]+)\""));
    }
    assertThat(used).hasSizeGreaterThan(80);
    assertThat(english).containsAll(used);
  }

  @Test
  void everyKeyThePageHandlersUseExists() throws IOException {
    Set<String> namespaces =
        english.stream().map(key -> key.split("\\.")[0]).collect(Collectors.toSet());
    namespaces.remove("js");
    Set<String> used = new TreeSet<>();
    for (String dir : List.of("web", "oidc")) {
      for (Path source : files(MAIN.resolve("java/io/pocketid/server/internal/" + dir), ".java")) {
        for (String literal : matches(Files.readString(source), "\"([a-z]+(?:\\.[a-zA-Z]+)+)\"")) {
          if (namespaces.contains(literal.split("\\.")[0]) && !literal.matches(".*\\.(js|css)")) {
            used.add(literal);
          }
        }
      }
    }
    assertThat(used).contains("title.signIn", "error.formExpired", "scope.openid");
    assertThat(english).containsAll(used);
  }

  @Test
  void everyKeyTheScriptsUseExists() throws IOException {
    Set<String> used = new TreeSet<>();
    String console = Files.readString(STATIC.resolve("console.js"));
    for (String script : List.of(Files.readString(STATIC.resolve("app.js")), console)) {
      used.addAll(matches(script, "\\bt\\(\"(js\\.[^\"]+)\""));
    }
    // The settings page builds its keys: js.settings.<section>[.save|.saved], js.setting.<field>.
    for (String section : matches(console, "\\{\\s*id: \"(\\w+)\",\\s*(?:note|fields):")) {
      used.addAll(
          List.of(
              "js.settings." + section,
              "js.settings." + section + ".save",
              "js.settings." + section + ".saved"));
    }
    for (String field :
        matches(
            console,
            "\\[\\s*\"(\\w+)\",\\s*\"(?:text|number|email|password|bool|select|groups|claims)\"\\s*(?:]|,\\s*\\{)")) {
      used.add("js.setting." + field);
    }
    assertThat(used).contains("js.users.create", "js.settings.general.save", "js.setting.smtpHost");
    assertThat(english).containsAll(used);
  }

  @Test
  void templatesHaveNoLiteralText() throws IOException {
    List<String> literal = new ArrayList<>();
    for (Path template : files(MAIN.resolve("jte"), ".jte")) {
      String source =
          Files.readString(template)
              .replaceAll(
                  "(?m)^\\s*@(import|param|if|elseif|else|endif|for|endfor|template)\\b.*$", "")
              .replaceAll("@(if|elseif)\\([^)]*\\)|@(else|endif|endfor)", "");
      String withoutCode = stripExpressions(source);
      String betweenTags = withoutCode.replaceAll("(?s)<script[^>]*>.*?</script>", "");
      for (String text : matches(betweenTags, ">([^<]+)<")) {
        check(template, text, literal);
      }
      for (String text :
          matches(withoutCode, "\\b(?:title|placeholder|alt|aria-label)=\"([^\"]*)\"")) {
        check(template, text, literal);
      }
    }
    assertThat(literal).isEmpty();
  }

  @Test
  void scriptsSetNoLiteralText() throws IOException {
    Pattern visible =
        Pattern.compile(
            "(?:\\btext|\\blabel|placeholder|\"aria-label\"|\\balt|removeLabel|title)\\s*:\\s*([\"`])(.*?)\\1"
                + "|(?:textContent\\s*=|notice\\(|noticeNext\\(|failure\\(|confirmed\\(|confirm\\(|prompt\\(|show\\(\"[\\w-]+\",)\\s*([\"`])(.*?)\\3");
    List<String> literal = new ArrayList<>();
    for (String name : List.of("app.js", "console.js")) {
      Matcher matcher = visible.matcher(Files.readString(STATIC.resolve(name)));
      while (matcher.find()) {
        String text = matcher.group(2) != null ? matcher.group(2) : matcher.group(4);
        String words = text.replaceAll("\\$\\{[^}]*}", "").replaceAll("\\w+://\\S*", "");
        if (words.matches("(?s).*\\p{L}{2,}.*") && !NOT_TRANSLATED.contains(text)) {
          literal.add(name + ": " + text);
        }
      }
    }
    assertThat(literal).isEmpty();
  }

  private static void check(Path template, String text, List<String> literal) {
    String trimmed = text.strip();
    if (trimmed.matches("(?s).*\\p{L}{2,}.*") && !NOT_TRANSLATED.contains(trimmed)) {
      literal.add(template.getFileName() + ": " + trimmed);
    }
  }

  /** Removes jte output expressions, balancing braces: {@code ${…}} and {@code $unsafe{…}}. */
  private static String stripExpressions(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      int start = source.indexOf('$', i);
      if (start < 0) {
        out.append(source, i, source.length());
        break;
      }
      int brace =
          source.startsWith("${", start)
              ? start + 1
              : source.startsWith("$unsafe{", start) ? start + 7 : -1;
      if (brace < 0) {
        out.append(source, i, start + 1);
        i = start + 1;
        continue;
      }
      out.append(source, i, start);
      int depth = 0;
      int j = brace;
      do {
        char c = source.charAt(j);
        depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        j++;
      } while (depth > 0 && j < source.length());
      i = j;
    }
    return out.toString();
  }

  private static List<String> matches(String text, String regex) {
    List<String> found = new ArrayList<>();
    Matcher matcher = Pattern.compile(regex).matcher(text);
    while (matcher.find()) {
      found.add(matcher.group(1));
    }
    return found;
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
