package io.pocketid.server.internal.fetch;

import java.net.URI;

/**
 * An image fetched by {@link ImageFetcher}. The bytes are only what the server sent: the caller
 * decodes them and decides which image formats it accepts.
 *
 * @param data the body, at most the fetcher's size limit
 * @param contentType the server's {@code Content-Type}, an {@code image/} type
 * @param finalUrl the URL the image came from, after redirects
 */
public record FetchedImage(byte[] data, String contentType, URI finalUrl) {}
