package io.pocketid.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of this module's README compiles against this module: each becomes the
 * body of a method whose parameters are the values the README says the embedder has.
 */
class ReadmeSnippetsTest {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  /** The README's "they assume these values" list, as method parameters. */
  private static final String GIVEN =
      "Storage storage, String appUrl, String internalUrl, byte[] encryptionKey, KeyFiles keyFiles,"
          + " Clock clock, AppConfigService appConfig, Map<String, List<String>> form,"
          + " Optional<String> authorizationHeader";

  private static final List<String> IMPORTS =
      List.of(
          "io.pocketid.core.config.AppConfigService",
          "io.pocketid.core.model.OidcClient",
          "io.pocketid.core.model.User",
          "io.pocketid.core.security.RandomTokens",
          "io.pocketid.core.store.Storage",
          "io.pocketid.oidc.*",
          "io.pocketid.oidc.admin.*",
          "io.pocketid.oidc.authorize.*",
          "io.pocketid.oidc.client.*",
          "io.pocketid.oidc.device.*",
          "io.pocketid.oidc.discovery.*",
          "io.pocketid.oidc.grant.*",
          "io.pocketid.oidc.introspect.*",
          "io.pocketid.oidc.keys.*",
          "io.pocketid.oidc.logout.*",
          "io.pocketid.oidc.provider.*",
          "io.pocketid.oidc.token.*",
          "io.pocketid.oidc.userinfo.*",
          "java.time.*",
          "java.util.*",
          "java.util.function.*");

  @TempDir Path out;

  @Test
  void everyJavaBlockOfTheReadmeCompiles() throws Exception {
    String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
    List<String> blocks = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme);
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).as("java blocks in README.md").hasSizeGreaterThanOrEqualTo(3);

    StringBuilder source = new StringBuilder();
    IMPORTS.forEach(i -> source.append("import ").append(i).append(";\n"));
    source.append("class ReadmeSnippets {\n");
    for (int i = 0; i < blocks.size(); i++) {
      source.append("  void block").append(i + 1).append("(").append(GIVEN).append(")");
      source.append(" throws Exception {\n").append(blocks.get(i)).append("  }\n");
    }
    source.append("}\n");

    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    JavaFileObject file =
        new SimpleJavaFileObject(
            URI.create("string:///ReadmeSnippets.java"), JavaFileObject.Kind.SOURCE) {
          @Override
          public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return source;
          }
        };
    List<String> options =
        List.of(
            "-classpath",
            System.getProperty("java.class.path"),
            "-d",
            out.toString(),
            "-proc:none",
            "-Xlint:all",
            "-Werror");
    boolean ok =
        compiler
            .getTask(new StringWriter(), null, diagnostics, options, null, List.of(file))
            .call();

    List<String> problems = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      String[] lines = source.toString().split("\n", -1);
      long line = d.getLineNumber();
      problems.add(
          d.getKind()
              + " at \""
              + (line > 0 && line <= lines.length ? lines[(int) line - 1].strip() : "?")
              + "\": "
              + d.getMessage(Locale.ROOT));
    }
    assertThat(problems).as("compiling README.md's java blocks").isEmpty();
    assertThat(ok).isTrue();
  }
}
