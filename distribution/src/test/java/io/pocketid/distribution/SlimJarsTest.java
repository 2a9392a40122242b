package io.pocketid.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reachability rules of {@link SlimJars}, on jars compiled here. */
class SlimJarsTest {
  @TempDir Path dir;
  private Path lib;
  private Path classes;

  @BeforeEach
  void compile() throws IOException {
    Path src = dir.resolve("src");
    classes = dir.resolve("classes");
    lib = dir.resolve("lib");
    Files.createDirectories(lib);
    write(
        src,
        "app/Main.java",
        "package app; public class Main {",
        "  public static void main(String[] a) throws Exception {",
        "    new lib.Used().run();",
        "    Class.forName(\"lib.ByName\");",
        "  }",
        "}");
    write(
        src,
        "lib/Used.java",
        "package lib; public class Used {",
        "  lib.FieldType field;",
        "  public void run() { new lib.Inner.Nested(); }",
        "}");
    write(src, "lib/FieldType.java", "package lib; public class FieldType {}");
    write(
        src, "lib/Inner.java", "package lib; public class Inner { public static class Nested {} }");
    write(src, "lib/ByName.java", "package lib; public class ByName {}");
    write(
        src,
        "lib/ByService.java",
        "package lib; public class ByService implements Runnable {",
        "  public void run() {}",
        "}");
    write(src, "lib/Unused.java", "package lib; public class Unused { lib.UnusedToo other; }");
    write(src, "lib/UnusedToo.java", "package lib; public class UnusedToo {}");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--release", "17", "-d", classes.toString()));
    try (var files = Files.walk(src)) {
      files.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    assertThat(javac.run(null, null, null, args.toArray(String[]::new))).isZero();
  }

  @Test
  void keepsWhatIsReachableFromOtherJarsAndDropsTheRest() throws IOException {
    jar(
        "app-1.0.jar",
        entries(
            "app/Main.class", bytes("app/Main.class"),
            "META-INF/services/java.lang.Runnable",
                "lib.ByService\n".getBytes(StandardCharsets.UTF_8)));
    jar("lib-2.0.jar", libEntries());

    List<String> report =
        SlimJars.run(lib.toString(), dir.resolve("report.txt").toString(), "lib-");

    assertThat(names("lib-2.0.jar"))
        .contains(
            "lib/Used.class", // called
            "lib/FieldType.class", // a field's type
            "lib/Inner.class", // the outer class of one that is used
            "lib/Inner$Nested.class", // instantiated
            "lib/ByName.class", // Class.forName("lib.ByName")
            "lib/ByService.class", // named in a service file of another jar
            "META-INF/versions/11/lib/Used.class", // a release the runtime reads
            "lib/notes.txt")
        .doesNotContain(
            "lib/Unused.class",
            "lib/UnusedToo.class",
            "META-INF/maven/x/lib/pom.xml",
            "META-INF/versions/21/lib/Used.class");
    assertThat(names("app-1.0.jar")).contains("app/Main.class");
    assertThat(report).anyMatch(l -> l.startsWith("lib-2.0.jar") && l.contains("(pruned)"));
    assertThat(Files.readAllLines(dir.resolve("report.txt"))).isEqualTo(report);
  }

  @Test
  void aJarThatIsNotListedKeepsEveryClass() throws IOException {
    jar("app-1.0.jar", entries("app/Main.class", bytes("app/Main.class")));
    jar("lib-2.0.jar", libEntries());
    jar("other-1.0.jar", entries("lib2/Unused.class", bytes("lib/Unused.class")));

    SlimJars.run(lib.toString(), dir.resolve("report.txt").toString(), "lib-");

    assertThat(names("other-1.0.jar")).contains("lib2/Unused.class");
    // Classes of a jar that is not pruned are roots: what they use stays.
    assertThat(names("lib-2.0.jar")).contains("lib/UnusedToo.class");
  }

  @Test
  void theSameInputGivesTheSameBytes() throws IOException {
    jar("app-1.0.jar", entries("app/Main.class", bytes("app/Main.class")));
    jar("lib-2.0.jar", libEntries());
    Path copy = dir.resolve("copy");
    Files.createDirectories(copy);
    for (String name : List.of("app-1.0.jar", "lib-2.0.jar")) {
      Files.copy(lib.resolve(name), copy.resolve(name));
    }

    SlimJars.run(lib.toString(), dir.resolve("a.txt").toString(), "lib-");
    SlimJars.run(copy.toString(), dir.resolve("b.txt").toString(), "lib-");

    assertThat(Files.readAllBytes(copy.resolve("lib-2.0.jar")))
        .isEqualTo(Files.readAllBytes(lib.resolve("lib-2.0.jar")));
  }

  @Test
  void aPrefixThatMatchesNoJarIsRefusedAndNothingIsWritten() throws IOException {
    jar("lib-2.0.jar", libEntries());
    byte[] before = Files.readAllBytes(lib.resolve("lib-2.0.jar"));

    assertThatThrownBy(
            () -> SlimJars.run(lib.toString(), dir.resolve("r.txt").toString(), "lib-", "guava-"))
        .isInstanceOf(SlimJars.UsageException.class)
        .hasMessageContaining("'guava-'");
    assertThat(Files.readAllBytes(lib.resolve("lib-2.0.jar"))).isEqualTo(before);
    assertThat(dir.resolve("r.txt")).doesNotExist();
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> SlimJars.run(lib.toString(), "r.txt"))
        .isInstanceOf(SlimJars.UsageException.class)
        .hasMessageContaining("usage");
    assertThatThrownBy(() -> SlimJars.run("--release", "x", lib.toString(), "r.txt", "a"))
        .isInstanceOf(SlimJars.UsageException.class)
        .hasMessageContaining("'x'");
    assertThatThrownBy(() -> SlimJars.run(dir.resolve("nope").toString(), "r.txt", "a"))
        .isInstanceOf(SlimJars.UsageException.class)
        .hasMessageContaining("not a directory");
  }

