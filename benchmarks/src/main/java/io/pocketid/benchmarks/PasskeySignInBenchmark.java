package io.pocketid.benchmarks;

import io.pocketid.core.model.User;
import io.pocketid.core.store.memory.InMemoryStorage;
import io.pocketid.webauthn.Ceremony;
import io.pocketid.webauthn.PasskeyCeremonies;
import io.pocketid.webauthn.SoftwareAuthenticator;
import io.pocketid.webauthn.WebauthnSettings;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Server time of a passkey sign-in's second half ({@code finishLogin}: parse, checks, ES256
 * signature verification, counter update) on the in-memory store, so the figure is the protocol's
 * cost without database latency. Target: under 10 ms at p50.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PasskeySignInBenchmark {
  private static final String ORIGIN = "http://localhost:1411";
  private PasskeyCeremonies ceremonies;
  private SoftwareAuthenticator authenticator;
  private Ceremony ceremony;
  private String response;

  @Setup(Level.Trial)
  public void register() throws Exception {
    InMemoryStorage storage = new InMemoryStorage();
    ceremonies =
        new PasskeyCeremonies(
            WebauthnSettings.forAppUrl(ORIGIN, "Pocket ID", List.of()),
            storage.users(),
            storage.passkeys(),
            storage.webauthnChallenges(),
            Clock.systemUTC());
    User user =
        new User("u-1", Instant.now(), "ada", null, "Ada", null, "Ada", false, null, null, false);
    storage.users().create(user);
    authenticator = new SoftwareAuthenticator(ORIGIN, "localhost");
    Ceremony registration = ceremonies.startRegistration(user);
    ceremonies.finishRegistration(
        registration.id(), user, authenticator.register(registration.optionsJson()));
  }

  @Setup(Level.Invocation)
  public void startCeremony() throws Exception {
    ceremony = ceremonies.startLogin();
    response = authenticator.authenticate(ceremony.optionsJson());
  }

  @Benchmark
  public Object finishLogin() throws Exception {
    return ceremonies.finishLogin(ceremony.id(), response);
  }
}
