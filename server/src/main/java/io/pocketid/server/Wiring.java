package io.pocketid.server;

import io.pocketid.core.audit.AuditLogQueries;
import io.pocketid.core.audit.AuditService;
import io.pocketid.core.auth.ApiKeyAuthenticator;
import io.pocketid.core.auth.LoginCodeService;
import io.pocketid.core.auth.ReauthenticationService;
import io.pocketid.core.auth.SessionService;
import io.pocketid.core.config.AppConfigService;
import io.pocketid.core.jobs.Job;
import io.pocketid.core.mail.MailService;
import io.pocketid.core.security.RandomTokens;
import io.pocketid.core.service.ApiKeyService;
import io.pocketid.core.service.AppConfigAdmin;
import io.pocketid.core.service.CustomClaimService;
import io.pocketid.core.service.GroupService;
import io.pocketid.core.service.ImageService;
import io.pocketid.core.service.MailNotifications;
import io.pocketid.core.service.MyAppsService;
import io.pocketid.core.service.PasskeyService;
import io.pocketid.core.service.PasskeyVerifier;
import io.pocketid.core.service.ProfilePictures;
import io.pocketid.core.service.SetupService;
import io.pocketid.core.service.SignInService;
import io.pocketid.core.service.SignupService;
import io.pocketid.core.service.UserAdminService;
import io.pocketid.core.service.UserService;
import io.pocketid.core.store.Storage;
import io.pocketid.mail.AngusMailer;
import io.pocketid.oidc.OidcSettings;
import io.pocketid.oidc.admin.ClaimsPreview;
import io.pocketid.oidc.admin.ClientService;
import io.pocketid.oidc.admin.LogoFetcher;
import io.pocketid.oidc.authorize.AuthorizationCompletion;
import io.pocketid.oidc.authorize.AuthorizationFlow;
import io.pocketid.oidc.authorize.AuthorizationRequestValidator;
import io.pocketid.oidc.authorize.PushedAuthorizations;
import io.pocketid.oidc.client.ClientAuthenticator;
import io.pocketid.oidc.device.DeviceAuthorizationService;
import io.pocketid.oidc.device.DeviceDecisions;
import io.pocketid.oidc.discovery.Discovery;
import io.pocketid.oidc.grant.TokenService;
import io.pocketid.oidc.introspect.AuditedRevocation;
import io.pocketid.oidc.introspect.IntrospectionService;
import io.pocketid.oidc.introspect.RevocationService;
import io.pocketid.oidc.keys.KeyRing;
import io.pocketid.oidc.logout.EndSessionService;
import io.pocketid.oidc.logout.HttpBackchannelLogoutSender;
import io.pocketid.oidc.logout.LogoutFlow;
import io.pocketid.oidc.provider.OidcProvider;
import io.pocketid.oidc.token.UserClaimsLoader;
import io.pocketid.oidc.userinfo.UserinfoService;
import io.pocketid.server.config.AppConfigSettings;
import io.pocketid.server.config.AppEnvironment;
import io.pocketid.server.config.ServerSettings;
import io.pocketid.server.internal.api.AdminUserApi;
import io.pocketid.server.internal.api.ApiKeyApi;
import io.pocketid.server.internal.api.AppConfigApi;
import io.pocketid.server.internal.api.AuditLogApi;
import io.pocketid.server.internal.api.ClientApi;
import io.pocketid.server.internal.api.GroupApi;
import io.pocketid.server.internal.api.ImageApi;
import io.pocketid.server.internal.api.MailApi;
import io.pocketid.server.internal.api.MyAppsApi;
import io.pocketid.server.internal.api.PasskeyApi;
import io.pocketid.server.internal.api.QrCodeApi;
import io.pocketid.server.internal.api.SignupApi;
import io.pocketid.server.internal.api.SignupDefaultsSetting;
import io.pocketid.server.internal.api.UserApi;
import io.pocketid.server.internal.auth.Access;
import io.pocketid.server.internal.auth.ClientAddress;
import io.pocketid.server.internal.auth.ClientAuthThrottle;
import io.pocketid.server.internal.auth.CrossSiteGuard;
import io.pocketid.server.internal.auth.RateLimiter;
import io.pocketid.server.internal.auth.RequestAuth;
import io.pocketid.server.internal.auth.SessionCookies;
import io.pocketid.server.internal.http.Cookies;
import io.pocketid.server.internal.http.Csrf;
import io.pocketid.server.internal.http.Routes;
import io.pocketid.server.internal.keys.SigningKeys;
import io.pocketid.server.internal.oidc.AuthorizeApi;
import io.pocketid.server.internal.oidc.AuthorizeEndpoint;
import io.pocketid.server.internal.oidc.DevicePage;
import io.pocketid.server.internal.oidc.EndSessionEndpoint;
import io.pocketid.server.internal.oidc.OidcDocuments;
import io.pocketid.server.internal.oidc.OidcPages;
import io.pocketid.server.internal.oidc.ProtocolEndpoints;
import io.pocketid.server.internal.runtime.BackgroundJobs;
import io.pocketid.server.internal.runtime.Geolocation;
import io.pocketid.server.internal.web.AppImages;
import io.pocketid.server.internal.web.ConsolePages;
import io.pocketid.server.internal.web.EmailLoginPage;
import io.pocketid.server.internal.web.PageRenderer;
import io.pocketid.server.internal.web.Pages;
import io.pocketid.server.internal.web.SiteFiles;
import io.pocketid.server.internal.web.StaticFiles;
import io.pocketid.webauthn.CeremonyVerifier;
import io.pocketid.webauthn.PasskeyCeremonies;
import io.pocketid.webauthn.WebauthnSettings;
import io.undertow.server.HttpHandler;
import io.undertow.util.Methods;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one place where the application is put together: every service and handler, built eagerly
 * with explicit constructor arguments once the storage is open, and the routes that map paths to
 * handlers. Building it loads (or creates) the signing keys, so a server whose wiring exists can
 * sign tokens: {@code /healthz} answers 204 only then.
 */
