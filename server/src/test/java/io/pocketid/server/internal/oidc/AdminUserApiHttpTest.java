package io.pocketid.server.internal.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pocketid.core.model.CustomClaim;
import io.pocketid.core.model.User;
import io.pocketid.core.model.UserGroup;
import io.pocketid.core.store.PageRequest;
import io.pocketid.core.store.contract.Fixtures;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, groups and custom claims as an administrator manages them, at Pocket ID's paths. */
class AdminUserApiHttpTest {
  private static final String NEW_USER =
      "{\"username\":\"bob\",\"email\":\"bob@example.com\",\"firstName\":\"Bob\","
          + "\"lastName\":\"Builder\",\"displayName\":\"Bob B\",\"isAdmin\":false}";

  @TempDir Path dir;
  private OidcTestServer op;
  private String[] apiKey;
  private String[] adminSession;
  private String[] aliceSession;

  @BeforeEach
  void start() {
    op = new OidcTestServer(dir);
    apiKey = new String[] {"X-API-KEY", op.adminApiKey};
    adminSession = new String[] {"Cookie", op.sessionCookie(op.admin)};
    aliceSession = new String[] {"Cookie", op.sessionCookie(op.alice)};
  }

  @AfterEach
  void stop() {
    op.close();
  }

  static JsonObject json(HttpResponse<String> response) {
    return ProtocolEndpointsHttpTest.json(response);
  }

  static JsonArray array(HttpResponse<String> response) {
    return Json.createReader(new StringReader(response.body())).readArray();
  }

  private HttpResponse<String> admin(String method, String path, String body) {
    return op.json(method, path, body, apiKey);
  }

  private long userCount() {
    return op.storage.users().count();
  }

  @Test
  void everyAdminRouteRefusesAnonymousWith401AndNonAdminWith403() {
    String alice = op.alice.id();
    String[][] routes = {
      {"GET", "/api/users", null},
      {"POST", "/api/users", NEW_USER},
      {"GET", "/api/users/" + alice, null},
      {"PUT", "/api/users/" + alice, NEW_USER},
      {"DELETE", "/api/users/" + alice, null},
      {"GET", "/api/users/" + alice + "/groups", null},
      {"PUT", "/api/users/" + alice + "/user-groups", "{\"userGroupIds\":[]}"},
      {"POST", "/api/users/" + alice + "/one-time-access-token", "{\"ttl\":\"1h\"}"},
      {"GET", "/api/user-groups", null},
      {"POST", "/api/user-groups", "{\"friendlyName\":\"Devs\"}"},
      {"GET", "/api/custom-claims/suggestions", null},
      {"PUT", "/api/custom-claims/user/" + alice, "[]"},
    };
    for (String[] r : routes) {
      HttpResponse<String> anonymous = op.json(r[0], r[1], r[2]);
      assertThat(anonymous.statusCode()).as(r[0] + " " + r[1]).isEqualTo(401);
      assertThat(json(anonymous).getString("error")).isEqualTo("You are not signed in");
      HttpResponse<String> user = op.json(r[0], r[1], r[2], aliceSession);
      assertThat(user.statusCode()).as(r[0] + " " + r[1]).isEqualTo(403);
      assertThat(json(user).getString("error"))
          .isEqualTo("You don't have permission to perform this action");
    }
    assertThat(userCount()).isEqualTo(2);
    assertThat(op.storage.users().findById(alice)).isPresent();
    assertThat(op.storage.groups().list(PageRequest.of(1, 10)).totalItems()).isZero();
  }

  @Test
  void createWithSessionThen201AndStoredAndGetReturnsIt() {
    HttpResponse<String> created = op.json("POST", "/api/users", NEW_USER, adminSession);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonObject body = json(created);
    assertThat(body.getString("username")).isEqualTo("bob");
    assertThat(body.getString("displayName")).isEqualTo("Bob B");
    assertThat(body.getBoolean("isAdmin")).isFalse();
    assertThat(body.getJsonArray("customClaims")).isEmpty();
    User stored = op.storage.users().findByUsername("bob").orElseThrow();
    assertThat(stored.email()).isEqualTo("bob@example.com");

    HttpResponse<String> got = admin("GET", "/api/users/" + stored.id(), null);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(json(got).getString("id")).isEqualTo(stored.id());
    assertThat(admin("GET", "/api/users/no-such-user", null).statusCode()).isEqualTo(404);
  }

