package io.pocketid.server.internal.api;

import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.http.BadRequestException;
import io.pocketid.server.internal.http.JsonBody;
import io.pocketid.server.internal.web.QrCodes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /api/qr-code} with {@code {text}}: an SVG QR code of a link for signed-in users (the
 * login-code and signup-link dialogs). A POST so the link, which signs someone in, never appears in
 * a URL or an access log.
 */
public final class QrCodeApi {
  private final Access access;

  public QrCodeApi(Access access) {
    this.access = access;
  }

  /** The SVG; 400 when the text is missing or longer than {@value QrCodes#MAX_LENGTH}. */
  public void create(HttpServerExchange exchange) {
    access.requireUser(exchange);
    String text = JsonBody.read(exchange.getInputStream()).string("text");
    String svg =
        QrCodes.svg(text)
            .orElseThrow(
                () ->
                    new BadRequestException(
                        StatusCodes.BAD_REQUEST,
                        "Text is required and may have at most "
                            + QrCodes.MAX_LENGTH
                            + " characters"));
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "image/svg+xml");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.getResponseSender().send(svg, StandardCharsets.UTF_8);
  }
}
