package io.pocketid.oidc.admin;

import io.pocketid.core.model.FederatedIdentity;
import io.pocketid.core.model.OidcClient;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.service.ImageService;
import io.pocketid.core.service.ServiceError;
import io.pocketid.core.service.ServiceException;
import io.pocketid.core.service.TextRules;
import io.pocketid.core.store.DuplicateKeyException;
import io.pocketid.core.store.NotFoundException;
import io.pocketid.core.store.OidcClientStore;
import io.pocketid.core.store.Page;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.UserGroupStore;
import io.pocketid.oidc.authorize.RedirectUris;
import io.pocketid.oidc.client.ClientSecrets;
import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Client administration: the rules for a client's id, name and URLs, secrets (shown once, stored
 * hashed), and the groups allowed to use it. Lives in {@code oidc} because its rules are protocol
 * rules (which redirect URIs may be registered, how secrets are hashed).
 */
public final class ClientService {
  private static final Pattern CLIENT_ID = Pattern.compile("[a-zA-Z0-9._-]{2,128}");
  private static final int SECRET_LENGTH = 32;

  private final OidcClientStore clients;
  private final UserGroupStore groups;
  private final Clock clock;
  private static final String PNG = "png";

  private final RandomTokens random;
  private final ImageService images;
  private final LogoFetcher logoFetcher;

  /** Without logos by URL ({@link LogoFetcher#DISABLED}). */
  public ClientService(
      OidcClientStore clients,
      UserGroupStore groups,
      ImageService images,
      Clock clock,
      RandomTokens random) {
    this(clients, groups, images, LogoFetcher.DISABLED, clock, random);
  }

