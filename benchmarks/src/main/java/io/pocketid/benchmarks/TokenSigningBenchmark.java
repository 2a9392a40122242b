package io.pocketid.benchmarks;

import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.keys.SigningAlgorithm;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Signatures per second per algorithm: the token endpoint's cost (ARCHITECTURE.md). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TokenSigningBenchmark {
  @Param({"RS256", "ES256", "EDDSA"})
  public String algorithm;

  private KeyRing ring;
  private final Map<String, Object> claims =
      Map.of("iss", "http://localhost:1411", "sub", "u-1", "aud", "client", "exp", 4_000_000_000L);

  @Setup
  public void keys() {
    String jwk = KeyRing.generate(SigningAlgorithm.valueOf(algorithm));
    ring = KeyRing.of(List.of(jwk), KeyRing.kidOf(jwk));
  }

  @Benchmark
  public String sign() {
    return ring.sign(claims, "JWT");
  }
}