  @Test
  void createAppliesTheSignupDefaultGroupsAndClaims() {
    UserGroup devs = Fixtures.group("devs");
    op.close();
    op =
        new OidcTestServer(
            dir,
            storage -> {
              storage.groups().create(devs);
              storage
                  .appConfig()
                  .saveAll(
                      java.util.Map.of(
                          "signupDefaultUserGroupIDs",
                          "[\"" + devs.id() + "\",\"gone\"]",
                          "signupDefaultCustomClaims",
                          "[{\"key\":\"team\",\"value\":\"blue\"}]"));
            });

    HttpResponse<String> created =
        op.json("POST", "/api/users", NEW_USER, "X-API-KEY", op.adminApiKey);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).getString("id");
    assertThat(op.storage.groups().groupsOfUser(id))
        .extracting(UserGroup::name)
        .containsExactly("devs");
    assertThat(op.storage.customClaims().forUser(id))
        .containsExactly(new CustomClaim("team", "blue"));
    assertThat(json(created).getJsonArray("userGroups")).hasSize(1);
  }

  @Test
  void createWhenFieldInvalidThen400NamingItAndNothingStored() {
    String[][] cases = {
      {"{\"username\":\"-bad-\",\"firstName\":\"B\",\"displayName\":\"B\"}", "Username is invalid"},
      {"{\"firstName\":\"B\",\"displayName\":\"B\"}", "Username is required"},
      {"{\"username\":\"bob\",\"displayName\":\"B\"}", "FirstName is required"},
      {"{\"username\":\"bob\",\"firstName\":\"B\"}", "DisplayName is required"},
      {
        "{\"username\":\"bob\",\"firstName\":\"B\",\"displayName\":\"B\",\"email\":\"nope\"}",
        "Email must be a valid email address"
      },
      {
        "{\"username\":\"bob\",\"firstName\":\"B\",\"displayName\":\"B\",\"locale\":\"x y\","
            + "\"email\":\"b@example.com\"}",
        "Locale is invalid"
      },
      {
        "{\"username\":\"bob\",\"firstName\":\"" + "x".repeat(51) + "\",\"displayName\":\"B\"}",
        "FirstName must be at most 50 characters long"
      },
    };
    for (String[] c : cases) {
      HttpResponse<String> response = admin("POST", "/api/users", c[0]);
      assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(json(response).getString("error")).isEqualTo(c[1]);
    }
    assertThat(userCount()).isEqualTo(2);
  }

  @Test
  void createWhenUsernameOrEmailTakenThen400InUse() {
    HttpResponse<String> name =
        admin(
            "POST",
            "/api/users",
            "{\"username\":\"ALICE\",\"firstName\":\"A\",\"displayName\":\"A\","
                + "\"email\":\"new@example.com\"}");
    assertThat(name.statusCode()).isEqualTo(400);
    assertThat(json(name).getString("error")).isEqualTo("Username is already in use");
    HttpResponse<String> email =
        admin(
            "POST",
            "/api/users",
            "{\"username\":\"other\",\"email\":\"alice@example.com\",\"firstName\":\"A\","
                + "\"displayName\":\"A\"}");
    assertThat(json(email).getString("error")).isEqualTo("Email is already in use");
    assertThat(userCount()).isEqualTo(2);
  }

  @Test
  void listPaginatesSearchesAndSortsInPocketIdsShape() {
    for (String name : List.of("carol", "dave", "erin")) {
      admin(
          "POST",
          "/api/users",
          "{\"username\":\""
              + name
              + "\",\"firstName\":\""
              + name
              + "\",\"displayName\":\"x\",\"email\":\""
              + name
              + "@example.com\"}");
    }
    HttpResponse<String> page =
        admin(
            "GET",
            "/api/users?pagination[page]=2&pagination[limit]=2&sort[column]=username&sort[direction]=desc",
            null);

    assertThat(page.statusCode()).isEqualTo(200);
    JsonObject body = json(page);
    assertThat(body.getJsonArray("data").getValuesAs(JsonObject.class))
        .extracting(o -> o.getString("username"))
        .containsExactly("carol", "alice");
    JsonObject pagination = body.getJsonObject("pagination");
    assertThat(pagination.getInt("totalItems")).isEqualTo(5);
    assertThat(pagination.getInt("totalPages")).isEqualTo(3);
    assertThat(pagination.getInt("currentPage")).isEqualTo(2);
    assertThat(pagination.getInt("itemsPerPage")).isEqualTo(2);

    JsonObject searched = json(admin("GET", "/api/users?search=DAV", null));
    assertThat(searched.getJsonArray("data")).hasSize(1);
    assertThat(searched.getJsonArray("data").getJsonObject(0).getString("username"))
        .isEqualTo("dave");
  }

  @Test
  void updateChangesTheUserAndDisablingEndsSessionsAndRefreshTokens() {
    String cookie = op.sessionCookie(op.alice);
    assertThat(op.get("/api/users/me", "Cookie", cookie).statusCode()).isEqualTo(200);
    op.storage
        .refreshTokens()
        .save(
            Fixtures.refreshToken(
                "rt",
                "family",
                op.alice.id(),
                OidcTestServer.CLIENT_ID,
                Instant.now().plusSeconds(600)));

    HttpResponse<String> updated =
        admin(
            "PUT",
            "/api/users/" + op.alice.id(),
            "{\"username\":\"alice2\",\"email\":\"a2@example.com\",\"firstName\":\"Al\","
                + "\"displayName\":\"Al\",\"isAdmin\":false,\"disabled\":true}");

    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(json(updated).getBoolean("disabled")).isTrue();
    User stored = op.storage.users().findById(op.alice.id()).orElseThrow();
    assertThat(stored.username()).isEqualTo("alice2");
    assertThat(stored.disabled()).isTrue();
    assertThat(op.get("/api/users/me", "Cookie", cookie).statusCode()).isEqualTo(401);
    assertThat(op.storage.refreshTokens().findByHash(Fixtures.hash("rt"))).isEmpty();
  }

  @Test
  void updateWhenItWouldRemoveTheLastAdminThen400AndNothingChanges() {
    String body =
        "{\"username\":\"ada\",\"email\":\"ada@example.com\",\"firstName\":\"Ada\",\"displayName\":\"Ada\",\"isAdmin\":false}";
    HttpResponse<String> demoted = admin("PUT", "/api/users/" + op.admin.id(), body);
    assertThat(demoted.statusCode()).isEqualTo(400);
    assertThat(json(demoted).getString("error")).startsWith("IsAdmin:");
    HttpResponse<String> disabled =
        admin(
            "PUT",
            "/api/users/" + op.admin.id(),
            body.replace("false}", "true,\"disabled\":true}"));
    assertThat(disabled.statusCode()).isEqualTo(400);
    assertThat(json(disabled).getString("error")).startsWith("Disabled:");
    assertThat(op.storage.users().findById(op.admin.id()).orElseThrow()).isEqualTo(op.admin);
  }

  @Test
  void updateWhenFieldInvalidThen400AndNothingChanges() {
    HttpResponse<String> response =
        admin(
            "PUT",
            "/api/users/" + op.alice.id(),
            "{\"username\":\"alice\",\"firstName\":\"\",\"displayName\":\"A\"}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).getString("error")).isEqualTo("FirstName is required");
    assertThat(op.storage.users().findById(op.alice.id()).orElseThrow()).isEqualTo(op.alice);
  }

  @Test
  void deleteRemovesTheUserButNeverYourselfOrTheLastAdmin() {
    HttpResponse<String> self = admin("DELETE", "/api/users/" + op.admin.id(), null);
    assertThat(self.statusCode()).isEqualTo(400);
    assertThat(json(self).getString("error")).isEqualTo("You can't delete your own account");
    assertThat(op.storage.users().findById(op.admin.id())).isPresent();

    assertThat(admin("DELETE", "/api/users/" + op.alice.id(), null).statusCode()).isEqualTo(204);
    assertThat(op.storage.users().findById(op.alice.id())).isEmpty();
    assertThat(admin("DELETE", "/api/users/" + op.alice.id(), null).statusCode()).isEqualTo(404);
  }

  @Test
  void deleteWhenTargetIsTheLastEnabledAdminThen400() {
    User second = Fixtures.user("root").admin(true).build();
    op.storage.users().create(second);
    op.storage.users().update(op.admin.withDisabled(true));
    // the API key's owner is disabled now: act as the second admin
    HttpResponse<String> response =
        op.json("DELETE", "/api/users/" + second.id(), null, "Cookie", op.sessionCookie(second));
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(op.storage.users().findById(second.id())).isPresent();
  }

  @Test
  void groupsOfUserAndReplacingThem() {
    UserGroup devs = Fixtures.group("devs");
    op.storage.groups().create(devs);

    HttpResponse<String> set =
        admin(
            "PUT",
            "/api/users/" + op.alice.id() + "/user-groups",
            "{\"userGroupIds\":[\"" + devs.id() + "\"]}");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(json(set).getJsonArray("userGroups").getJsonObject(0).getString("name"))
        .isEqualTo("devs");

    HttpResponse<String> groups = admin("GET", "/api/users/" + op.alice.id() + "/groups", null);
    assertThat(groups.statusCode()).isEqualTo(200);
    JsonObject group = array(groups).getJsonObject(0);
    assertThat(group.getString("id")).isEqualTo(devs.id());
    assertThat(group.getJsonArray("users").getJsonObject(0).getString("username"))
        .isEqualTo("alice");

    HttpResponse<String> unknown =
        admin(
            "PUT",
            "/api/users/" + op.alice.id() + "/user-groups",
            "{\"userGroupIds\":[\"" + devs.id() + "\",\"nope\"]}");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(op.storage.groups().groupsOfUser(op.alice.id())).containsExactly(devs);
    HttpResponse<String> missing =
        admin("PUT", "/api/users/" + op.alice.id() + "/user-groups", "{}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing).getString("error")).isEqualTo("UserGroupIds is required");
  }

  @Test
  void loginCodeForAnotherUserSignsThatUserIn() {
    HttpResponse<String> created =
        admin("POST", "/api/users/" + op.alice.id() + "/one-time-access-token", "{\"ttl\":\"1h\"}");

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String token = json(created).getString("token");
    assertThat(token).hasSize(16);
    HttpResponse<String> exchanged = op.json("POST", "/api/one-time-access-token/" + token, null);
    assertThat(exchanged.statusCode()).isEqualTo(200);
    assertThat(json(exchanged).getString("id")).isEqualTo(op.alice.id());

    HttpResponse<String> shortCode =
        admin(
            "POST",
            "/api/users/" + op.alice.id() + "/one-time-access-token",
            "{\"ttl\":600000000000}");
    assertThat(json(shortCode).getString("token")).hasSize(6);
  }

  @Test
  void loginCodeWhenTtlInvalidOrTooLongOrUserUnknownThenRefused() {
    String path = "/api/users/" + op.alice.id() + "/one-time-access-token";
    HttpResponse<String> garbage = admin("POST", path, "{\"ttl\":\"soon\"}");
    assertThat(garbage.statusCode()).isEqualTo(400);
    assertThat(json(garbage).getString("error")).startsWith("Ttl is invalid");
    HttpResponse<String> tooLong = admin("POST", path, "{\"ttl\":\"745h\"}");
    assertThat(tooLong.statusCode()).isEqualTo(400);
    assertThat(json(tooLong).getString("error")).startsWith("Ttl must be");
    assertThat(admin("POST", "/api/users/nope/one-time-access-token", "{}").statusCode())
        .isEqualTo(404);
  }

  @Test
  void userClaimsAreReplacedAndReservedOrDuplicateKeysRefusedWithNothingChanged() {
    String path = "/api/custom-claims/user/" + op.alice.id();
    HttpResponse<String> set =
        admin(
            "PUT",
            path,
            "[{\"key\":\"team\",\"value\":\"blue\"},{\"key\":\"floor\",\"value\":\"3\"}]");
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(array(set)).hasSize(2);
    List<CustomClaim> stored = op.storage.customClaims().forUser(op.alice.id());
    assertThat(stored)
        .containsExactly(new CustomClaim("floor", "3"), new CustomClaim("team", "blue"));

    String[][] refused = {
      {"[{\"key\":\"sub\",\"value\":\"x\"}]", "Claim sub is reserved and can't be used"},
      {
        "[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"a\",\"value\":\"2\"}]",
        "Claim a is already defined"
      },
      {"[{\"key\":\"\",\"value\":\"1\"}]", "Key is required"},
      {"[{\"key\":\"a\",\"value\":\"\"}]", "Value is required"},
      {"{\"key\":\"a\"}", "Invalid request body: expected a JSON array, got an object"},
    };
    for (String[] r : refused) {
      HttpResponse<String> response = admin("PUT", path, r[0]);
      assertThat(response.statusCode()).as(r[0]).isEqualTo(400);
      assertThat(json(response).getString("error")).isEqualTo(r[1]);
    }
    assertThat(op.storage.customClaims().forUser(op.alice.id())).isEqualTo(stored);
    assertThat(admin("PUT", "/api/custom-claims/user/nope", "[]").statusCode()).isEqualTo(404);

    HttpResponse<String> suggestions = admin("GET", "/api/custom-claims/suggestions", null);
    assertThat(suggestions.statusCode()).isEqualTo(200);
    assertThat(array(suggestions).getValuesAs(jakarta.json.JsonString.class))
        .extracting(jakarta.json.JsonString::getString)
        .containsExactly("floor", "team");
  }

  @Test
  void groupLifecycleWithDerivedNameMembersAndClaims() {
    HttpResponse<String> created =
        admin("POST", "/api/user-groups", "{\"friendlyName\":\"Dev Ops!\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).getString("id");
    assertThat(json(created).getString("name")).isEqualTo("dev_ops_");
    assertThat(op.storage.groups().findById(id)).isPresent();

    HttpResponse<String> members =
        admin(
            "PUT",
            "/api/user-groups/" + id + "/users",
            "{\"userIds\":[\"" + op.alice.id() + "\"]}");
    assertThat(members.statusCode()).isEqualTo(200);
    assertThat(json(members).getJsonArray("users")).hasSize(1);

    HttpResponse<String> claims =
        admin("PUT", "/api/custom-claims/user-group/" + id, "[{\"key\":\"tier\",\"value\":\"1\"}]");
    assertThat(claims.statusCode()).isEqualTo(200);
    assertThat(op.storage.customClaims().forGroup(id))
        .containsExactly(new CustomClaim("tier", "1"));

    HttpResponse<String> list = admin("GET", "/api/user-groups?search=dev", null);
    JsonObject first = json(list).getJsonArray("data").getJsonObject(0);
    assertThat(first.getInt("userCount")).isEqualTo(1);
    assertThat(first.getJsonArray("customClaims")).hasSize(1);

    HttpResponse<String> renamed =
        admin("PUT", "/api/user-groups/" + id, "{\"friendlyName\":\"Ops\",\"name\":\"ops\"}");
    assertThat(renamed.statusCode()).isEqualTo(200);
    assertThat(op.storage.groups().findById(id).orElseThrow().name()).isEqualTo("ops");
    assertThat(json(admin("GET", "/api/user-groups/" + id, null)).getString("friendlyName"))
        .isEqualTo("Ops");

    assertThat(admin("DELETE", "/api/user-groups/" + id, null).statusCode()).isEqualTo(204);
    assertThat(op.storage.groups().findById(id)).isEmpty();
    assertThat(admin("GET", "/api/user-groups/" + id, null).statusCode()).isEqualTo(404);
  }

  @Test
  void groupWhenInvalidOrNameTakenThen400AndNothingStored() {
    admin("POST", "/api/user-groups", "{\"friendlyName\":\"Devs\",\"name\":\"devs\"}");
    String[][] cases = {
      {"{\"name\":\"x1\"}", "FriendlyName is required"},
      {"{\"friendlyName\":\"D\",\"name\":\"d\"}", "Name must be at least 2 characters"},
      {"{\"friendlyName\":\"Devs 2\",\"name\":\"devs\"}", "Name is already in use"},
    };
    for (String[] c : cases) {
      HttpResponse<String> response = admin("POST", "/api/user-groups", c[0]);
      assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(json(response).getString("error")).isEqualTo(c[1]);
    }
    assertThat(op.storage.groups().list(PageRequest.of(1, 10)).totalItems()).isEqualTo(1);
  }

  @Test
  void groupListSortsAndPaginates() {
    for (String n : List.of("b-team", "a-team", "c-team")) {
      admin("POST", "/api/user-groups", "{\"friendlyName\":\"" + n + "\",\"name\":\"" + n + "\"}");
    }
    JsonObject page =
        json(
            admin(
                "GET",
                "/api/user-groups?sort[column]=name&sort[direction]=desc&pagination[limit]=2",
                null));
    assertThat(page.getJsonArray("data").getValuesAs(JsonObject.class))
        .extracting(o -> o.getString("name"))
        .containsExactly("c-team", "b-team");
    assertThat(page.getJsonObject("pagination").getInt("totalPages")).isEqualTo(2);
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  @Test
  void listFiltersByRoleAndStatusAndRefusesOtherFilterValues() {
    HttpResponse<String> admins = admin("GET", "/api/users?filters%5BisAdmin%5D=true", null);
    assertThat(admins.statusCode()).isEqualTo(200);
    assertThat(json(admins).getJsonArray("data")).hasSize(1);
    assertThat(json(admins).getJsonArray("data").getJsonObject(0).getString("username"))
        .isEqualTo("ada");
    HttpResponse<String> others = admin("GET", "/api/users?filters%5BisAdmin%5D=false", null);
    assertThat(json(others).getJsonObject("pagination").getInt("totalItems")).isEqualTo(1);
    HttpResponse<String> disabled = admin("GET", "/api/users?filters%5Bdisabled%5D=true", null);
    assertThat(json(disabled).getJsonArray("data")).isEmpty();
    HttpResponse<String> bad = admin("GET", "/api/users?filters%5Bdisabled%5D=maybe", null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(json(bad).getString("error")).isEqualTo("filters[disabled] must be true or false");
  }
}