final class Wiring implements AutoCloseable {
  private static final Duration LIMIT_REFILL = Duration.ofSeconds(10);
  private static final int LIMIT_BURST = 5;

  private static final String[] CORS_PATHS = {
    "/.well-known/openid-configuration",
    "/.well-known/oauth-authorization-server",
    Discovery.JWKS_PATH,
    Discovery.TOKEN_PATH,
    Discovery.USERINFO_PATH,
    Discovery.INTROSPECT_PATH,
    Discovery.REVOKE_PATH,
    Discovery.END_SESSION_PATH
  };

  private final Routes routes;
  private final HttpHandler handler;
  private final ExecutorService backchannel;
  private final BackgroundJobs jobs;
  private final ScheduledExecutorService mailSender;

  Wiring(
      ServerSettings settings,
      Storage storage,
      Clock clock,
      Geolocation geo,
      LogoFetcher logoFetcher) {
    long t0 = System.nanoTime();
    RandomTokens random = new RandomTokens();
    Application app = new Application(settings, storage, clock, geo, random);
    long t1 = System.nanoTime();
    Protocol oidcs = new Protocol(settings, storage, clock, random, app, logoFetcher);
    long t2 = System.nanoTime();
    Http http = new Http(settings, storage, clock, random, app);
    Handlers handlers = new Handlers(app, oidcs, http);
    long t3 = System.nanoTime();
    org.slf4j.LoggerFactory.getLogger(Wiring.class)
        .debug(
            "Wired: application {} ms, protocol and keys {} ms, handlers {} ms",
            (t1 - t0) / 1_000_000,
            (t2 - t1) / 1_000_000,
            (t3 - t2) / 1_000_000);
    this.backchannel = oidcs.backchannel;
    this.routes = new Routes();
    addApiRoutes(routes, handlers);
    addProtocolRoutes(routes, handlers);
    addPageRoutes(routes, handlers);
    this.handler = new CrossSiteGuard(settings.http().appUrl(), routes);
    this.mailSender = app.mailSender;
    this.jobs =
        new BackgroundJobs(
            storage,
            geo,
            clock,
            settings.log().auditRetention(),
            List.of(
                new Job(
                    "api-key-expiry-mails",
                    Duration.ofDays(1),
                    now -> app.mails.remindExpiringApiKeys(now) + " reminders queued")));
  }

  /** The application services (core), built first. */
  private static final class Application {
    final AppConfigSettings fromEnv;
    final AppConfigService config;
    final SessionService sessions;
    final LoginCodeService loginCodes;
    final ReauthenticationService reauthentication;
    final AuditService audit;
    final SetupService setup;
    final PasskeyCeremonies ceremonies;
    final PasskeyVerifier verifier;
    final SignInService signIn;
    final UserService users;
    final PasskeyService passkeys;
    final ScheduledExecutorService mailSender;
    final MailService mail;
    final MailNotifications mails;
    final GroupService groups;
    final CustomClaimService customClaims;
    final UserAdminService userAdmin;
    final SignupService signup;
    final MyAppsService myApps;
    final AuditLogQueries auditQueries;
    final ApiKeyService apiKeys;
    final AppConfigAdmin appConfigAdmin;
    final ImageService images;
    final ProfilePictures pictures;

