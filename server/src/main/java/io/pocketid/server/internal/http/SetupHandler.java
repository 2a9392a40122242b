package io.pocketid.server.internal.http;

import io.pocketid.core.model.User;
import io.pocketid.core.service.SetupRequest;
import io.pocketid.core.service.SetupService;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.StatusCodes;
import java.util.function.Supplier;

/**
 * {@code POST /api/signup/setup}: creates the initial admin. Runs on a worker thread in blocking
 * mode (wrapped in a {@code BlockingHandler} by the router).
 *
 * <p>The session cookie and passkey registration of Pocket ID's setup come with the session work.
 */
public final class SetupHandler implements HttpHandler {
  private final Supplier<SetupService> service;
  private final Supplier<JsonCodec> json;

  public SetupHandler(Supplier<SetupService> service, Supplier<JsonCodec> json) {
    this.service = service;
    this.json = json;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    JsonCodec codec = json.get();
    JsonFields body = codec.readObject(exchange.getInputStream());
    SetupRequest request =
        new SetupRequest(
            body.string("username"),
            body.string("email"),
            body.string("firstName"),
            body.string("lastName"));
    User admin = service.get().createInitialAdmin(request);
    Responses.json(exchange, StatusCodes.OK, codec.write(UserDto.of(admin)));
  }
}
