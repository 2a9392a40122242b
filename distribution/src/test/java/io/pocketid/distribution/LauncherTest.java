package io.pocketid.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher {@code src/dist/bin/pocket-id} as a user runs it, against a stand-in runtime: a
 * {@code JAVA_HOME} whose {@code bin/java} is a shell script that writes the arguments it was given
 * and, when asked to dump a class-data-sharing archive, writes one at exit as the JVM does.
 */
class LauncherTest {
  @TempDir Path dir;
  private Path home;
  private Path javaHome;
  private Path argsFile;

  @BeforeEach
  void layOut() throws IOException {
    home = dir.resolve("pocket-id");
    Files.createDirectories(home.resolve("bin"));
    Files.createDirectories(home.resolve("lib"));
    Files.write(home.resolve("lib/pocket-id-server.jar"), new byte[] {1, 2, 3});
    Path launcher = home.resolve("bin/pocket-id");
    Files.copy(Path.of("src/dist/bin/pocket-id"), launcher);
    executable(launcher);
    argsFile = dir.resolve("java-args.txt");
    javaHome = runtime("17.0.15");
  }

  /** A stand-in runtime that reports {@code version} in its {@code release} file. */
  private Path runtime(String version) throws IOException {
    Path jh = dir.resolve("jdk-" + version);
    Files.createDirectories(jh.resolve("bin"));
    Files.createDirectories(jh.resolve("lib"));
    Files.write(jh.resolve("lib/modules"), new byte[] {0});
    Files.writeString(
        jh.resolve("release"),
        "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + version + "\"\n",
        StandardCharsets.UTF_8);
    Path java = jh.resolve("bin/java");
    Files.writeString(
        java,
        String.join(
            "\n",
            "#!/bin/sh",
            "printf '%s\\n' \"$@\" > \"" + argsFile + "\"",
            "for a in \"$@\"; do",
            "  case $a in -XX:ArchiveClassesAtExit=*) echo archive > \"${a#*=}\" ;; esac",
            "done",
            "exit ${FAKE_JAVA_EXIT:-0}",
            ""),
        StandardCharsets.UTF_8);
    executable(java);
    return jh;
  }

  private static void executable(Path file) throws IOException {
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  private record Run(int exit, List<String> javaArgs) {}

  private Run launch(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(home.resolve("bin/pocket-id").toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("JAVA_HOME", javaHome.toString());
    pb.environment().putAll(env);
    pb.redirectErrorStream(true);
    Files.deleteIfExists(argsFile);
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(20, TimeUnit.SECONDS))
        .as("launcher finished; output: %s", output)
        .isTrue();
    List<String> javaArgs =
        Files.exists(argsFile) ? Files.readAllLines(argsFile, StandardCharsets.UTF_8) : List.of();
    return new Run(p.exitValue(), javaArgs);
  }

  private List<Path> archives(Path cdsDir) throws IOException {
    if (!Files.isDirectory(cdsDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(cdsDir)) {
      return files.sorted().toList();
    }
  }

  @Test
  void runsTheServerWithTheDefaultsAndTheUsersOptionsLast() throws Exception {
    Run run =
        launch(Map.of("CDS_ARCHIVE_DIR", "off", "JAVA_OPTS", "-Xmx64m -XX:+UseG1GC"), "serve");

    assertThat(run.exit()).isZero();
    List<String> a = run.javaArgs();
    assertThat(a).contains("-XX:+UseSerialGC", "-Xms16m", "-XX:+ExitOnOutOfMemoryError");
    assertThat(a.subList(a.size() - 3, a.size()))
        .containsExactly("-XX:+UseG1GC", "io.pocketid.server.Main", "serve");
    assertThat(a.indexOf("-Xmx64m")).isGreaterThan(a.indexOf("-XX:+UseSerialGC"));
    assertThat(a).noneMatch(arg -> arg.contains("Archive") || arg.startsWith("-Xshare"));
  }

  @Test
  void trimsTheNativeHeapOnlyOnRuntimesWithTheProductSwitch() throws Exception {
    for (String version : List.of("17.0.11", "17.0.15", "21.0.3", "22.0.1", "23", "25.0.1")) {
      javaHome = runtime(version);
      assertThat(launch(Map.of("CDS_ARCHIVE_DIR", "off")).javaArgs())
          .as("Java %s", version)
          .contains("-XX:TrimNativeHeapInterval=10000");
    }
    // Older updates do not know the switch, or have it only as an experimental option: the JVM
    // would refuse to start.
    for (String version : List.of("17.0.10", "17.0.9", "18.0.2", "21", "21.0.2", "22")) {
      javaHome = runtime(version);
      Run run = launch(Map.of("CDS_ARCHIVE_DIR", "off"));
      assertThat(run.exit()).isZero();
      assertThat(run.javaArgs())
          .as("Java %s", version)
          .contains("io.pocketid.server.Main")
          .noneMatch(arg -> arg.startsWith("-XX:TrimNativeHeapInterval"));
    }
  }

  @Test
  void theFirstCleanStopWritesAClassDataArchiveThatLaterStartsMap() throws Exception {
    Path cds = dir.resolve("data/cds");

    Run first = launch(Map.of());
    assertThat(first.javaArgs()).anyMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit="));
    List<Path> kept = archives(cds);
    assertThat(kept).hasSize(1);
    assertThat(kept.get(0).getFileName().toString()).matches("pocket-id-\\d+\\.jsa");

    Run later = launch(Map.of());
    assertThat(later.javaArgs())
        .contains(
            "-XX:SharedArchiveFile=" + "data/cds/" + kept.get(0).getFileName(), "-Xshare:auto")
        .noneMatch(arg -> arg.startsWith("-XX:ArchiveClassesAtExit"));

    // Other JVM options: another archive; the old one is removed.
    launch(Map.of("JAVA_OPTS", "-Xmx96m"));
    List<Path> now = archives(cds);
    assertThat(now).hasSize(1).doesNotContain(kept.get(0));
  }

  @Test
  void aFailedRunKeepsNoArchive() throws Exception {
    Run run = launch(Map.of("FAKE_JAVA_EXIT", "1"));

    assertThat(run.exit()).isEqualTo(1);
    assertThat(archives(dir.resolve("data/cds"))).isEmpty();
  }

  @Test
  void theArchiveFollowsTheDatabaseAndCanBeTurnedOff() throws Exception {
    launch(Map.of("DB_CONNECTION_STRING", "file:" + dir.resolve("db/pid.db") + "?_pragma=x"));
    assertThat(archives(dir.resolve("db/cds"))).hasSize(1);

    Run off = launch(Map.of("CDS_ARCHIVE_DIR", "off"));
    assertThat(off.javaArgs()).noneMatch(arg -> arg.contains("Archive"));
    assertThat(dir.resolve("data/cds")).doesNotExist();

    Run chosen = launch(Map.of("JAVA_OPTS", "-Xshare:off"));
    assertThat(chosen.javaArgs()).noneMatch(arg -> arg.contains("Archive"));
  }
}