    Application(
        ServerSettings settings,
        Storage storage,
        Clock clock,
        Geolocation geo,
        RandomTokens random) {
      String appUrl = settings.http().appUrl();
      this.fromEnv = settings.appConfig();
      this.config =
          new AppConfigService(
              fromEnv.uiConfigDisabled(), fromEnv.fromEnvironment(), storage.appConfig(), clock);
      this.sessions = new SessionService(storage, clock, random, config::sessionDuration);
      this.loginCodes = new LoginCodeService(storage, clock, random);
      this.reauthentication = new ReauthenticationService(storage, clock, random);
      this.audit = new AuditService(storage.auditLog(), clock, geo.locator());
      this.setup =
          new SetupService(
              storage, clock, () -> UUID.randomUUID().toString(), config::requireUserEmail);
      this.ceremonies =
          new PasskeyCeremonies(
              WebauthnSettings.forAppUrl(appUrl, config.appName(), List.of()),
              storage.users(),
              storage.passkeys(),
              storage.webauthnChallenges(),
              clock);
      this.verifier = new CeremonyVerifier(ceremonies);
      this.mailSender = mailSender();
      this.mail = new MailService(new AngusMailer(clock), config, mailSender, clock);
      this.mails =
          new MailNotifications(
              mail,
              config,
              loginCodes,
              storage.users(),
              storage.apiKeys(),
              storage.auditLog(),
              geo.locator(),
              clock,
              appUrl);
      this.signIn =
          new SignInService(sessions, loginCodes, setup, reauthentication, verifier, audit, mails);
      this.users =
          new UserService(
              storage.users(), storage.groups(), storage.customClaims(), loginCodes, config);
      this.passkeys = new PasskeyService(storage.passkeys(), verifier, audit);
      this.groups =
          new GroupService(storage.groups(), storage.users(), storage.customClaims(), clock);
      this.customClaims = new CustomClaimService(storage.customClaims());
      this.images = new ImageService(storage.images(), clock);
      this.pictures = new ProfilePictures(storage.users(), images);
      this.userAdmin =
          new UserAdminService(
              storage,
              storage.users(),
              storage.groups(),
              storage.customClaims(),
              storage.sessions(),
              storage.refreshTokens(),
              loginCodes,
              users,
              config,
              () -> SignupDefaultsSetting.read(config),
              images,
              clock);
      this.signup =
          new SignupService(
              storage, storage.signupTokens(), userAdmin, sessions, audit, config, random, clock);
      this.myApps =
          new MyAppsService(
              storage,
              storage.users(),
              storage.clients(),
              storage.consents(),
              storage.refreshTokens());
      this.auditQueries = new AuditLogQueries(storage.auditLog(), storage.users());
      this.apiKeys = new ApiKeyService(storage.apiKeys(), clock, random);
      this.appConfigAdmin = new AppConfigAdmin(config);
    }
  }

  /** OpenID Connect (the oidc module), with the signing keys loaded now. */
  private static final class Protocol {
    final OidcSettings oidc;
    final SigningKeys signingKeys;
    final Supplier<KeyRing> keys;
    final UserClaimsLoader claims;
    final ClientAuthenticator clientAuth;
    final TokenService tokens;
    final AuthorizationRequestValidator validator;
    final PushedAuthorizations par;
    final AuthorizationCompletion completion;
    final UserinfoService userinfo;
    final IntrospectionService introspection;
    final RevocationService revocation;
    final EndSessionService endSession;
    final DeviceAuthorizationService devices;
    final AuthorizationFlow flow;
    final LogoutFlow logout;
    final ClientService clients;
    final ClaimsPreview preview;
    final ExecutorService backchannel;

    Protocol(
        ServerSettings settings,
        Storage storage,
        Clock clock,
        RandomTokens random,
        Application app,
        LogoFetcher logoFetcher) {
      String appUrl = settings.http().appUrl();
      AppConfigService config = app.config;
      ReauthenticationService reauthentication = app.reauthentication;
      AuditService audit = app.audit;
      SignInService signIn = app.signIn;
      this.oidc =
          OidcSettings.defaults(appUrl).withInternalBaseUrl(settings.http().internalAppUrl());
      this.signingKeys = SigningKeys.forServer(settings, storage, clock);
      signingKeys.load();
      this.keys = signingKeys.supplier();
      // The same protocol graph an embedder gets from the oidc module's facade.
      OidcProvider provider =
          OidcProvider.builder()
              .settings(oidc)
              .storage(storage)
              .keys(keys)
              .clock(clock)
              .emailsVerified(config::emailsVerified)
              .build();
      this.claims = provider.claims();
      this.clientAuth = provider.clientAuthenticator();
      this.tokens = provider.tokenService();
      this.validator = provider.authorizationRequests();
      this.par = new PushedAuthorizations(oidc, clientAuth, validator, keys, clock);
      this.completion = provider.completion();
      this.userinfo = provider.userinfoService();
      this.introspection = provider.introspectionService();
      this.revocation = provider.revocationService();
      this.endSession = provider.endSessionService();
      this.devices = provider.devices();
      this.backchannel = backchannelPool();
      this.flow =
          new AuthorizationFlow(
              storage.clients()::findById, claims, completion, reauthentication, audit, clock);
      this.logout =
          new LogoutFlow(
              endSession,
              signIn,
              storage.clients()::findById,
              audit,
              new HttpBackchannelLogoutSender(),
              backchannel);
      this.clients =
          new ClientService(
              storage.clients(), storage.groups(), app.images, logoFetcher, clock, random);
      this.preview = provider.claimsPreview();
    }
  }

