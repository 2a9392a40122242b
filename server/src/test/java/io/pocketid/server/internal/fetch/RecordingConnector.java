package io.pocketid.server.internal.fetch;

import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/** A {@link Connector} that records each request and answers from a script; it never connects. */
final class RecordingConnector implements Connector {
  final List<Request> requests = new ArrayList<>();
  private final Function<Request, Response> answer;

  RecordingConnector(Function<Request, Response> answer) {
    this.answer = answer;
  }

  /** Answers every request with a small PNG. */
  static RecordingConnector image() {
    return new RecordingConnector(
        request -> ok("image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
  }

  @Override
  public Response get(Request request) {
    requests.add(request);
    return answer.apply(request);
  }

  List<InetAddress> addresses() {
    return requests.stream().map(Request::address).toList();
  }

  static Response ok(String contentType, byte[] body) {
    return new Response(
        200,
        Optional.empty(),
        Optional.of(contentType),
        OptionalLong.of(body.length),
        new ByteArrayInputStream(body));
  }

  static Response redirect(int status, String location) {
    return new Response(
        status,
        Optional.of(location),
        Optional.empty(),
        OptionalLong.of(0),
        new ByteArrayInputStream(new byte[0]));
  }
}
