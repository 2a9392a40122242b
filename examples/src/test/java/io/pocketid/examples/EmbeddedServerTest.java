package io.pocketid.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's class as a newcomer runs it: in a new JVM, in an empty working directory. It prints
 * its issuer, serves discovery there, and leaves the directory empty.
 */
class EmbeddedServerTest {
  @TempDir Path emptyDirectory;

  @Test
  void printsItsIssuerServesDiscoveryThereAndWritesNothing() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                EmbeddedServer.class.getName())
            .directory(emptyDirectory.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      CompletableFuture<String> issuer =
          CompletableFuture.supplyAsync(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = out.readLine()) != null) {
                    if (line.matches("http://localhost:[0-9]+")) {
                      return line;
                    }
                  }
                  return null;
                } catch (java.io.IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      String url = issuer.get(60, TimeUnit.SECONDS);
      assertThat(url).as("the issuer line").isNotNull();

      HttpResponse<String> discovery =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create(
                              url.replace("localhost", "127.0.0.1")
                                  + "/.well-known/openid-configuration"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(discovery.statusCode()).isEqualTo(200);
      assertThat(discovery.body()).contains("\"issuer\":\"" + url + "\"");
    } finally {
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    try (Stream<Path> left = Files.list(emptyDirectory)) {
      assertThat(left).as("files left in the working directory").isEmpty();
    }
  }
}