  /** Who is calling, cookies, CSRF, rate limits. */
  private static final class Http {
    final Cookies cookies;
    final ClientAddress clientAddress;
    final RequestAuth auth;
    final Access access;
    final SessionCookies sessionCookies;
    final Csrf csrf;
    final RateLimiter loginFinishLimit;
    final RateLimiter loginCodeLimit;
    final RateLimiter reauthenticateLimit;
    final RateLimiter deviceCodeLimit;
    final RateLimiter emailCodePerAddress;
    final RateLimiter emailCodePerEmail;
    final RateLimiter signupLimit;
    final ClientAuthThrottle clientAuthThrottle;

    Http(
        ServerSettings settings,
        Storage storage,
        Clock clock,
        RandomTokens random,
        Application app) {
      String appUrl = settings.http().appUrl();
      boolean limits = settings.appEnv() != AppEnvironment.TEST;
      AppConfigService config = app.config;
      SessionService sessions = app.sessions;
      this.cookies = new Cookies(appUrl);
      this.clientAddress =
          new ClientAddress(settings.http().trustProxy(), settings.http().trustedProxies());
      this.auth =
          new RequestAuth(
              cookies, sessions, new ApiKeyAuthenticator(storage, clock), config::sessionDuration);
      this.access = new Access(auth);
      this.sessionCookies = new SessionCookies(cookies, auth, config);
      this.csrf = new Csrf(cookies, appUrl, random);
      this.loginFinishLimit = new RateLimiter(LIMIT_BURST, LIMIT_REFILL, clock, limits);
      this.loginCodeLimit = new RateLimiter(LIMIT_BURST, LIMIT_REFILL, clock, limits);
      this.reauthenticateLimit = new RateLimiter(LIMIT_BURST, LIMIT_REFILL, clock, limits);
      this.deviceCodeLimit = new RateLimiter(LIMIT_BURST, LIMIT_REFILL, clock, limits);
      // Pocket ID: 3 at once, then one per 10 minutes.
      this.emailCodePerAddress = new RateLimiter(3, Duration.ofMinutes(10), clock, limits);
      this.emailCodePerEmail = new RateLimiter(3, Duration.ofMinutes(10), clock, limits);
      // Pocket ID: 10 at once, then one per minute.
      this.signupLimit = new RateLimiter(10, Duration.ofMinutes(1), clock, limits);
      this.clientAuthThrottle = new ClientAuthThrottle(clock, limits);
    }
  }

  /** Every handler, with what it needs. */
  private static final class Handlers {
    final PageRenderer renderer;
    final Pages pages;
    final UserApi userApi;
    final PasskeyApi passkeyApi;
    final ClientApi clientApi;
    final OidcPages oidcPages;
    final ProtocolEndpoints protocol;
    final AuthorizeEndpoint authorize;
    final AuthorizeApi authorizeApi;
    final EndSessionEndpoint endSessionPage;
    final DevicePage devicePage;
    final StaticFiles files;
    final MailApi mailApi;
    final AdminUserApi adminUserApi;
    final GroupApi groupApi;
    final SignupApi signupApi;
    final MyAppsApi myAppsApi;
    final AuditLogApi auditLogApi;
    final ApiKeyApi apiKeyApi;
    final AppConfigApi appConfigApi;
    final EmailLoginPage emailLoginPage;
    final ConsolePages consolePages;
    final QrCodeApi qrCodeApi;
    final AppImages appImages;
    final ImageApi imageApi;
    final SiteFiles siteFiles;