  private Map<String, byte[]> libEntries() throws IOException {
    Map<String, byte[]> e = new LinkedHashMap<>();
    e.put("META-INF/maven/x/lib/pom.xml", "<project/>".getBytes(StandardCharsets.UTF_8));
    for (String c :
        List.of(
            "Used",
            "FieldType",
            "Inner",
            "Inner$Nested",
            "ByName",
            "ByService",
            "Unused",
            "UnusedToo")) {
      e.put("lib/" + c + ".class", bytes("lib/" + c + ".class"));
    }
    e.put("META-INF/versions/11/lib/Used.class", bytes("lib/Used.class"));
    e.put("META-INF/versions/21/lib/Used.class", bytes("lib/Used.class"));
    e.put("lib/notes.txt", "plain text".getBytes(StandardCharsets.UTF_8));
    return e;
  }

  private static Map<String, byte[]> entries(Object... pairs) {
    Map<String, byte[]> e = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      e.put((String) pairs[i], (byte[]) pairs[i + 1]);
    }
    return e;
  }

  private byte[] bytes(String classFile) throws IOException {
    return Files.readAllBytes(classes.resolve(classFile));
  }

  private void jar(String name, Map<String, byte[]> entries) throws IOException {
    try (OutputStream os = Files.newOutputStream(lib.resolve(name));
        ZipOutputStream zip = new ZipOutputStream(os)) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        ZipEntry entry = new ZipEntry(e.getKey());
        entry.setTime(1_700_000_000_000L);
        zip.putNextEntry(entry);
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
  }

  private List<String> names(String jar) throws IOException {
    try (ZipFile zip = new ZipFile(lib.resolve(jar).toFile())) {
      return zip.stream().map(ZipEntry::getName).toList();
    }
  }

  private static void write(Path src, String path, String... lines) throws IOException {
    Path file = src.resolve(path);
    Files.createDirectories(file.getParent());
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
  }
}