  public ClientService(
      OidcClientStore clients,
      UserGroupStore groups,
      ImageService images,
      LogoFetcher logoFetcher,
      Clock clock,
      RandomTokens random) {
    this.clients = Objects.requireNonNull(clients, "clients");
    this.groups = Objects.requireNonNull(groups, "groups");
    this.images = Objects.requireNonNull(images, "images");
    this.logoFetcher = Objects.requireNonNull(logoFetcher, "logoFetcher");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A client with the groups allowed to use it (empty: everybody). */
  public record ClientDetails(OidcClient client, List<UserGroup> allowedGroups) {}

  /** A client in a list, with how many groups may use it. */
  public record ClientSummary(OidcClient client, int allowedGroupCount) {}

  /** A page of clients; a page past the end gives the last page. */
  public Page<ClientSummary> list(PageRequest request) {
    return list(request, OidcClientStore.Filter.NONE);
  }

  /** A page of the clients that match {@code filter}; a page past the end gives the last page. */
  public Page<ClientSummary> list(PageRequest request, OidcClientStore.Filter filter) {
    Page<OidcClient> result = clients.list(request, filter);
    if (result.currentPage() > result.totalPages()) {
      result =
          clients.list(
              new PageRequest(
                  result.totalPages(), request.size(), request.sort(), request.search()),
              filter);
    }
    List<ClientSummary> items = new ArrayList<>();
    for (OidcClient client : result.items()) {
      items.add(new ClientSummary(client, clients.allowedGroupIds(client.id()).size()));
    }
    return new Page<>(items, result.totalItems(), result.currentPage(), result.itemsPerPage());
  }

  /**
   * @throws ServiceException NOT_FOUND
   */
  public OidcClient get(String id) {
    return clients
        .findById(id)
        .orElseThrow(() -> new ServiceException(ServiceError.NOT_FOUND, "Record not found"));
  }

  /**
   * @throws ServiceException NOT_FOUND
   */
  public ClientDetails details(String id) {
    return withGroups(get(id));
  }

  /**
   * Registers a client (no secret yet: {@link #newSecret}).
   *
   * @throws ServiceException INVALID_INPUT naming the problem; ALREADY_IN_USE for a taken id
   */
  public ClientDetails create(ClientDraft draft, String createdById) {
    String id = draft.id();
    if (id == null || id.isEmpty()) {
      id = UUID.randomUUID().toString();
    } else if (!CLIENT_ID.matcher(id).matches()) {
      throw invalid("Client ID must be 2 to 128 characters of letters, digits, '.', '_' or '-'");
    }
    OidcClient client =
        build(draft, id, clock.instant().truncatedTo(ChronoUnit.MILLIS), null, createdById, null);
    try {
      clients.create(client);
    } catch (DuplicateKeyException e) {
      throw invalid("Client ID already in use");
    }
    return withGroups(client);
  }

  /**
   * Replaces a client's settings; its id, secret (unless it becomes public), logos and creator
   * stay.
   *
   * @throws ServiceException INVALID_INPUT, NOT_FOUND
   */
  public ClientDetails update(String id, ClientDraft draft) {
    OidcClient existing = get(id);
    OidcClient updated =
        build(
            draft,
            existing.id(),
            existing.createdAt(),
            existing.secretHash(),
            existing.createdById(),
            existing);
    clients.update(updated);
    return withGroups(updated);
  }

  /**
   * Deletes the client with its codes, tokens, consents and logos.
   *
   * @throws ServiceException NOT_FOUND
   */
  public void delete(String id) {
    if (!clients.delete(id)) {
      throw new ServiceException(ServiceError.NOT_FOUND, "Record not found");
    }
    images.removeClientLogos(id);
  }

  /**
   * Sets the client's light or dark logo from an upload (decoded and re-encoded as PNG).
   *
   * @throws ServiceException NOT_FOUND; INVALID_INPUT naming what is wrong with the image
   */
  public void setLogo(String id, boolean dark, byte[] upload) {
    OidcClient client = get(id);
    images.setClientLogo(client.id(), dark, upload);
    clients.update(
        dark
            ? client.withLogoTypes(client.imageType(), PNG)
            : client.withLogoTypes(PNG, client.darkImageType()));
  }

  /**
   * Sets the client's logo from a URL, fetched by the server through {@code fetcher} (which refuses
   * private and local addresses).
   *
   * @throws ServiceException NOT_FOUND; INVALID_INPUT naming what is wrong with the URL or image
   */
  public void setLogoFromUrl(String id, boolean dark, String url) {
    get(id);
    if (url == null || url.isBlank()) {
      throw invalid("Url is required");
    }
    setLogo(id, dark, logoFetcher.fetch(url.trim()));
  }

  /**
   * The client's logo; the dark one falls back to the light one.
   *
   * @throws ServiceException NOT_FOUND for an unknown client or when it has no logo
   */
  public ImageService.ImageBytes logo(String id, boolean dark) {
    OidcClient client = get(id);
    return (dark ? images.clientLogo(client.id(), true) : Optional.<ImageService.ImageBytes>empty())
        .or(() -> images.clientLogo(client.id(), false))
        .orElseThrow(() -> new ServiceException(ServiceError.NOT_FOUND, "Image not found"));
  }

  /**
   * Removes the client's light or dark logo.
   *
   * @throws ServiceException NOT_FOUND
   */
  public void removeLogo(String id, boolean dark) {
    OidcClient client = get(id);
    images.removeClientLogo(client.id(), dark);
    clients.update(
        dark
            ? client.withLogoTypes(client.imageType(), null)
            : client.withLogoTypes(null, client.darkImageType()));
  }

  /**
   * Replaces the groups allowed to use the client (empty: everybody).
   *
   * @throws ServiceException INVALID_INPUT when {@code groupIds} is null; NOT_FOUND for an unknown
   *     client or group
   */
  public OidcClient setAllowedGroups(String id, List<String> groupIds) {
    OidcClient client = get(id);
    if (groupIds == null) {
      throw invalid("UserGroupIds is required");
    }
    try {
      clients.setAllowedGroups(client.id(), groupIds);
    } catch (NotFoundException e) {
      throw new ServiceException(ServiceError.NOT_FOUND, "Record not found");
    }
    return client;
  }

  /**
   * A new secret for the client, replacing the old one: returned once, stored hashed.
   *
   * @throws ServiceException NOT_FOUND
   */
  public String newSecret(String id) {
    OidcClient client = get(id);
    String secret = random.fromAlphabet(RandomTokens.ALPHANUMERIC, SECRET_LENGTH);
    clients.update(client.withSecretHash(ClientSecrets.hash(secret)));
    return secret;
  }

  private ClientDetails withGroups(OidcClient client) {
    List<UserGroup> allowed = new ArrayList<>();
    for (String groupId : clients.allowedGroupIds(client.id())) {
      groups.findById(groupId).ifPresent(allowed::add);
    }
    return new ClientDetails(client, allowed);
  }

  private static OidcClient build(
      ClientDraft draft,
      String id,
      java.time.Instant createdAt,
      String secretHash,
      String createdBy,
      OidcClient existing) {
    String name = TextRules.requiredName("Name", draft.name(), TextRules.NAME_MAX);
    List<String> callbacks = urls(draft.callbackUrls(), "Callback URL");
    List<String> logoutCallbacks = urls(draft.logoutCallbackUrls(), "Logout callback URL");
    boolean isPublic = draft.publicClient();
    boolean pkce = isPublic || draft.pkceEnabled();
    String launchUrl = blankToNull(draft.launchUrl());
    if (launchUrl != null && !absoluteHttp(launchUrl)) {
      throw invalid("Launch URL is invalid");
    }
    String backchannel = blankToNull(draft.backchannelLogoutUrl());
    if (backchannel != null && !absoluteHttp(backchannel)) {
      throw invalid("Back-channel logout URL is invalid");
    }
    return new OidcClient(
        id,
        createdAt,
        name,
        isPublic ? null : secretHash,
        callbacks,
        logoutCallbacks,
        backchannel,
        existing == null ? null : existing.imageType(),
        existing == null ? null : existing.darkImageType(),
        createdBy,
        isPublic,
        pkce,
        draft.requiresReauthentication(),
        launchUrl,
        federatedIdentities(draft.federatedIdentities(), existing));
  }

  private static List<FederatedIdentity> federatedIdentities(
      List<ClientDraft.IdentityDraft> items, OidcClient existing) {
    if (items == null) {
      return existing == null ? List.of() : existing.federatedIdentities();
    }
    List<FederatedIdentity> out = new ArrayList<>();
    for (ClientDraft.IdentityDraft item : items) {
      String issuer = item.issuer();
      if (issuer == null || issuer.isBlank()) {
        throw invalid("Issuer is required");
      }
      String jwks = blankToNull(item.jwks());
      if (jwks != null && !absoluteHttp(jwks)) {
        throw invalid("JWKS URL is invalid");
      }
      out.add(
          new FederatedIdentity(
              issuer, blankToNull(item.subject()), blankToNull(item.audience()), jwks));
    }
    return out;
  }

  private static List<String> urls(List<String> values, String what) {
    if (values == null) {
      return List.of();
    }
    for (String url : values) {
      if (!RedirectUris.isRegistrable(url)) {
        throw invalid(what + " '" + truncate(url) + "' is invalid");
      }
    }
    return List.copyOf(values);
  }

  private static boolean absoluteHttp(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String truncate(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "…" : value;
  }

  private static ServiceException invalid(String message) {
    return new ServiceException(ServiceError.INVALID_INPUT, message);
  }
}