    Handlers(Application app, Protocol oidcs, Http http) {
      AppConfigService config = app.config;
      AuditService audit = app.audit;
      PasskeyCeremonies ceremonies = app.ceremonies;
      SignInService signIn = app.signIn;
      UserService users = app.users;
      PasskeyService passkeys = app.passkeys;
      MailNotifications mails = app.mails;
      OidcSettings oidc = oidcs.oidc;
      Supplier<KeyRing> keys = oidcs.keys;
      TokenService tokens = oidcs.tokens;
      AuthorizationRequestValidator validator = oidcs.validator;
      PushedAuthorizations par = oidcs.par;
      AuthorizationCompletion completion = oidcs.completion;
      UserinfoService userinfo = oidcs.userinfo;
      IntrospectionService introspection = oidcs.introspection;
      RevocationService revocation = oidcs.revocation;
      DeviceAuthorizationService devices = oidcs.devices;
      AuthorizationFlow flow = oidcs.flow;
      LogoutFlow logout = oidcs.logout;
      ClientService clients = oidcs.clients;
      Cookies cookies = http.cookies;
      ClientAddress clientAddress = http.clientAddress;
      Access access = http.access;
      SessionCookies sessionCookies = http.sessionCookies;
      Csrf csrf = http.csrf;
      RateLimiter loginFinishLimit = http.loginFinishLimit;
      RateLimiter loginCodeLimit = http.loginCodeLimit;
      RateLimiter reauthenticateLimit = http.reauthenticateLimit;
      RateLimiter deviceCodeLimit = http.deviceCodeLimit;
      this.files = new StaticFiles();
      this.appImages = new AppImages(app.images, files.bytes("logo.svg"), Clock.systemUTC());
      this.renderer = new PageRenderer(access, csrf, config, files.version(), appImages);
      this.imageApi = new ImageApi(access, app.pictures, appImages, clients);
      this.siteFiles = new SiteFiles(appImages, config);
      this.pages =
          new Pages(
              renderer,
              access,
              csrf,
              signIn,
              sessionCookies,
              clientAddress,
              users,
              passkeys,
              app.signup);
      this.consolePages = new ConsolePages(renderer, access, pages, app.signup, users, config);
      this.qrCodeApi = new QrCodeApi(access);
      this.userApi =
          new UserApi(access, users, signIn, sessionCookies, clientAddress, loginCodeLimit);
      this.passkeyApi =
          new PasskeyApi(
              access,
              ceremonies,
              passkeys,
              signIn,
              users,
              sessionCookies,
              cookies,
              clientAddress,
              loginFinishLimit,
              reauthenticateLimit,
              config::appName);
      this.clientApi = new ClientApi(access, clients, oidcs.preview);
      this.oidcPages = new OidcPages(renderer);
      this.protocol =
          new ProtocolEndpoints(
              new OidcDocuments(oidc, keys),
              tokens,
              userinfo,
              introspection,
              new AuditedRevocation(revocation, audit),
              devices,
              par,
              http.clientAuthThrottle,
              clientAddress);
      this.authorize =
          new AuthorizeEndpoint(
              oidcPages, access, csrf, par, validator, flow, clientAddress, oidc.issuer());
      this.authorizeApi =
          new AuthorizeApi(access, validator, flow, completion, clientAddress, oidc.issuer());
      this.endSessionPage =
          new EndSessionEndpoint(oidcPages, access, csrf, logout, sessionCookies, clientAddress);
      this.devicePage =
          new DevicePage(
              oidcPages,
              access,
              csrf,
              new DeviceDecisions(devices, audit),
              deviceCodeLimit,
              clientAddress);
      this.adminUserApi = new AdminUserApi(access, app.userAdmin, app.groups, app.customClaims);
      this.groupApi = new GroupApi(access, app.groups);
      this.signupApi =
          new SignupApi(access, app.signup, users, sessionCookies, clientAddress, http.signupLimit);
      this.myAppsApi = new MyAppsApi(access, app.myApps);
      this.auditLogApi = new AuditLogApi(access, app.auditQueries);
      this.apiKeyApi = new ApiKeyApi(access, app.apiKeys);
      this.appConfigApi = new AppConfigApi(access, app.appConfigAdmin);
      this.mailApi =
          new MailApi(
              access, mails, clientAddress, http.emailCodePerAddress, http.emailCodePerEmail);
      this.emailLoginPage =
          new EmailLoginPage(
              renderer,
              csrf,
              mails,
              clientAddress,
              http.emailCodePerAddress,
              http.emailCodePerEmail);
    }
  }

  /** The JSON API: the user's own account and sign-in, client administration, authorization. */
  private static void addApiRoutes(Routes routes, Handlers h) {
    UserApi userApi = h.userApi;
    PasskeyApi passkeyApi = h.passkeyApi;
    ClientApi clientApi = h.clientApi;
    MailApi mailApi = h.mailApi;
    AdminUserApi adminUserApi = h.adminUserApi;
    GroupApi groupApi = h.groupApi;
    SignupApi signupApi = h.signupApi;
    MyAppsApi myAppsApi = h.myAppsApi;
    AuditLogApi auditLogApi = h.auditLogApi;
    ApiKeyApi apiKeyApi = h.apiKeyApi;
    AppConfigApi appConfigApi = h.appConfigApi;
    AuthorizeEndpoint authorize = h.authorize;
    AuthorizeApi authorizeApi = h.authorizeApi;
    routes
        // JSON API: the user's own account and sign-in
        .api(Methods.POST, "/api/signup/setup", userApi::setup)
        .api(Methods.GET, "/api/users/me", userApi::me)
        .api(Methods.PUT, "/api/users/me", userApi::updateMe)
        .api(Methods.POST, "/api/users/me/one-time-access-token", userApi::createOwnLoginCode)
        .api(Methods.POST, "/api/one-time-access-token/{token}", userApi::exchangeLoginCode)
        .api(Methods.POST, "/api/one-time-access-email", mailApi::emailOwnLoginCode)
        .api(Methods.POST, "/api/users/{id}/one-time-access-email", mailApi::emailLoginCodeFor)
        .api(Methods.GET, "/api/application-configuration", appConfigApi::publicSettings)
        .api(Methods.GET, "/api/application-configuration/all", appConfigApi::all)
        .api(Methods.PUT, "/api/application-configuration", appConfigApi::update)
        .api(Methods.POST, "/api/application-configuration/test-email", mailApi::sendTest)
        .api(Methods.GET, "/api/application-configuration/email-status", mailApi::status)
        // JSON API: users, groups and custom claims (admin)
        .api(Methods.GET, "/api/users", adminUserApi::list)
        .api(Methods.POST, "/api/users", adminUserApi::create)
        .api(Methods.GET, "/api/users/{id}", adminUserApi::get)
        .api(Methods.PUT, "/api/users/{id}", adminUserApi::update)
        .api(Methods.DELETE, "/api/users/{id}", adminUserApi::delete)
        .api(Methods.GET, "/api/users/{id}/groups", adminUserApi::groups)
        .api(Methods.PUT, "/api/users/{id}/user-groups", adminUserApi::setGroups)
        .api(Methods.POST, "/api/users/{id}/one-time-access-token", adminUserApi::createLoginCode)
        .api(Methods.GET, "/api/user-groups", groupApi::list)
        .api(Methods.POST, "/api/user-groups", groupApi::create)
        .api(Methods.GET, "/api/user-groups/{id}", groupApi::get)
        .api(Methods.PUT, "/api/user-groups/{id}", groupApi::update)
        .api(Methods.DELETE, "/api/user-groups/{id}", groupApi::delete)
        .api(Methods.PUT, "/api/user-groups/{id}/users", groupApi::setUsers)
        .api(Methods.GET, "/api/custom-claims/suggestions", adminUserApi::claimSuggestions)
        .api(Methods.PUT, "/api/custom-claims/user/{userId}", adminUserApi::setUserClaims)
        .api(
            Methods.PUT,
            "/api/custom-claims/user-group/{userGroupId}",
            adminUserApi::setGroupClaims)
        // JSON API: sign-up and signup tokens
        .api(Methods.POST, "/api/signup", signupApi::signUp)
        .api(Methods.GET, "/api/signup-tokens", signupApi::listTokens)
        .api(Methods.POST, "/api/signup-tokens", signupApi::createToken)
        .api(Methods.DELETE, "/api/signup-tokens/{id}", signupApi::deleteToken)
        // JSON API: My Apps and the audit log
        .api(Methods.GET, "/api/oidc/users/me/authorized-clients", myAppsApi::ownAuthorized)
        .api(Methods.DELETE, "/api/oidc/users/me/authorized-clients/{clientId}", myAppsApi::revoke)
        .api(Methods.GET, "/api/oidc/users/{id}/authorized-clients", myAppsApi::authorizedOf)
        .api(Methods.GET, "/api/oidc/users/me/clients", myAppsApi::ownClients)
        .api(Methods.POST, "/api/qr-code", h.qrCodeApi::create)
        .api(Methods.GET, "/api/users/{id}/profile-picture.png", h.imageApi::profilePicture)
        .upload(Methods.PUT, "/api/users/me/profile-picture", h.imageApi::setOwnProfilePicture)
        .api(Methods.DELETE, "/api/users/me/profile-picture", h.imageApi::removeOwnProfilePicture)
        .upload(Methods.PUT, "/api/users/{id}/profile-picture", h.imageApi::setProfilePicture)
        .api(Methods.DELETE, "/api/users/{id}/profile-picture", h.imageApi::removeProfilePicture)
        .api(Methods.GET, "/api/application-images/{name}", h.imageApi::appImage)
        .upload(Methods.PUT, "/api/application-images/{name}", h.imageApi::setAppImage)
        .api(Methods.DELETE, "/api/application-images/{name}", h.imageApi::removeAppImage)
        .api(Methods.GET, "/api/oidc/clients/{id}/logo", h.imageApi::clientLogo)
        .upload(Methods.POST, "/api/oidc/clients/{id}/logo", h.imageApi::setClientLogo)
        .api(Methods.DELETE, "/api/oidc/clients/{id}/logo", h.imageApi::removeClientLogo)
        .api(Methods.GET, "/api/audit-logs", auditLogApi::own)
        .api(Methods.GET, "/api/audit-logs/all", auditLogApi::all)
        .api(Methods.GET, "/api/audit-logs/filters/client-names", auditLogApi::clientNames)
        .api(Methods.GET, "/api/audit-logs/filters/users", auditLogApi::users)
        // JSON API: the caller's API keys
        .api(Methods.GET, "/api/api-keys", apiKeyApi::list)
        .api(Methods.POST, "/api/api-keys", apiKeyApi::create)
        .api(Methods.DELETE, "/api/api-keys/{id}", apiKeyApi::revoke)
        .api(Methods.GET, "/api/webauthn/register/start", passkeyApi::registerStart)
        .api(Methods.POST, "/api/webauthn/register/finish", passkeyApi::registerFinish)
        .api(Methods.GET, "/api/webauthn/login/start", passkeyApi::loginStart)
        .api(Methods.POST, "/api/webauthn/login/finish", passkeyApi::loginFinish)
        .api(Methods.POST, "/api/webauthn/logout", passkeyApi::logout)
        .api(Methods.POST, "/api/webauthn/reauthenticate", passkeyApi::reauthenticate)
        .api(Methods.GET, "/api/webauthn/credentials", passkeyApi::list)
        .api(Methods.PATCH, "/api/webauthn/credentials/{id}", passkeyApi::rename)
        .api(Methods.DELETE, "/api/webauthn/credentials/{id}", passkeyApi::delete)
        // JSON API: client administration
        .api(Methods.GET, "/api/oidc/clients", clientApi::list)
        .api(Methods.POST, "/api/oidc/clients", clientApi::create)
        .api(Methods.GET, "/api/oidc/clients/{id}", clientApi::get)
        .api(Methods.GET, "/api/oidc/clients/{id}/meta", clientApi::meta)
        .api(Methods.PUT, "/api/oidc/clients/{id}", clientApi::update)
        .api(Methods.PUT, "/api/oidc/clients/{id}/allowed-user-groups", clientApi::setAllowedGroups)
        .api(Methods.DELETE, "/api/oidc/clients/{id}", clientApi::delete)
        .api(Methods.POST, "/api/oidc/clients/{id}/secret", clientApi::createSecret)
        .api(Methods.GET, "/api/oidc/clients/{id}/preview/{userId}", clientApi::preview)
        // JSON API: authorization for Pocket ID's SPA
        .api(Methods.POST, "/api/oidc/authorize", authorizeApi::authorize)
        .api(Methods.POST, "/api/oidc/authorization-required", authorizeApi::authorizationRequired);
  }

  /** The OpenID Connect endpoints at Pocket ID's paths, with its CORS headers. */
  private static void addProtocolRoutes(Routes routes, Handlers h) {
    ProtocolEndpoints protocol = h.protocol;
    AuthorizeEndpoint authorize = h.authorize;
    EndSessionEndpoint endSessionPage = h.endSessionPage;
    DevicePage devicePage = h.devicePage;
    routes
        // OpenID Connect protocol endpoints (Pocket ID's paths and CORS headers)
        .api(Methods.GET, "/.well-known/openid-configuration", cors(protocol::openidConfiguration))
        .api(
            Methods.GET,
            "/.well-known/oauth-authorization-server",
            cors(protocol::openidConfiguration))
        .api(Methods.GET, Discovery.JWKS_PATH, cors(protocol::jwks))
        .api(Methods.POST, Discovery.TOKEN_PATH, cors(protocol::token))
        .api(Methods.GET, Discovery.USERINFO_PATH, cors(protocol::userinfo))
        .api(Methods.POST, Discovery.USERINFO_PATH, cors(protocol::userinfo))
        .api(Methods.POST, Discovery.INTROSPECT_PATH, cors(protocol::introspect))
        .api(Methods.POST, Discovery.REVOKE_PATH, cors(protocol::revoke))
        .api(Methods.POST, Discovery.DEVICE_AUTHORIZATION_PATH, protocol::deviceAuthorize)
        .api(Methods.POST, Discovery.PAR_PATH, protocol::pushedAuthorization)
        .page(Methods.GET, Discovery.END_SESSION_PATH, cors(endSessionPage::handle))
        .page(Methods.POST, Discovery.END_SESSION_PATH, cors(endSessionPage::handle))
        .page(Methods.GET, Discovery.AUTHORIZE_PATH, authorize::get)
        .page(Methods.POST, Discovery.AUTHORIZE_PATH, authorize::post)
        .page(Methods.GET, "/device", devicePage::get)
        .page(Methods.POST, "/device", devicePage::post);
    for (String path : CORS_PATHS) {
      routes.direct(Methods.OPTIONS, path, cors(ProtocolEndpoints::preflight));
    }
  }

  /** The pages. */
  private static void addPageRoutes(Routes routes, Handlers h) {
    Pages pages = h.pages;
    EmailLoginPage emailLoginPage = h.emailLoginPage;
    ConsolePages console = h.consolePages;
    StaticFiles files = h.files;
    routes
        // pages
        .page(Methods.GET, "/", pages::home)
        .page(Methods.GET, "/login", pages::login)
        .page(Methods.GET, "/login/alternative/code", pages::loginCode)
        .page(Methods.GET, "/login/alternative/email", emailLoginPage::get)
        .page(Methods.POST, "/login/alternative/email", emailLoginPage::post)
        .page(Methods.GET, "/lc", pages::loginCodeLink)
        .page(Methods.GET, "/lc/{code}", pages::loginCodeLink)
        .page(Methods.GET, "/setup", pages::setup)
        .page(Methods.GET, "/signup/setup", pages::setup)
        .page(Methods.GET, "/signup/add-passkey", pages::addPasskey)
        .page(Methods.GET, "/logout", pages::logoutPage)
        .page(Methods.POST, "/logout", pages::logout)
        .page(Methods.GET, "/settings", pages::settings)
        .page(Methods.GET, "/settings/account", pages::account)
        .page(Methods.GET, "/settings/apps", console::apps)
        .page(Methods.GET, "/settings/api-keys", console::apiKeys)
        .page(Methods.GET, "/settings/admin/api-keys", console::adminApiKeys)
        .page(Methods.GET, "/settings/audit-log", console::auditLog)
        .page(Methods.GET, "/settings/audit-log/global", console::globalAuditLog)
        .page(Methods.GET, "/settings/admin/users", console::users)
        .page(Methods.GET, "/settings/admin/users/{id}", console::user)
        .page(Methods.GET, "/settings/admin/user-groups", console::groups)
        .page(Methods.GET, "/settings/admin/user-groups/{id}", console::group)
        .page(Methods.GET, "/settings/admin/oidc-clients", console::clients)
        .page(Methods.GET, "/settings/admin/oidc-clients/{id}", console::client)
        .page(
            Methods.GET,
            "/settings/admin/application-configuration",
            console::applicationConfiguration)
        .page(Methods.GET, "/login/alternative", console::loginAlternative)
        .page(Methods.GET, "/signup", console::signup)
        .page(Methods.GET, "/st/{token}", console::signupWithToken)
        .direct(Methods.GET, "/static/{*}", files::serve)
        .api(Methods.GET, "/favicon.ico", h.siteFiles::favicon)
        .direct(Methods.GET, "/robots.txt", h.siteFiles::robots)
        .api(Methods.GET, "/app.webmanifest", h.siteFiles::manifest);
  }

  /**
   * Loads and initialises the libraries the wiring needs most time for (Nimbus JOSE's JWK parsing,
   * the key factories), so that wiring the real storage, which waits for the database, finds them
   * ready. The WebAuthn relying party (Yubico, with Jackson's ~600 classes) is not among them: it
   * is built on the first passkey ceremony, so an idle server does not hold it. Never fails.
   */
  static void warmUp() {
    try {
      // The key manager's JWK parsing and the token signer's classes (Nimbus JOSE).
      java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      com.nimbusds.jose.jwk.JWK.parse(
          new com.nimbusds.jose.jwk.ECKey.Builder(
                  com.nimbusds.jose.jwk.Curve.P_256,
                  (java.security.interfaces.ECPublicKey) generator.generateKeyPair().getPublic())
              .build()
              .toJSONString());
      java.security.KeyFactory.getInstance("RSA");
    } catch (RuntimeException
        | LinkageError
        | java.security.GeneralSecurityException
        | java.text.ParseException e) {
      org.slf4j.LoggerFactory.getLogger(Wiring.class).debug("Warm-up failed: {}", e.toString());
    }
  }

  /** The application: cross-site refusal for the JSON API, then the routes. */
  HttpHandler handler() {
    return handler;
  }

  /** The background jobs (not started). */
  BackgroundJobs jobs() {
    return jobs;
  }

  private static HttpHandler cors(HttpHandler handler) {
    return ProtocolEndpoints.cors(handler);
  }

  /** Mail delivery: one daemon thread (sending is slow, never urgent). */
  private static ScheduledExecutorService mailSender() {
    return Executors.newSingleThreadScheduledExecutor(
        work -> {
          Thread thread = new Thread(work, "pocket-id-mail");
          thread.setDaemon(true);
          return thread;
        });
  }

  /** Back-channel logout deliveries: two threads, queued (dropped beyond 1,000). */
  private static ExecutorService backchannelPool() {
    return new ThreadPoolExecutor(
        0,
        2,
        30,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(1000),
        work -> {
          Thread thread = new Thread(work, "pocket-id-backchannel-logout");
          thread.setDaemon(true);
          return thread;
        },
        new ThreadPoolExecutor.DiscardPolicy());
  }

  @Override
  public void close() {
    jobs.close();
    backchannel.shutdown();
    mailSender.shutdown();
  }
}
